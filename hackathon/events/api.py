"""Events JSON API: an event's public description and the phase each capability is in."""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from ..accounts.admin import is_admin
from ..clock import iso
from ..commands import request_actor
from ..jsonapi import api_blueprint, api_login_required, json_body
from . import registration as reg
from . import registration_commands
from .emails import send_after_registration
from .me import registration_json
from .models import Event
from .roles import roles_at
from .schedule import own_windows
from .services import event_dates, get_event, hidden_event, phases, visible_events

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
        "windows": {key: {"opens_at": iso(opens), "closes_at": iso(closes)}
                    for key, (opens, closes) in own_windows(event).items()},
        "published": event.published,
        "language": event.language,
        "translation_languages": list(event.translation_languages or []),
        "version": event.version,
    }


def _viewer() -> tuple[int | None, bool]:
    user = current_user if current_user.is_authenticated else None
    return (user.id if user else None), is_admin(user)


@bp.get("/events")
def events():
    """The events this client may see: published ones, drafts where it holds a role, every one for admins."""
    return jsonify({"events": [event_json(event) for event in visible_events(*_viewer())]})


@bp.get("/events/<slug>")
def event(slug: str):
    found = get_event(slug)
    user_id, admin = _viewer()
    if not found.published and not admin and not (user_id and roles_at(user_id, found.id)):
        raise hidden_event(slug)
    return jsonify(event_json(found))


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
    outcome = registration_commands.register(request_actor(), event=event, profile=profile,
                                             consent_data=body.consent_data)
    if not outcome.replayed:  # a retry with the same Idempotency-Key mails nobody twice
        send_after_registration(outcome.value, "registered")
    return jsonify(registration_json(reg.get_registration(event, outcome.value["registration_id"]))), 201


@bp.delete("/events/<slug>/registration")
@api_login_required
def cancel(slug: str):
    event = get_event(slug)
    outcome = registration_commands.cancel_own_registration(request_actor(), event=event)
    if not outcome.replayed:
        send_after_registration(outcome.value, "cancelled")
    return jsonify(registration_json(reg.get_registration(event, outcome.value["registration_id"]))), 200
