"""A new event copied from an earlier one: its settings, rooms and every capability's set-up, no people.

The events capability copies the settings (phase windows moved to the new dates) and the rooms; each
capability copies its own part through the `event_copy` hook, moving its moments with the same `Move`:

    registry(app).add_hook("event_copy", fn)   # fn(source, target, move) -> "4 challenges" (or None)

Nothing about people is copied: no registrations, roles, teams, bookings, scores or check-ins.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..errors import Invalid
from ..extensions import db
from ..registry import registry
from .models import Event
from .moving import Move
from .schedule import contradictions, own_windows
from .setup import NewEvent, create
from .venue_rooms import copy_rooms

COPIED_SETTINGS = ("tagline", "description", "venue", "city", "registration_open", "team_min_size", "team_max_size",
                   "language", "translation_languages", "translations")


def copy_event(source: Event, fields: NewEvent) -> tuple[Event, list[str]]:
    """A draft event made from `source` on the new dates; returns it and a line per part copied."""
    target = create(fields, published=False)
    move = Move(source.timezone, target.timezone, (fields.start - source.days[0].date).days if source.days else 0)
    for name in COPIED_SETTINGS:
        value = getattr(source, name)
        setattr(target, name, list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict)
                else value)
    windows = {key: (move(opens), move(closes)) for key, (opens, closes) in own_windows(source).items()}
    reasons = contradictions([d.date for d in target.days], target.timezone, windows)
    if reasons:  # a shorter event than the source, say: the organiser sees why, and nothing is made
        raise Invalid(" ".join(reasons), code="schedule_contradiction")
    for key, (opens, closes) in windows.items():
        setattr(target, f"{key}_opens_at", opens)
        setattr(target, f"{key}_closes_at", closes)
    db.session.flush()
    lines = [_("the settings and phase windows"), _("%(n)d rooms", n=copy_rooms(source, target))]
    for hook in registry().hooks_for("event_copy"):
        line = hook(source, target, move)
        if line:
            lines.append(line)
    return target, lines
