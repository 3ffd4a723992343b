"""The organiser's overview: every figure of the event at a glance, in a fixed number of queries.

The overview reads no capability's tables: each capability adds its section in its wiring,

    registry(app).add_hook("overview_section", fn)   # fn(event, now) -> {"<section>": {figures}}

reusing its own services (registration counts, the door's stats, the help queue's numbers, judging progress)
and adding only aggregate queries, so that the number of statements does not grow with the number of people,
teams, check-ins or slots.
"""

from __future__ import annotations

from ..clock import iso, utcnow
from ..events.models import Event
from ..registry import registry
from .charts import Bar, bars

__all__ = ["OVERVIEW_SECTION", "Bar", "bars", "overview"]

OVERVIEW_SECTION = "overview_section"


def overview(event: Event) -> dict:
    """Every figure of the overview, as the page renders it and `overview.json` returns it."""
    now = utcnow()
    figures = {"event": event.slug, "generated_at": iso(now), "timezone": event.timezone}
    for section in registry().hooks_for(OVERVIEW_SECTION):
        figures.update(section(event, now))
    return figures
