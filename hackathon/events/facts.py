"""Facts the events capability publishes after its commits."""

from __future__ import annotations

from .. import realtime
from .console import status_counts
from .models import Event


def registration_counts_payload(event: Event) -> dict:
    """The `events:registrations` fact: counts by status, capacity, and the event's version."""
    counts = status_counts(event)
    return {"event": event.slug, "counts": counts, "capacity": event.capacity,
            "confirmed": event.confirmed_count, "version": event.version}


def publish_registrations(event_id: int, _ids) -> dict[int, dict]:
    """The pipeline's publisher of `events:registrations` (the subject is the event itself)."""
    from ..extensions import db

    event = db.session.get(Event, event_id)
    if event is None:
        return {}
    payload = realtime.envelope(event_id, registration_counts_payload(event))
    realtime.publish("events:registrations", payload, realtime.role_room(event.id, "organiser"))
    return {event_id: payload}
