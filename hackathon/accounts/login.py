"""Flask-Login wiring: sessions carry the user's epoch, API calls may carry a bearer token."""

from __future__ import annotations

from flask import g, jsonify, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager
from sqlalchemy import bindparam, select

from ..clock import utcnow
from ..errors import error_body, wants_json
from ..extensions import db
from .models import ApiToken, User
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


# Built once: every socket command runs one of these, and building a statement costs more than running it.
_SOCKET_USER = select(User).where(User.id == bindparam("user_id"), User.session_epoch == bindparam("epoch"))
_SOCKET_USER_WITH_TOKEN = _SOCKET_USER.where(select(ApiToken.id).where(
    ApiToken.id == bindparam("token_id"), ApiToken.user_id == User.id, ApiToken.revoked_at.is_(None),
    ApiToken.expires_at > bindparam("now")).exists())


def load_socket_user(session_id: str | None, token_id: int | None) -> User | None:
    """The user a socket acts for, with its token (if it connected with one) still valid: one query per command."""
    try:
        user_id, epoch = (int(part) for part in str(session_id).split(":", 1))
    except ValueError:
        return None
    if token_id is None:
        user = db.session.scalar(_SOCKET_USER, {"user_id": user_id, "epoch": epoch})
    else:
        user = db.session.scalar(_SOCKET_USER_WITH_TOKEN,
                                 {"user_id": user_id, "epoch": epoch, "token_id": token_id, "now": utcnow()})
    return user if user is not None and user.is_active else None


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
