"""Accounts JSON API: tokens and the caller's own record (GET /api/v1/me)."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field

from ..commands import Actor, request_actor
from ..errors import Forbidden, Unauthorized
from ..jsonapi import api_blueprint, api_login_required, json_body
from ..registry import registry
from . import commands, services
from .models import User
from .throttle import throttle

bp = api_blueprint("accounts_api", __name__)

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
    # The person whose credentials were checked (no Idempotency-Key: a raw token is never kept in a receipt).
    made = commands.issue_token(Actor(user, via="api"), name=body.name).value
    return jsonify({"token": made["token"], "id": made["token_id"], "expires_at": made["expires_at"]}), 201


@bp.delete("/tokens/current")
@api_login_required
def revoke_current_token():
    token = g.get("api_token")
    if token is None:
        raise Unauthorized(_("This call needs a bearer token."))
    commands.revoke_token(request_actor(), token_id=token.id)
    return "", 204


@bp.get("/me")
@api_login_required
def me():
    """The caller's own record; the events capability adds their events (its "me_events" hook)."""
    user: User = current_user
    events: list[dict] = []
    for hook in registry().hooks_for("me_events"):
        events.extend(hook(user))
    return jsonify({"id": user.id, "name": user.name, "email": user.email, "locale": user.locale, "events": events})
