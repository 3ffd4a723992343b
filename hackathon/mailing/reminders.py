"""Reminders: a mail to a team before its booked mentoring session and before the pitches, each sent once.

"Once" is the database's promise: a reminder is claimed by inserting its row into `reminders_sent`, whose
unique key (kind, subject, person) lets only the first worker in; the mail goes after that commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask import current_app, render_template
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from ..clock import iso, utcnow
from ..events.people import contacts
from ..events.services import list_events
from ..extensions import db
from ..judging.session import pitch_lineup
from ..mail import send_mail
from ..mentoring.grid import slots_json
from ..programme.agenda import agenda
from ..public_urls import public_url
from ..transactions import unit_of_work
from .audiences import team_member_ids
from .models import ReminderSent


@dataclass
class Due:
    """One reminder to one team: what it is about, when it starts, and the words that fill the mail."""

    kind: str
    subject: str
    event_id: int
    event_name: str
    slug: str
    timezone: str
    team_id: int
    starts_at: dt.datetime
    details: dict


def _parse(moment: str) -> dt.datetime:
    return dt.datetime.fromisoformat(moment.replace("Z", "+00:00"))


def _running(event, now: dt.datetime, lead: dt.timedelta) -> bool:
    """Whether any day of the event falls within the reminder window (skips every other event cheaply)."""
    zone = ZoneInfo(event.timezone)
    window = {now.astimezone(zone).date(), (now + lead).astimezone(zone).date()}
    return any(day.date in window for day in event.days)


def due(now: dt.datetime, lead: dt.timedelta) -> list[Due]:
    """The reminders whose moment lies within (now, now + lead]: booked sessions and the pitch blocks."""
    found: list[Due] = []
    for event in list_events():
        if not _running(event, now, lead):
            continue
        common = {"event_id": event.id, "event_name": event.name, "slug": event.slug, "timezone": event.timezone}
        for slot in slots_json(event.id):
            starts = _parse(slot["starts_at"])
            if slot["status"] == "booked" and slot["team"] and now < starts <= now + lead:
                mentor = slot["mentor"]["name"] if slot["mentor"] else ""
                found.append(Due("mentoring", f"slot:{slot['id']}@{slot['starts_at']}", team_id=slot["team"]["id"],
                                 starts_at=starts, details={"mentor": mentor, "where": slot["location"] or ""},
                                 **common))
        pitches = [item for item in agenda(event) if item.kind == "pitch" and now < item.starts_at <= now + lead]
        if pitches:
            lineup = {team_id: (position, name) for position, (team_id, name) in enumerate(pitch_lineup(event), 1)}
            for item in pitches:
                for team_id, (position, name) in lineup.items():
                    found.append(Due("pitch", f"pitch:{item.id}:{team_id}@{iso(item.starts_at)}", team_id=team_id,
                                     starts_at=item.starts_at, details={"position": position, "team": name,
                                                                        "where": item.place}, **common))
    return found


def _claim(reminders: list[Due]) -> list[tuple[Due, int, int]]:
    """Insert a row per reminder and member; the ones this call inserted are this worker's to send."""
    members_by_event: dict[int, dict[int, list[int]]] = {}
    mine: list[tuple[Due, int, int]] = []
    with unit_of_work():
        for reminder in reminders:
            members = members_by_event.setdefault(reminder.event_id, team_member_ids(reminder.event_id))
            for user_id in members.get(reminder.team_id, []):
                row = ReminderSent(event_id=reminder.event_id, kind=reminder.kind, subject=reminder.subject,
                                   user_id=user_id, sent_at=utcnow())
                try:
                    with db.session.begin_nested():
                        db.session.add(row)
                except IntegrityError:  # sent already (by this worker earlier, or another one just now)
                    continue
                mine.append((reminder, user_id, row.id))
    return mine


def _mail(reminder: Due, person) -> bool:
    with force_locale(person.locale or "en"):
        when = format_datetime(reminder.starts_at, "EEE HH:mm", tzinfo=ZoneInfo(reminder.timezone),
                               locale=get_locale())
        if reminder.kind == "mentoring":
            subject = _("Your mentoring session starts at %(when)s", when=when)
        else:
            subject = _("The pitches start at %(when)s", when=when)
        text = render_template("mailing/email/reminder.txt", reminder=reminder, person=person, when=when,
                               link=public_url("events.event_page", slug=reminder.slug))
    return send_mail(person.email, subject, text)


def send_due(now: dt.datetime | None = None) -> int:
    """Find what is due, claim each reminder once, mail it; returns how many mails went out."""
    now = now or utcnow()
    lead = dt.timedelta(minutes=current_app.config.get("REMINDER_MINUTES", 30))
    claimed = _claim(due(now, lead))
    if not claimed:
        return 0
    people = {c.id: c for c in contacts(user_id for _r, user_id, _row in claimed)}
    delivered = [row_id for reminder, user_id, row_id in claimed
                 if user_id in people and _mail(reminder, people[user_id])]
    if delivered:
        with unit_of_work():
            db.session.execute(update(ReminderSent).where(ReminderSent.id.in_(delivered)).values(delivered=True)
                               .execution_options(synchronize_session=False))
    return len(delivered)
