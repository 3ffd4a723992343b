"""The demo programme: the agenda of demo_content placed on the event's days, and two announcements."""

from __future__ import annotations

import datetime as dt
import random

from ..events.models import Event
from . import agenda as agenda_service
from . import announcements

WELCOME = ("Welcome to the Social Impact Hackathon! Wi-Fi: SocialImpact / repair-reuse-2030. "
           "Lunch is in the Canteen; ask anyone with a green lanyard for help.")
MENTORS = "Mentors: please claim your slots for the first mentoring hours before 16:00 today."


def seed_programme(event: Event, people, rng: random.Random) -> str:
    """Every AGENDA item on its day (in the event's zone), a pinned welcome to everyone, a note to mentors."""
    from .. import demo_content as content

    days = [d.date for d in event.days]
    placed = 0
    for entry in content.AGENDA:
        if entry["day"] >= len(days):
            continue
        agenda_service.create_item(event, agenda_service.ItemFields(
            title=entry["title"], kind=entry["kind"], day=days[entry["day"]],
            start=dt.time.fromisoformat(entry["start"]), end=dt.time.fromisoformat(entry["end"]),
            place=entry.get("place", ""), description=entry.get("description", ""),
        ))
        placed += 1
    welcome = announcements.announce(event, people.organiser, WELCOME, "event")
    welcome.pinned = True
    announcements.announce(event, people.organiser, MENTORS, "role", "mentor")
    return f"Programme: {placed} agenda items over {len(days)} days, 2 announcements (1 pinned)"
