"""The events' days as other capabilities read them: a selectable to join in their own statements."""

from __future__ import annotations

from sqlalchemy import Subquery, select

from .models import EventDay


def event_days() -> Subquery:
    """Every day of every event (`event_id`, `date`), to join or aggregate in the caller's own statement
    (`func.max(d.c.date)` … `.where(d.c.event_id == Event.id)`): one statement, not a list per event."""
    return select(EventDay.event_id, EventDay.date).subquery("event_day")
