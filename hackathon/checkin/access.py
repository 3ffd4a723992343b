"""Who may scan what: organisers of the badge's event; the one place check-in decides authorisation."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..errors import Forbidden, NotFound
from ..events.models import Event, Role
from ..events.roles import require_role
from ..events.services import get_event
from ..extensions import db
from .door_read import DoorRead


def organised_event_ids(user: User) -> set[int]:
    """The events at which the user is an organiser."""
    return set(db.session.scalars(select(Role.event_id).where(Role.user_id == user.id, Role.role == "organiser")))


def scanning_event(user: User, read: DoorRead | None, slug: str | None) -> Event:
    """The event a scan of this badge (None: an unknown code) is for, checking the scanner organises it.

    With an event slug, that event (a code of another event then reads as unknown_badge). Without one, the
    badge's event; a code the scanner's events do not know reads as unknown_badge; non-organisers get forbidden.
    """
    if read is not None and read.scanner_organises and slug in (None, read.badge.event.slug):
        return read.badge.event  # the usual scan: the door read answered both questions
    if slug is not None:
        event = get_event(slug)
        require_role(user, event, "organiser")
        return event
    organised = organised_event_ids(user)
    if not organised:
        raise Forbidden(_("Only organisers scan badges."))
    raise NotFound(_("Unknown badge: this code is not a badge of your event."), code="unknown_badge")
