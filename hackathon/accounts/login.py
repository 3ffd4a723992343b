"""Flask-Login wiring: sessions carry the user's epoch, API calls may carry a bearer token."""

from __future__ import annotations

from flask import g, jsonify, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, login_user, logout_user
from sqlalchemy import bindparam, select

from ..clock import utcnow
from ..commands import Actor, request_actor
from ..errors import error_body, wants_json
from ..extensions import db
from . import commands
from .models import ApiToken, LoginSession, User
from .sessions import SESSION_ID, SESSION_KEY, valid_session
from .tokens import user_for_token


def load_user(session_id: str) -> User | None:
    """The user of a browser's login: the epoch still current, and the login session's row unrevoked."""
    try:
        user_id, epoch = (int(part) for part in session_id.split(":", 1))
    except (ValueError, AttributeError):
        return None
    user = db.session.get(User, user_id)
    if user is None or user.session_epoch != epoch or not user.is_active:
        return None
    row = valid_session(user.id, session.get(SESSION_ID), session.get(SESSION_KEY))
    if row is None:
        return None
    g.login_session_id = row.id
    return user


def log_in(user: User, *, remember: bool = False) -> None:
    """Log this browser in as the user, whose credentials (or mailed link) were checked: a fresh cookie holding
    the key of the login session the `accounts.log_in` command made."""
    started = commands.log_in(Actor(user, via="page"), remember=remember,
                              user_agent=request.headers.get("User-Agent", "")).value
    session.clear()  # nothing of the anonymous session (or an earlier login) carries over
    session[SESSION_ID], session[SESSION_KEY] = started["session_id"], started["key"]
    session.permanent = remember
    login_user(user)


def log_out() -> None:
    """End this browser's login session (its row is revoked, so a saved copy of the cookie dies too)."""
    commands.log_out(request_actor(), session_id=session.get(SESSION_ID))
    forget_login()


def forget_login() -> None:
    """Drop this browser's login (the cookie) once the session behind it has ended."""
    logout_user()
    session.clear()


# Built once: a socket's identity is re-checked with one of these after anything that may have ended it.
_SOCKET_USER = select(User).where(User.id == bindparam("user_id"), User.session_epoch == bindparam("epoch"))
_SOCKET_USER_WITH_TOKEN = _SOCKET_USER.where(select(ApiToken.id).where(
    ApiToken.id == bindparam("token_id"), ApiToken.user_id == User.id, ApiToken.revoked_at.is_(None),
    ApiToken.expires_at > bindparam("now")).exists())
_SOCKET_USER_WITH_SESSION = _SOCKET_USER.where(select(LoginSession.id).where(
    LoginSession.id == bindparam("login_session_id"), LoginSession.user_id == User.id,
    LoginSession.revoked_at.is_(None), LoginSession.expires_at > bindparam("now")).exists())


def load_socket_user(user_id: int, epoch: int, token_id: int | None, login_session_id: int | None) -> User | None:
    """The user a socket acts for, if the account is active and the token or login session it rests on holds."""
    values = {"user_id": user_id, "epoch": epoch, "now": utcnow()}
    if token_id is not None:
        user = db.session.scalar(_SOCKET_USER_WITH_TOKEN, {**values, "token_id": token_id})
    elif login_session_id is not None:
        user = db.session.scalar(_SOCKET_USER_WITH_SESSION, {**values, "login_session_id": login_session_id})
    else:
        return None
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
