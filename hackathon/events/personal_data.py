"""What the events capability erases for a person (privacy's "erase_person" hook): their registrations, and their
address on the invitations sent to it.

A live registration is cancelled (its seat goes to the waitlist); every registration keeps its status, dates and
consent as the record of what happened, without the fields that describe the person. Invitations addressed to the
person keep working as records, without the address.
"""

from __future__ import annotations

from sqlalchemy import select, update

from ..extensions import db
from . import registration as reg
from .models import Invitation, Registration

# The registration columns that describe the person.
REGISTRATION_PERSONAL_FIELDS = {
    "organisation": "", "country": "", "skills": [], "interests": [], "languages": [], "bio": "", "dietary": "",
    "accessibility": "",
}


def erase_registrations(user) -> dict[str, list]:
    """Cancel and blank the person's registrations: {"promoted": registrations moved up, "events": whose counts
    changed}, for the mails and facts privacy sends after the commit."""
    promoted: list[Registration] = []
    events = []
    registrations = db.session.scalars(select(Registration).where(Registration.user_id == user.id)).all()
    for registration in registrations:
        if registration.status != "cancelled":
            promoted.extend(reg.cancel(registration))  # the freed seat goes to the waitlist
            events.append(registration.event)
    db.session.execute(
        update(Registration).where(Registration.user_id == user.id)
        .values(**REGISTRATION_PERSONAL_FIELDS, version=Registration.version + 1)
        .execution_options(synchronize_session=False)
    )
    for registration in registrations:
        db.session.refresh(registration)
    return {"promoted": promoted, "events": events}


def erase_invitation_addresses(user) -> None:
    """Take the person's address off the invitations sent to it (it is still theirs: accounts anonymise last)."""
    db.session.execute(update(Invitation).where(Invitation.email == user.email).values(email=None))
