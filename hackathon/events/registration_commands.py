"""Registration commands: a person registers, changes or cancels their registration; an organiser cancels one.

Each applies the rules (`registration`), writes the audit entry when an organiser acts, and declares that the
organisers' counters changed; `hackathon.commands` runs it as one unit of work. The pages and the JSON API only
call these, then mail the people concerned from what is returned (`emails.send_after_registration`).
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..audit.services import record as audit
from ..commands import Actor, changed, command
from ..errors import NotFound
from . import registration as reg
from .commands import REGISTRATIONS
from .models import Event, Registration


def _answer(registration: Registration, promoted: list[Registration] = ()) -> dict:
    return {"registration_id": registration.id, "status": registration.status,
            "promoted": [other.id for other in promoted]}


@command("events.register")
def register(actor: Actor, *, event: Event, profile: reg.Profile, consent_data: bool) -> dict:
    """A person registers: a seat while there is one, else the waitlist (`conflict` when already registered)."""
    registration = reg.register(event, actor.user, profile, consent_data=consent_data)
    changed(REGISTRATIONS, event.id, event.id)
    return _answer(registration)


@command("events.update_registration")
def update_registration(actor: Actor, *, event: Event, registration_id: int, profile: reg.Profile,
                        expected_version: int | None = None) -> dict:
    """A person changes the profile of their own registration (`conflict` if it changed since they read it)."""
    registration = reg.get_registration(event, registration_id)
    if registration.user_id != actor.id:
        raise NotFound(_("No such registration."))
    reg.update_profile(registration, profile, expected_version=expected_version)
    changed(REGISTRATIONS, event.id, event.id)
    return _answer(registration)


@command("events.cancel_own_registration")
def cancel_own_registration(actor: Actor, *, event: Event) -> dict:
    """A person cancels their registration; a freed seat goes to the first on the waitlist."""
    registration = reg.registration_of(event, actor.user)
    if registration is None:
        raise NotFound(_("There is no registration to cancel."))
    promoted = reg.cancel(registration)
    changed(REGISTRATIONS, event.id, event.id)
    return _answer(registration, promoted)


@command("events.cancel_registration")
def cancel_registration(actor: Actor, *, event: Event, registration_id: int) -> dict:
    """Organisers cancel someone's registration, logged; a freed seat goes to the first on the waitlist."""
    actor.require(event, "organiser")
    registration = reg.get_registration(event, registration_id)
    promoted = reg.cancel(registration)
    audit(event, actor.user, "registration.cancelled", f"user:{registration.user_id}",
          _("Registration of %(name)s cancelled.", name=registration.user.name),
          registration_id=registration.id, promoted=[other.user_id for other in promoted])
    changed(REGISTRATIONS, event.id, event.id)
    return {**_answer(registration, promoted), "name": registration.user.name}
