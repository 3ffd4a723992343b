"""Who is at an event, as other capabilities ask it: subqueries to use inside their own statements (one
statement, no rows carried across), the registrations' columns they may read, the events where a person is the
only organiser, and contacts for the capabilities that write to people (mailings, reminders)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, Subquery, func, select

from ..accounts.models import User
from ..extensions import db
from .models import Event, Registration, Role


def holders(event_id: int | ColumnElement[int], roles: str | Iterable[str]) -> Select:
    """The ids of the people holding one of these roles at the event, as a subquery (`.in_(holders(...))`); given a
    column (`Badge.event_id`), the subquery is correlated with the caller's statement."""
    wanted = [roles] if isinstance(roles, str) else list(roles)
    return select(Role.user_id).where(Role.event_id == event_id, Role.role.in_(wanted))


def holders_at_any_event(roles: str | Iterable[str]) -> Select:
    """The ids of the people holding one of these roles at any event, as a subquery."""
    wanted = [roles] if isinstance(roles, str) else list(roles)
    return select(Role.user_id).where(Role.role.in_(wanted))


def events_held(user_id: int, roles: str | Iterable[str]) -> Select:
    """The ids of the events at which the person holds one of these roles, as a subquery."""
    wanted = [roles] if isinstance(roles, str) else list(roles)
    return select(Role.event_id).where(Role.user_id == user_id, Role.role.in_(wanted))


def confirmed(event_id: int) -> Select:
    """The ids of the people confirmed at the event (a confirmed registration), as a subquery."""
    return select(Registration.user_id).where(Registration.event_id == event_id, Registration.status == "confirmed")


def events_registered(user_id: int, status: str) -> Select:
    """The ids of the events at which the person's registration has this status, as a subquery."""
    return select(Registration.event_id).where(Registration.user_id == user_id, Registration.status == status)


def registrations() -> Subquery:
    """Every registration with the columns other capabilities read (status, profile, consent), to join in their own
    statements: `r = registrations()`, then `r.c.user_id`, `r.c.status`, `r.c.organisation` … (the registration's
    own id is `r.c.id`, which check-in's badges point at)."""
    return select(
        Registration.id, Registration.event_id, Registration.user_id, Registration.status, Registration.organisation,
        Registration.country, Registration.skills, Registration.interests, Registration.languages,
        Registration.dietary, Registration.accessibility, Registration.consent_data_version,
        Registration.consent_data_at, Registration.consent_photos,
    ).subquery("registration")


def sole_organiser_of(user_id: int) -> list[str]:
    """Names of the events where the person is the only organiser (they could no longer be run or handed over)."""
    counts = db.session.execute(
        select(Event.name, func.count(Role.id)).join(Role, Role.event_id == Event.id)
        .where(Role.role == "organiser", Event.id.in_(events_held(user_id, "organiser")))
        .group_by(Event.id, Event.name)
    )
    return sorted(name for name, n in counts if n == 1)


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


def staff_roles(event_id: int) -> dict[int, set[str]]:
    """Every staff role held at the event, by person (one query)."""
    found: dict[int, set[str]] = {}
    for user_id, role in db.session.execute(select(Role.user_id, Role.role).where(Role.event_id == event_id)):
        found.setdefault(user_id, set()).add(role)
    return found


def contacts(user_ids: Iterable[int]) -> list[Contact]:
    """Active accounts among these ids (an erased account is inactive), by id; one query per 500 ids."""
    ids = sorted(set(user_ids))
    found: list[Contact] = []
    for start in range(0, len(ids), 500):
        rows = db.session.execute(select(User.id, User.name, User.email, User.locale)
                                  .where(User.id.in_(ids[start:start + 500]), User.active.is_(True)).order_by(User.id))
        found.extend(Contact(*row) for row in rows)
    return found
