"""Facts the check-in capability publishes after its commits: `checkin:stats`, the door's counters.

A command declares `changed(STATS, event_id, stats_subject(day, point_id))`: the subject is a day at a
check-in point (the outbox keeps one integer per subject), and the pipeline calls `publish_stats_of` after
the commit (the outbox again if a worker died before).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .. import realtime
from ..events.models import Event
from ..extensions import db
from .access import DOOR_ROLES
from .attendance import stats
from .models import CheckinPoint

STATS = "checkin:stats"
_DAYS = 10**6  # date ordinals stay below a million until the year 2738


def stats_subject(day: dt.date, point_id: int | None) -> int:
    """One integer for a day at a point (no point: the door before it exists)."""
    return (point_id or 0) * _DAYS + day.toordinal()


def subject_day_point(subject: int) -> tuple[dt.date, int | None]:
    """The day and point of a `stats_subject`."""
    point_id, ordinal = divmod(subject, _DAYS)
    return dt.date.fromordinal(ordinal), point_id or None


def publish_stats_of(event_id: int, subjects: Iterable[int]) -> dict[int, dict]:
    """The pipeline's publisher: the counters of each changed day and point (summaries: nothing to return)."""
    for subject in subjects:
        day, point_id = subject_day_point(subject)
        publish_stats(event_id, day, point_id)
    return {}


def publish_stats(event_id: int, day: dt.date, point_id: int | None = None) -> None:
    """Tell organisers and door staff the day's counters at a point (after the commit; at most a few times a second)."""

    def build():
        event = db.session.get(Event, event_id)
        if event is None:
            return None
        point = db.session.get(CheckinPoint, point_id) if point_id is not None else None
        return (STATS, realtime.envelope(event_id, stats(event, day, point)),
                [realtime.role_room(event_id, role) for role in DOOR_ROLES])

    realtime.publish_summary(f"checkin:stats:{event_id}:{day.isoformat()}:{point_id}", build)
