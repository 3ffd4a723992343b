"""Who holds which role at an event, as other capabilities ask it: subqueries to use inside their own statements
(one statement, no rows carried across) and the events where a person is the only organiser."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, func, select

from ..extensions import db
from .models import Event, Role


def holders(event_id: int, roles: str | Iterable[str]) -> Select:
    """The ids of the people holding one of these roles at the event, as a subquery (`.in_(holders(...))`)."""
    wanted = [roles] if isinstance(roles, str) else list(roles)
    return select(Role.user_id).where(Role.event_id == event_id, Role.role.in_(wanted))


def events_held(user_id: int, roles: str | Iterable[str]) -> Select:
    """The ids of the events at which the person holds one of these roles, as a subquery."""
    wanted = [roles] if isinstance(roles, str) else list(roles)
    return select(Role.event_id).where(Role.user_id == user_id, Role.role.in_(wanted))


def sole_organiser_of(user_id: int) -> list[str]:
    """Names of the events where the person is the only organiser (they could no longer be run or handed over)."""
    counts = db.session.execute(
        select(Event.name, func.count(Role.id)).join(Role, Role.event_id == Event.id)
        .where(Role.role == "organiser", Event.id.in_(events_held(user_id, "organiser")))
        .group_by(Event.id, Event.name)
    )
    return sorted(name for name, n in counts if n == 1)
