"""The events capability's part of the organiser's overview: registrations by status, places left, the phase."""

from __future__ import annotations

import datetime as dt

from .console import status_counts
from .models import Event
from .services import registration_phase


def registrations(event: Event) -> dict:
    """Confirmed, waitlisted and cancelled people, the capacity, the places left and the registration phase."""
    counts = status_counts(event)
    return {**counts, "capacity": event.capacity, "places_left": max(event.capacity - event.confirmed_count, 0),
            "phase": registration_phase(event)}

def section(event: Event, now: dt.datetime) -> dict:
    """The overview's registrations section (registered as an "overview_section" hook)."""
    return {"registrations": registrations(event)}
