"""Walk-ins: an organiser registers someone at the door, with an account when they have none."""

from __future__ import annotations

from flask_babel import gettext as _

from ..accounts import services as accounts
from ..errors import Conflict
from ..events import registration as reg
from ..events.models import Event
from .badges import ensure_badge
from .holders import Registrant


def walk_in(event: Event, name: str, email: str, profile: reg.Profile, password_hash: str) -> Registrant:
    """Register the person (existing account or a new one with an unusable password) and issue their badge.

    `walkin_waitlisted` when the event is full: the organiser decides whether to raise the capacity first.
    """
    user = accounts.find_user(email) or accounts.create_user(email, name, password_hash=password_hash)
    registration = reg.register(event, user, profile, consent_data=True, by_organiser=True)
    if registration.status != "confirmed":
        raise Conflict(_("The event is full: raise the capacity in the settings to let this person in."),
                       code="walkin_waitlisted")
    ensure_badge(registration)
    return registration
