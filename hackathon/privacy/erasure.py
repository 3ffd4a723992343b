"""Deleting an account: personal data removed or anonymised, team and jury history kept consistent.

The users row stays (scores, bookings and team memberships keep pointing at it) but carries no personal data any
more. Privacy writes into no other capability's tables: each capability that holds personal data says what it
erases for a person, in its wiring:

    registry(app).add_hook("erase_person", fn)   # fn(user) -> None, or {"promoted": [...], "events": [...]}

Every hook runs inside the deletion's unit of work, in registration order, before the account itself is
anonymised (`accounts.anonymising`); what they return is collected for the mails and facts sent after the commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask
from flask_babel import gettext as _

from ..accounts.anonymising import anonymise, is_anonymised
from ..accounts.models import User
from ..accounts.passwords import verify_password
from ..errors import Conflict, Invalid
from ..events.models import Event
from ..events.people import sole_organiser_of
from ..registry import registry

ERASE_PERSON = "erase_person"
Eraser = Callable[[User], dict[str, list] | None]


def register_eraser(app: Flask, eraser: Eraser) -> None:
    """Add fn(user) that erases a capability's personal data; it runs before the user row is anonymised."""
    registry(app).add_hook(ERASE_PERSON, eraser)


@dataclass
class Erasure:
    """What an erasure changed that others must hear of after the commit (collected from the hooks)."""

    promoted: list = field(default_factory=list)  # registrations moved up from a waitlist by a freed seat
    events: list[Event] = field(default_factory=list)  # whose registration counts changed


def erase_account(user: User) -> Erasure:
    """Anonymise the person; returns who moved up from waitlists and whose counts changed."""
    if is_anonymised(user):
        raise Conflict(_("This account has already been deleted."), code="already_deleted")
    result = Erasure()
    for eraser in registry().hooks_for(ERASE_PERSON):
        changed = eraser(user) or {}
        result.promoted.extend(changed.get("promoted", ()))
        result.events.extend(changed.get("events", ()))
    anonymise(user)
    return result


def delete_own_account(user: User, password: str) -> Erasure:
    """Erase the account after checking the person's password (code wrong_password otherwise)."""
    if not verify_password(user.password_hash, password or ""):
        raise Invalid(_("Your password is not right."), code="wrong_password")
    # An event without an organiser could no longer be run or handed over.
    alone = sole_organiser_of(user.id)
    if alone:
        raise Conflict(_("You are the only organiser of %(events)s. Make someone else an organiser first.",
                         events=", ".join(alone)), code="last_organiser")
    return erase_account(user)
