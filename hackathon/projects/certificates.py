"""Certificates: of participation for everyone checked in, of achievement for the members of winning teams.

Who gets one is read in one query each; the texts are put together in the reader's language here, and the PDF
is drawn from plain values (`render`), so that it can run in a native thread under eventlet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from babel.dates import format_date
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..checkin.attendance import attended
from ..events.models import Event
from ..events.people import registrations
from ..extensions import db
from ..teams.membership import members
from ..teams.models import Team
from .awards import Award, awards
from .models import Project
from .pdf import Document, Font


@dataclass(frozen=True)
class Person:
    """Someone a certificate is for, with their team and its project (if any)."""

    user_id: int
    name: str
    team_id: int | None = None
    team: str = ""
    project: str = ""


@dataclass
class Page:
    """One certificate's texts, ready to draw."""

    heading: str
    lines_before: list[str]
    name: str
    lines_after: list[str] = field(default_factory=list)
    footer: str = ""


def _people(event: Event, user_filter=None) -> list[Person]:
    registration = registrations()
    seats = members(event.id).subquery()
    query = (select(User.id, User.name, Team.id, Team.name, Project.title)
             .join(registration, registration.c.user_id == User.id)
             .outerjoin(seats, seats.c.user_id == User.id)
             .outerjoin(Team, Team.id == seats.c.team_id)
             .outerjoin(Project, Project.team_id == Team.id)
             .where(registration.c.event_id == event.id)
             .order_by(User.name).distinct())
    if user_filter is not None:
        query = query.where(user_filter)
    return [Person(uid, name, team_id, team or "", title or "") for uid, name, team_id, team, title
            in db.session.execute(query)]


def checked_in(event: Event, user_id: int | None = None) -> list[Person]:
    """Everyone checked in at least once at the event (one query), by name."""
    condition = User.id.in_(attended(event.id))
    if user_id is not None:
        condition = condition & (User.id == user_id)
    return _people(event, condition)


def winners(event: Event, won: dict[int, list[Award]] | None = None, user_id: int | None = None) -> list[Person]:
    """The members of every winning team (one query after the awards), by name."""
    won = awards(event) if won is None else won
    if not won:
        return []
    condition = Team.id.in_(list(won))
    if user_id is not None:
        condition = condition & (User.id == user_id)
    return _people(event, condition)


def _dates(event: Event) -> str:
    days = [d.date for d in event.days]
    if not days:
        return ""
    locale = get_locale()
    first, last = format_date(days[0], "long", locale=locale), format_date(days[-1], "long", locale=locale)
    return first if days[0] == days[-1] else f"{first} – {last}"


def _where(event: Event) -> str:
    return ", ".join(part for part in (_dates(event), event.city) if part)


def participation_page(event: Event, person: Person) -> Page:
    """The certificate of participation's texts."""
    after = [_("took part in the %(event)s, %(when)s.", event=event.name, when=_where(event))]
    if person.team:
        after.append(_("As a member of the team %(team)s, they worked on “%(project)s”.", team=person.team,
                       project=person.project) if person.project else
                     _("They were a member of the team %(team)s.", team=person.team))
    return Page(heading=_("Certificate of participation"), lines_before=[_("This certifies that")],
                name=person.name, lines_after=after, footer=_("The organisers of the %(event)s", event=event.name))


def winner_page(event: Event, person: Person, team_awards: list[Award]) -> Page:
    """The certificate of achievement's texts: the awards of the person's team."""
    after = [_("with the team %(team)s, won at the %(event)s, %(when)s:", team=person.team, event=event.name,
               when=_where(event))]
    after.extend(f"{award.label()}" + (f" — {award.prize}" if award.prize else "") for award in team_awards)
    if person.project:
        after.append(_("for the project “%(project)s”.", project=person.project))
    return Page(heading=_("Certificate of achievement"), lines_before=[_("This certifies that")], name=person.name,
                lines_after=after, footer=_("The organisers of the %(event)s", event=event.name))


def render(pages: list[Page], font: Font, title: str, author: str) -> bytes:
    """The certificates as one PDF, a landscape A4 page each."""
    document = Document(font, orientation="landscape", title=title, author=author)
    document.set_margins(25, 20, 25)
    for page in pages:
        document.add_page()
        document.set_draw_color(15, 92, 77)
        document.set_line_width(1.2)
        document.rect(10, 10, document.w - 20, document.h - 20)
        document.set_line_width(0.3)
        document.rect(13, 13, document.w - 26, document.h - 26)
        document.set_y(38)
        document.set_text_color(15, 92, 77)
        document.line_of(page.heading, 30, bold=True, height=14)
        document.set_text_color(40, 40, 40)
        document.ln(8)
        for line in page.lines_before:
            document.line_of(line, 14, height=8)
        document.ln(4)
        document.line_of(page.name, 26, bold=True, height=13)
        document.ln(4)
        for line in page.lines_after:
            document.line_of(line, 14, height=8)
        document.set_y(document.h - 40)
        document.set_text_color(90, 90, 90)
        document.line_of(page.footer, 11, height=6)
    return bytes(document.output())
