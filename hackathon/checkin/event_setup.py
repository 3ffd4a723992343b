"""Check-in's part of moving an event's dates (hook `event_moves`): the meals' and workshops' points move with
their day; once people have been checked in, the days cannot move (the check-ins are a record of what was)."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select, update

from ..events.models import Event
from ..events.moving import Move, Moving
from ..extensions import db
from .models import Checkin, CheckinPoint


def checkin_moves(event: Event, move: Move, new_days: list[dt.date]) -> list[Moving]:
    """Points with a day move by the same number of days; any check-in made blocks a change of days."""
    if move.days == 0:
        return []
    made = db.session.scalar(select(func.count()).select_from(Checkin).where(Checkin.event_id == event.id))
    points = list(db.session.scalars(select(CheckinPoint).where(CheckinPoint.event_id == event.id,
                                                                 CheckinPoint.day.is_not(None))))
    blocked = [_("%(n)d check-ins were already made: the days of an event that has begun cannot move.", n=made)] \
        if made else []
    if not points and not blocked:
        return []

    def apply() -> None:
        for point in points:
            db.session.execute(update(CheckinPoint).where(CheckinPoint.id == point.id)
                               .values(day=move.day(point.day)))

    return [Moving(ngettext("%(num)d check-in point of a meal or workshop", "%(num)d check-in points of meals or "
                            "workshops", len(points)), len(points), apply, blocked)]
