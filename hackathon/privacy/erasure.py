"""Deleting an account: personal data removed or anonymised, team and jury history kept consistent.

The users row stays (scores, bookings and team memberships keep pointing at it) but carries no
personal data any more. Capabilities that hold personal free text of their own register an eraser.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from ..accounts.models import ApiToken, Invitation, User
from ..accounts.passwords import verify_password
from ..errors import Conflict, Invalid
from ..events import registration as reg
from ..events.models import Event, Registration, Role
from ..extensions import db

Eraser = Callable[[User], None]
_erasers: list[Eraser] = []

# The registration columns that describe the person; status, dates and consent stay as the record of what happened.
REGISTRATION_PERSONAL_FIELDS = {
    "organisation": "", "country": "", "skills": [], "interests": [], "languages": [], "bio": "", "dietary": "",
    "accessibility": "",
}


def register_eraser(eraser: Eraser) -> None:
    """Add fn(user) that blanks a capability's own personal fields; it runs before the user row is anonymised."""
    if eraser not in _erasers:
        _erasers.append(eraser)


def anonymous_name(user_id: int) -> str:
    """The name an anonymised account carries."""
    return f"Deleted person #{user_id}"


def anonymous_email(user_id: int) -> str:
    """The address an anonymised account carries (the .invalid domain never resolves)."""
    return f"deleted-{user_id}@invalid"


def is_anonymised(user: User) -> bool:
    """Whether the account has already been anonymised."""
    return user.email == anonymous_email(user.id)


@dataclass
class Erasure:
    """What an erasure changed that others must hear of after the commit."""

    promoted: list[Registration] = field(default_factory=list)  # moved up from a waitlist by a freed seat
    events: list[Event] = field(default_factory=list)  # whose registration counts changed


def _erase_registrations(user: User, result: Erasure) -> None:
    registrations = db.session.scalars(select(Registration).where(Registration.user_id == user.id)).all()
    for registration in registrations:
        if registration.status != "cancelled":
            result.promoted.extend(reg.cancel(registration))  # the freed seat goes to the waitlist
            result.events.append(registration.event)
    db.session.execute(
        update(Registration).where(Registration.user_id == user.id)
        .values(**REGISTRATION_PERSONAL_FIELDS, version=Registration.version + 1)
        .execution_options(synchronize_session=False)
    )
    for registration in registrations:
        db.session.refresh(registration)


def erase_account(user: User) -> Erasure:
    """Anonymise the person; returns who moved up from waitlists and whose counts changed."""
    if is_anonymised(user):
        raise Conflict(_("This account has already been deleted."), code="already_deleted")
    result = Erasure()
    _erase_registrations(user, result)
    db.session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    # Invitations addressed to the person keep working as records, without the address.
    db.session.execute(update(Invitation).where(Invitation.email == user.email).values(email=None))
    for eraser in list(_erasers):
        eraser(user)
    db.session.execute(
        update(User).where(User.id == user.id).values(
            name=anonymous_name(user.id), email=anonymous_email(user.id), locale=None, active=False,
            # No "$": werkzeug can never match it, so nobody can log in with any password.
            password_hash="!deleted-" + secrets.token_hex(16), session_epoch=User.session_epoch + 1,
        ).execution_options(synchronize_session=False)
    )
    db.session.refresh(user)
    return result


def _sole_organiser_of(user: User) -> list[str]:
    """Names of the events where the user is the only organiser."""
    mine = select(Role.event_id).where(Role.user_id == user.id, Role.role == "organiser")
    counts = db.session.execute(
        select(Event.name, func.count(Role.id)).join(Role, Role.event_id == Event.id)
        .where(Role.role == "organiser", Event.id.in_(mine)).group_by(Event.id, Event.name)
    )
    return sorted(name for name, n in counts if n == 1)


def delete_own_account(user: User, password: str) -> Erasure:
    """Erase the account after checking the person's password (code wrong_password otherwise)."""
    if not verify_password(user.password_hash, password or ""):
        raise Invalid(_("Your password is not right."), code="wrong_password")
    # An event without an organiser could no longer be run or handed over.
    alone = _sole_organiser_of(user)
    if alone:
        raise Conflict(_("You are the only organiser of %(events)s. Make someone else an organiser first.",
                         events=", ".join(alone)), code="last_organiser")
    return erase_account(user)
