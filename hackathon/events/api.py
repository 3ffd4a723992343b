"""Events JSON API: an event's public description and the phase each capability is in."""

from __future__ import annotations

from flask import jsonify

from ..jsonapi import api_blueprint
from .models import Event
from .services import event_dates, get_event, list_events, phases

bp = api_blueprint("events_api", __name__)


def event_json(event: Event) -> dict:
    """The contract's event object."""
    return {
        "slug": event.slug,
        "name": event.name,
        "tagline": event.tagline,
        "timezone": event.timezone,
        "venue": event.venue,
        "city": event.city,
        "days": [day.isoformat() for day in event_dates(event)],
        "capacity": event.capacity,
        "confirmed": event.confirmed_count,
        "team_size": {"min": event.team_min_size, "max": event.team_max_size},
        "team_formation_closes_at": (
            event.team_formation_closes_at.isoformat() if event.team_formation_closes_at else None
        ),
        "phases": phases(event),
        "version": event.version,
    }


@bp.get("/events")
def events():
    return jsonify({"events": [event_json(event) for event in list_events()]})


@bp.get("/events/<slug>")
def event(slug: str):
    return jsonify(event_json(get_event(slug)))
