"""A badge's holder as check-in reads it: the person's registration, read through the events capability's
`people.registrations()` inside check-in's own statements, with the person's account."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Subquery, select

from ..accounts.models import User
from ..events.people import registrations
from ..extensions import db


class Registrant(Protocol):
    """What check-in reads of a registration: the events capability's own (`registration.get_registration`,
    `registration.register`) and a `Holder` both are one."""

    @property
    def id(self) -> int: ...
    @property
    def event_id(self) -> int: ...
    @property
    def user_id(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def dietary(self) -> str: ...
    @property
    def accessibility(self) -> str: ...
    @property
    def user(self) -> User: ...


@dataclass(frozen=True, slots=True)
class Holder:
    """A registration as the door reads it (`id` is the registration's), with the person's account."""

    id: int
    event_id: int
    user_id: int
    status: str
    organisation: str
    dietary: str
    accessibility: str
    user: User


def holder_columns(registration: Subquery) -> tuple:
    """The columns a Holder is made of, in its order (the account aside), from `people.registrations()`."""
    c = registration.c
    return c.id, c.event_id, c.user_id, c.status, c.organisation, c.dietary, c.accessibility


def holder(user: User, *columns) -> Holder:
    """A Holder from the account and the values of `holder_columns`."""
    return Holder(*columns, user=user)


def holder_of(registration_id: int) -> Holder | None:
    """The registration of this id as the door reads it, or None (one query)."""
    registration = registrations()
    row = db.session.execute(
        select(User, *holder_columns(registration)).select_from(registration)
        .join(User, User.id == registration.c.user_id).where(registration.c.id == registration_id)).first()
    return holder(*row) if row is not None else None
