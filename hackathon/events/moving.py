"""Moving an event in time: its days or time zone change, or a copy starts elsewhere; what moves with it.

Every moment of the event moves the same way (`Move`): the same wall-clock time in the event's zone, as many
days later as the first day moved, in the new zone. Each capability says what it would move and moves it
through the `event_moves` hook, so that the organiser sees the whole list before confirming:

    registry(app).add_hook("event_moves", fn)   # fn(event, move, new_days) -> list[Moving]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from ..registry import registry
from .models import Event


@dataclass(frozen=True)
class Move:
    """From one zone and first day to another: same wall-clock time, `days` later, in `new_zone`."""

    old_zone: str
    new_zone: str
    days: int

    @property
    def moves_anything(self) -> bool:
        return self.days != 0 or self.old_zone != self.new_zone

    def __call__(self, moment: dt.datetime | None) -> dt.datetime | None:
        if moment is None:
            return None
        local = moment.astimezone(ZoneInfo(self.old_zone)).replace(tzinfo=None) + dt.timedelta(days=self.days)
        return local.replace(tzinfo=ZoneInfo(self.new_zone)).astimezone(dt.UTC)

    def day(self, value: dt.date) -> dt.date:
        """A calendar day of the event, moved."""
        return value + dt.timedelta(days=self.days)


@dataclass
class Moving:
    """What one capability would move: a sentence for the organiser, how many, and why it cannot (if so)."""

    what: str
    count: int
    apply: Callable[[], None]
    blocked: list[str] = field(default_factory=list)


def plan(event: Event, move: Move, new_days: list[dt.date]) -> list[Moving]:
    """Everything that moves with the event (each capability's part), nothing changed yet."""
    found: list[Moving] = []
    for hook in registry().hooks_for("event_moves"):
        found.extend(hook(event, move, new_days))
    return found


def local_date(moment: dt.datetime, timezone: str) -> dt.date:
    """The calendar day of a moment in a zone."""
    return moment.astimezone(ZoneInfo(timezone)).date()


def own_moves(event: Event, move: Move, new_days: list[dt.date]) -> list[Moving]:
    """The events capability's part: its phase windows (moved by `setup.apply_dates`) and who is told of nothing."""
    from flask_babel import ngettext
    from sqlalchemy import func, select

    from ..extensions import db
    from .models import Registration
    from .schedule import own_windows

    set_windows = sum(1 for opens, closes in own_windows(event).values() for m in (opens, closes) if m is not None)
    people = db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.event_id == event.id, Registration.status != "cancelled"))
    found = []
    if move.moves_anything and set_windows:
        found.append(Moving(ngettext("%(num)d opening or closing time of the phases",
                                     "%(num)d opening and closing times of the phases", set_windows),
                            set_windows, lambda: None))
    if people:
        found.append(Moving(ngettext("%(num)d registered person keeps their place (tell them with an announcement)",
                                     "%(num)d registered people keep their places (tell them with an announcement)",
                                     people), people, lambda: None))
    return found
