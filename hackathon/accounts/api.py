"""Accounts JSON API: tokens and the caller's own record (GET /api/v1/me)."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, g, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..errors import Forbidden, Unauthorized
from ..events.models import Event, Registration
from ..events.roles import roles_by_event
from ..extensions import db
from ..jsonapi import api_blueprint, api_login_required, json_body
from ..transactions import unit_of_work
from . import services, tokens
from .models import User
from .throttle import throttle

bp = api_blueprint("accounts_api", __name__)

# Capabilities add their part of each event's entry in /me (e.g. "team"), wired by create_app.
MeSection = Callable[[User, list[Event]], dict[int, object]]
_me_sections: dict[str, MeSection] = {}


def register_me_section(name: str, section: MeSection) -> None:
    """Add a key to each event in GET /api/v1/me: section(user, events) -> {event_id: value}."""
    _me_sections[name] = section


class TokenRequest(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=200)
    name: str = Field(default="api", max_length=80)


@bp.post("/tokens")
def create_token():
    body = json_body(TokenRequest)
    limits = throttle()  # the same budget as the login page
    limits.check(body.email, request.remote_addr)
    user = services.authenticate(body.email, body.password)
    if user is not None:
        limits.succeeded(body.email)
        if not user.is_verified:
            raise Forbidden(_("Please confirm your email address first (the link we mailed you)."),
                            code="email_unverified")
    else:
        limits.failed(body.email, request.remote_addr)
        raise Unauthorized(_("That email and password do not match an account."), code="unauthorized")
    with unit_of_work():
        token, raw = tokens.issue_token(user, body.name, current_app.config["API_TOKEN_DAYS"])
    return jsonify({"token": raw, "id": token.id, "expires_at": token.expires_at.isoformat()}), 201


@bp.delete("/tokens/current")
@api_login_required
def revoke_current_token():
    token = g.get("api_token")
    if token is None:
        raise Unauthorized(_("This call needs a bearer token."))
    with unit_of_work():
        tokens.revoke_token(current_user, token.id)
    return "", 204


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


@bp.get("/me")
@api_login_required
def me():
    user: User = current_user
    roles = roles_by_event(user)
    registrations = {
        r.event_id: r for r in db.session.scalars(select(Registration).where(Registration.user_id == user.id))
    }
    event_ids = set(roles) | set(registrations)
    events = list(
        db.session.scalars(select(Event).where(Event.id.in_(event_ids)).options(selectinload(Event.days)))
    ) if event_ids else []
    sections = {name: section(user, events) for name, section in _me_sections.items()}
    return jsonify({
        "id": user.id,
        "name": user.name,
        "email": user.email,
        "locale": user.locale,
        "events": [
            {
                "slug": event.slug,
                "name": event.name,
                "roles": sorted(roles.get(event.id, set())),
                "registration": registration_json(registrations.get(event.id)),
                **{name: values.get(event.id) for name, values in sections.items()},
            }
            for event in sorted(events, key=lambda e: e.id)
        ],
    })
