"""Who may scan: organisers and door staff of the badge's event; the one place check-in decides authorisation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import gettext as _

from ..accounts.models import User
from ..errors import Forbidden, NotFound
from ..events.models import Event
from ..events.people import events_held
from ..events.roles import require_role
from ..events.services import get_event
from ..extensions import db

if TYPE_CHECKING:  # door_read imports DOOR_ROLES from here
    from .door_read import DoorRead

# The roles that work the door: the scanner, the name search, today's attendance. Door staff see nothing else.
DOOR_ROLES = ("organiser", "door")


def require_door(user: User, event: Event) -> set[str]:
    """Refuse with `forbidden` unless the user works the door at this event (organiser or door staff)."""
    return require_role(user, event, *DOOR_ROLES)


def door_event_ids(user: User) -> set[int]:
    """The events at which the user works the door."""
    return set(db.session.scalars(events_held(user.id, DOOR_ROLES)))


def scanning_event(user: User, read: DoorRead | None, slug: str | None) -> Event:
    """The event a scan of this badge (None: an unknown code) is for, checking the scanner works its door.

    With an event slug, that event (a code of another event then reads as unknown_badge). Without one, the
    badge's event; a code the scanner's events do not know reads as unknown_badge; anyone else gets forbidden.
    """
    if read is not None and read.scanner_at_door and slug in (None, read.badge.event.slug):
        return read.badge.event  # the usual scan: the door read answered both questions
    if slug is not None:
        event = get_event(slug)
        require_door(user, event)
        return event
    if not door_event_ids(user):
        raise Forbidden(_("Only organisers and door staff scan badges."))
    raise NotFound(_("Unknown badge: this code is not a badge of your event."), code="unknown_badge")


def door_landing(user: User) -> str | None:
    """Door staff and nothing else: they land on the scanner of their event running today (or the next one)."""
    from flask import url_for

    from ..accounts.admin import is_admin
    from ..clock import local_today
    from ..events.roles import roles_by_event

    held = roles_by_event(user)
    if not held or is_admin(user) or any(roles != {"door"} for roles in held.values()):
        return None
    events = [db.session.get(Event, event_id) for event_id in held]

    def soonest(event: Event) -> tuple:
        today = local_today(event.timezone)
        days = [d.date for d in event.days]
        if today in days:
            return (0, today)
        upcoming = [d for d in days if d > today]
        return (1, upcoming[0]) if upcoming else (2, today - max(days or [today]))

    return url_for("checkin.scanner", slug=min(events, key=soonest).slug)
