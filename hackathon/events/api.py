"""Events JSON API: an event's public description and the phase each capability is in."""

from __future__ import annotations

from flask import jsonify
from flask_babel import gettext as _
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from ..accounts.api import registration_json
from ..errors import NotFound
from ..jsonapi import api_blueprint, api_login_required, json_body
from ..transactions import unit_of_work
from . import registration as reg
from .emails import send_registration_email
from .facts import publish_registration_counts
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


class RegistrationBody(BaseModel):
    """A registration through the API: the profile of the registration form, and consent."""

    model_config = ConfigDict(extra="forbid")
    consent_data: StrictBool
    consent_photos: StrictBool = False
    organisation: StrictStr = Field(default="", max_length=160)
    country: StrictStr = Field(default="", max_length=2)
    skills: list[StrictStr] = Field(default_factory=list, max_length=15)
    interests: list[StrictStr] = Field(default_factory=list, max_length=15)
    languages: list[StrictStr] = Field(default_factory=list, max_length=15)
    bio: StrictStr = Field(default="", max_length=500)
    dietary: StrictStr = Field(default="", max_length=200)
    accessibility: StrictStr = Field(default="", max_length=200)


@bp.post("/events/<slug>/registration")
@api_login_required
def register(slug: str):
    event = get_event(slug)
    body = json_body(RegistrationBody)
    profile = reg.Profile(**body.model_dump(exclude={"consent_data"}))
    with unit_of_work():
        registration = reg.register(event, current_user, profile, consent_data=body.consent_data)
    send_registration_email(registration, "registered")
    publish_registration_counts(event)
    return jsonify(registration_json(registration)), 201


@bp.delete("/events/<slug>/registration")
@api_login_required
def cancel(slug: str):
    event = get_event(slug)
    registration = reg.registration_of(event, current_user)
    if registration is None:
        raise NotFound(_("There is no registration to cancel."))
    with unit_of_work():
        promoted = reg.cancel(registration)
    send_registration_email(registration, "cancelled")
    for other in promoted:
        send_registration_email(other, "promoted")
    publish_registration_counts(event)
    return jsonify(registration_json(registration)), 200
