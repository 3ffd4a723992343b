"""Facts the check-in capability publishes after its commits."""

from __future__ import annotations

import datetime as dt

from .. import realtime
from ..events.models import Event
from .attendance import stats
from .models import CheckinPoint


def publish_stats(event: Event, day: dt.date, point: CheckinPoint | None = None) -> dict:
    """Tell organisers the day's counters (after the commit); returns the payload."""
    payload = stats(event, day, point)
    realtime.publish("checkin:stats", payload, realtime.role_room(event.id, "organiser"))
    return payload
