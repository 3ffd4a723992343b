"""The events part of GET /api/v1/me: each event of the caller with their roles, registration and the
capabilities' sections (e.g. "team", "badge"). Registered as the accounts API's "me_events" hook.

A capability adds a key to each event in its wiring:

    register_me_section(app, "team", fn)   # fn(user, events) -> {event_id: value}
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..registry import registry
from .models import Event, Registration
from .roles import roles_by_event

ME_SECTION = "me_section"
MeSection = Callable[[object, list[Event]], dict[int, object]]


def register_me_section(app: Flask, name: str, section: MeSection) -> None:
    """Add a key to each event in GET /api/v1/me: section(user, events) -> {event_id: value}."""
    registry(app).add_keyed_hook(ME_SECTION, name, section)


def registration_json(registration: Registration | None) -> dict | None:
    """A registration as the API shows it to its owner."""
    if registration is None:
        return None
    return {
        "id": registration.id,
        "status": registration.status,
        "organisation": registration.organisation,
        "country": registration.country,
        "skills": registration.skills,
        "interests": registration.interests,
        "languages": registration.languages,
        "dietary": registration.dietary,
        "accessibility": registration.accessibility,
        "consent": {
            "data_version": registration.consent_data_version,
            "data_at": registration.consent_data_at.isoformat(),
            "photos": registration.consent_photos,
        },
        "version": registration.version,
    }


def me_events(user) -> list[dict]:
    """The caller's events (roles or a registration), oldest first, each with its sections."""
    roles = roles_by_event(user)
    registrations = {
        r.event_id: r for r in db.session.scalars(select(Registration).where(Registration.user_id == user.id))
    }
    event_ids = set(roles) | set(registrations)
    events = list(
        db.session.scalars(select(Event).where(Event.id.in_(event_ids)).options(selectinload(Event.days)))
    ) if event_ids else []
    sections = {name: section(user, events) for name, section in registry().keyed_hooks(ME_SECTION).items()}
    return [
        {
            "slug": event.slug,
            "name": event.name,
            "roles": sorted(roles.get(event.id, set())),
            "registration": registration_json(registrations.get(event.id)),
            **{name: values.get(event.id) for name, values in sections.items()},
        }
        for event in sorted(events, key=lambda e: e.id)
    ]
