"""Plumbing shared by every capability's JSON API under /api/v1: blueprints, auth, bodies."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import Blueprint, g, request
from flask_login import current_user
from pydantic import BaseModel, ValidationError

from .errors import Invalid, Unauthorized
from .extensions import csrf
from .payloads import read_json_body
from .realtime.dispatch import validation_message

PREFIX = "/api/v1"
M = TypeVar("M", bound=BaseModel)


def api_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint under /api/v1 whose cookie-session writes must carry the CSRF token."""
    bp = Blueprint(name, import_name, url_prefix=PREFIX)

    @bp.before_request
    def protect_cookie_sessions():
        # Bearer tokens cannot be sent by another site; a browser's cookie can, so it needs the token.
        uses_cookie = current_user.is_authenticated and g.get("api_token") is None
        if uses_cookie and request.method not in ("GET", "HEAD", "OPTIONS"):
            csrf.protect()

    return bp


def api_login_required(view: Callable) -> Callable:
    """401 in the contract's shape unless a session or bearer token identifies the user."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            raise Unauthorized()
        return view(*args, **kwargs)

    return wrapper


def json_body(schema: type[M]) -> M:
    """The request's JSON body validated against a pydantic model; `invalid` (422) otherwise."""
    data = read_json_body(request.get_data(cache=True)) if request.is_json else None
    if not isinstance(data, dict):
        raise Invalid("The body must be a JSON object.", status=400)
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        raise Invalid(validation_message(error)) from None
