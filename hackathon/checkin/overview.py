"""Check-in's part of the organiser's overview: today's door, arrivals per quarter hour."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from sqlalchemy import select

from ..clock import local_today
from ..events.models import Event
from ..events.services import event_dates
from ..extensions import db
from . import attendance
from .models import Checkin, CheckinPoint
from .scanning import existing_door


def arrivals_today(event: Event, day: dt.date, point: CheckinPoint | None) -> list[dict]:
    """Arrivals at the door per quarter hour of the day (only the check-in times are read: one query)."""
    if point is None:
        return []
    rows = db.session.execute(
        select(Checkin.at).where(Checkin.event_id == event.id, Checkin.point_id == point.id, Checkin.day == day,
                                 Checkin.undone_at.is_(None)))
    return [asdict(a) for a in attendance.arrivals(event, day, list(rows))]

def checkin(event: Event, day: dt.date) -> dict:
    """The day's door: checked in, expected, not arrived, whether it is an event day, arrivals per quarter hour."""
    door = existing_door(event)
    stats = attendance.stats(event, day, door)
    return {"day": day.isoformat(), "event_day": day in event_dates(event), "checked_in": stats["checked_in"],
            "expected": stats["expected"], "not_arrived": max(stats["expected"] - stats["checked_in"], 0),
            "arrivals": arrivals_today(event, day, door)}

def section(event: Event, now: dt.datetime) -> dict:
    """The overview's checkin section (registered as an "overview_section" hook)."""
    return {"checkin": checkin(event, local_today(event.timezone))}
