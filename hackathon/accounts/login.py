"""Flask-Login wiring: sessions carry the user's epoch, API calls may carry a bearer token."""

from __future__ import annotations

from flask import g, jsonify, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager

from ..errors import error_body, wants_json
from ..extensions import db
from .models import User
from .tokens import user_for_token


def load_user(session_id: str) -> User | None:
    """The user of a login session, unless their sessions were ended since (epoch changed)."""
    try:
        user_id, epoch = (int(part) for part in session_id.split(":", 1))
    except (ValueError, AttributeError):
        return None
    user = db.session.get(User, user_id)
    if user is None or user.session_epoch != epoch or not user.is_active:
        return None
    return user


def load_user_from_request(req) -> User | None:
    """The user of an `Authorization: Bearer <token>` header, for the JSON API."""
    header = req.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    token = user_for_token(header.removeprefix("Bearer ").strip())
    if token is None:
        return None
    g.api_token = token
    return token.user


def unauthorized():
    """JSON 401 for the API, a redirect to the login page for people."""
    if wants_json():
        return jsonify(error_body("unauthorized", str(_l("Please log in first.")))), 401
    return redirect(url_for("accounts.login", next=request.full_path if request.query_string else request.path))


def configure_login(manager: LoginManager) -> None:
    """Install the loaders and the unauthorized handler."""
    manager.user_loader(load_user)
    manager.request_loader(load_user_from_request)
    manager.unauthorized_handler(unauthorized)
    manager.login_view = "accounts.login"
    manager.login_message = _l("Please log in to see this page.")
    manager.login_message_category = "info"
