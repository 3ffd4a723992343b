"""Who is at an event, as contacts: for capabilities that write to people (mailings, reminders)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from .models import Registration, Role


@dataclass(frozen=True, slots=True)
class Contact:
    """A person to write to: their address and the language they read."""

    id: int
    name: str
    email: str
    locale: str | None


def registered_ids(event_id: int, status: str) -> set[int]:
    """The people whose registration at the event has this status (confirmed, waitlisted, cancelled)."""
    return set(db.session.scalars(select(Registration.user_id).where(Registration.event_id == event_id,
                                                                     Registration.status == status)))


def role_ids(event_id: int, *roles: str) -> set[int]:
    """The people holding any of these staff roles at the event."""
    return set(db.session.scalars(select(Role.user_id).where(Role.event_id == event_id, Role.role.in_(roles))))


def contacts(user_ids: Iterable[int]) -> list[Contact]:
    """Active accounts among these ids (an erased account is inactive), by id; one query per 500 ids."""
    ids = sorted(set(user_ids))
    found: list[Contact] = []
    for start in range(0, len(ids), 500):
        rows = db.session.execute(select(User.id, User.name, User.email, User.locale)
                                  .where(User.id.in_(ids[start:start + 500]), User.active.is_(True)).order_by(User.id))
        found.extend(Contact(*row) for row in rows)
    return found
