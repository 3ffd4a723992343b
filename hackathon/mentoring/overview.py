"""Mentoring's part of the organiser's overview: slots booked and offered, the help queue, bookings per hour."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from datetime import UTC, timedelta

from sqlalchemy import func, select

from ..clock import to_zone
from ..events.models import Event
from ..extensions import db
from ..overview.charts import bars
from .commands import expire_stale_requests
from .helpqueue import queue_stats
from .models import MentorSlot

BOOKING_HOURS = 12  # the bookings chart shows this many hours, up to the current one


def bookings_per_hour(event: Event, now: dt.datetime, hours: int = BOOKING_HOURS) -> list[dict]:
    """Mentor slots booked in each of the last `hours` hours (labelled in the event's zone), bookings that stand."""
    # Hours are counted on UTC instants (a local hour's start moved to UTC), so that a clock change is no gap.
    this_hour = to_zone(now, event.timezone).replace(minute=0, second=0, microsecond=0).astimezone(UTC)
    start = this_hour - timedelta(hours=hours - 1)
    counted: Counter[int] = Counter()
    for (booked_at,) in db.session.execute(
            select(MentorSlot.booked_at).where(MentorSlot.event_id == event.id, MentorSlot.status == "booked",
                                               MentorSlot.booked_at >= start)):
        counted[int((booked_at - start).total_seconds() // 3600)] += 1
    labels = [to_zone(start + timedelta(hours=i), event.timezone).strftime("%H:00") for i in range(hours)]
    return bars((label, counted.get(i, 0)) for i, label in enumerate(labels))

def mentoring(event: Event, now: dt.datetime) -> dict:
    """Mentor slots booked of those offered, slots still without a mentor, the help queue, bookings per hour."""
    slots = dict(db.session.execute(
        select(MentorSlot.status, func.count()).where(MentorSlot.event_id == event.id).group_by(MentorSlot.status)
    ).all())
    queue = queue_stats(event.id)
    booked, available = slots.get("booked", 0), slots.get("available", 0)
    return {"slots_booked": booked, "slots_offered": booked + available, "slots_free": available,
            "slots_without_mentor": slots.get("open", 0), "help_waiting": queue["waiting"],
            "help_being_helped": queue["counts"]["claimed"], "longest_wait_seconds": queue["longest_wait_seconds"],
            "median_wait_seconds": queue["median_wait_seconds"], "bookings_per_hour": bookings_per_hour(event, now)}

def section(event: Event, now: dt.datetime) -> dict:
    """The overview's mentoring section; help requests that waited too long are expired first, as the mentoring
    pages do (registered as an "overview_section" hook)."""
    expire_stale_requests(event.id)
    return {"mentoring": mentoring(event, now)}
