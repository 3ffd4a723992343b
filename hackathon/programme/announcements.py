"""Announcements' rules: who may be addressed, sending, pinning, and who may read which message."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import joinedload

from .. import realtime
from ..accounts.models import User
from ..clock import utcnow
from ..errors import Invalid, NotFound
from ..events.models import Event
from ..events.roles import ROLES
from ..extensions import db
from ..localized import check_translations
from .models import AUDIENCE_KINDS, TEXT_MAX, Announcement

LIST_LIMIT = 200
TRANSLATED = {"text": TEXT_MAX}  # what an announcement's translations may hold


def check_audience(event: Event, kind: str, value: str | int | None) -> str | None:
    """The audience's stored value (None, a role's name, or a team's id as text); `invalid` otherwise."""
    if kind not in AUDIENCE_KINDS:
        raise Invalid(_("Send to the whole event, to one role, or to one team."))
    if kind == "event":
        if value not in (None, ""):
            raise Invalid(_("An announcement to the whole event takes no audience value."))
        return None
    if kind == "role":
        if not isinstance(value, str) or value not in ROLES:
            raise Invalid(_("Choose a role: organisers, mentors, jurors, challenge owners or participants."))
        return value
    from ..teams.models import Team  # a team audience needs the team to exist at this event

    team_id = value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(value, str) and value.isdigit():
        team_id = int(value)
    if team_id is None or db.session.scalar(
            select(Team.id).where(Team.id == team_id, Team.event_id == event.id)) is None:
        raise Invalid(_("There is no such team at this event."), code="unknown_team")
    return str(team_id)


def announce(event: Event, sender: User, text: str, kind: str, value: str | int | None = None,
             translations: dict | None = None) -> Announcement:
    """Store a message for its audience, with its translations (the command audits it and publishes the fact)."""
    text = (text or "").strip()
    if not text:
        raise Invalid(_("Write a message."))
    if len(text) > TEXT_MAX:
        raise Invalid(_("Keep the message to %(n)d characters.", n=TEXT_MAX), code="too_long")
    stored = check_audience(event, kind, value)
    announcement = Announcement(event_id=event.id, text=text, audience_kind=kind, audience_value=stored,
                                sender_id=sender.id, sent_at=utcnow(), translations=check_translations(
                                    translations, list(event.translation_languages or []), TRANSLATED))
    db.session.add(announcement)
    db.session.flush()
    return announcement


def audience_text(event: Event, kind: str, stored: str | None) -> str:
    """Who an announcement went to, in words ("All mentors", "Team: Fixers"), for the audit log."""
    from .audiences import audience_label, team_names

    return audience_label(kind, stored, team_names(event) if kind == "team" else {})


def get_announcement(announcement_id: int) -> Announcement:
    """One announcement with its sender; `not_found` otherwise."""
    found = db.session.scalar(select(Announcement).where(Announcement.id == announcement_id)
                              .options(joinedload(Announcement.sender)))
    if found is None:
        raise NotFound(_("There is no such announcement."))
    return found


def set_pinned(announcement: Announcement, pinned: bool) -> bool:
    """Pin or unpin; returns whether it changed (pinning a pinned one again is a no-op, not a new version)."""
    result = db.session.execute(
        update(Announcement)
        .where(Announcement.id == announcement.id, Announcement.pinned != pinned)
        .values(pinned=pinned, version=Announcement.version + 1)
    )
    db.session.refresh(announcement)
    return result.rowcount == 1


def _audience_filter(roles: set[str], team_id: int | None):
    clauses = [Announcement.audience_kind == "event"]
    if roles:
        clauses.append(and_(Announcement.audience_kind == "role", Announcement.audience_value.in_(sorted(roles))))
    if team_id is not None:
        clauses.append(and_(Announcement.audience_kind == "team", Announcement.audience_value == str(team_id)))
    return or_(*clauses)


def visible(event: Event, roles: set[str], team_id: int | None) -> list[Announcement]:
    """The announcements a person with these roles (and team) may read, pinned first, newest first; one query."""
    query = select(Announcement).where(Announcement.event_id == event.id).options(joinedload(Announcement.sender))
    if "organiser" not in roles:  # organisers see everything that was sent
        query = query.where(_audience_filter(roles, team_id))
    query = query.order_by(Announcement.pinned.desc(), Announcement.sent_at.desc(), Announcement.id.desc())
    return list(db.session.scalars(query.limit(LIST_LIMIT)))


def room_of(announcement: Announcement) -> str:
    """The Socket.IO room of the people an announcement is for."""
    if announcement.audience_kind == "role":
        return realtime.role_room(announcement.event_id, announcement.audience_value or "")
    if announcement.audience_kind == "team":
        return realtime.team_room(int(announcement.audience_value or 0))
    return realtime.event_room(announcement.event_id)
