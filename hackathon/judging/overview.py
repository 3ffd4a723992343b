"""Judging's part of the organiser's overview: the session's state and the score sheets in."""

from __future__ import annotations

import datetime as dt

from ..events.models import Event
from .scoring import progress
from .session import state_of


def judging(event: Event) -> dict:
    """The session's state, score sheets in of those expected, and teams with every expected sheet in."""
    done = progress(event).teams
    return {"state": state_of(event).state, "sheets_in": sum(t["scored"] for t in done),
            "sheets_expected": sum(t["expected"] for t in done),
            "teams_complete": sum(1 for t in done if t["expected"] and t["scored"] >= t["expected"]),
            "teams": len(done)}

def section(event: Event, now: dt.datetime) -> dict:
    """The overview's judging section (registered as an "overview_section" hook)."""
    return {"judging": judging(event)}
