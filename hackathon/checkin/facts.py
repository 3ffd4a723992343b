"""Facts the check-in capability publishes after its commits."""

from __future__ import annotations

import datetime as dt

from .. import realtime
from ..events.models import Event
from ..extensions import db
from .access import DOOR_ROLES
from .attendance import stats
from .models import CheckinPoint


def publish_stats(event_id: int, day: dt.date, point_id: int | None = None) -> None:
    """Tell organisers and door staff the day's counters at a point (after the commit; at most a few times a second)."""

    def build():
        event = db.session.get(Event, event_id)
        if event is None:
            return None
        point = db.session.get(CheckinPoint, point_id) if point_id is not None else None
        return "checkin:stats", stats(event, day, point), [realtime.role_room(event_id, role) for role in DOOR_ROLES]

    realtime.publish_summary(f"checkin:stats:{event_id}:{day.isoformat()}:{point_id}", build)
