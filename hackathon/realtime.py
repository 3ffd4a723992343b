"""The only module that emits: room names, facts after commit, and socket authentication.

Socket.IO handlers bypass before_request, CSRF, Flask-Limiter and login_required, so
every command goes through `command()`, which authenticates the socket, validates the
payload, runs the handler, and turns every refusal into the contract's acknowledgement.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from flask import current_app, g, session
from flask_login import current_user, login_user
from pydantic import BaseModel, ValidationError

from .errors import DomainError
from .extensions import db, socketio

log = logging.getLogger(__name__)

TOKEN_SESSION_KEY = "socket_token_id"  # noqa: S105 - a session key name

RoomProvider = Callable[[Any], Iterable[str]]
_room_providers: list[RoomProvider] = []


# --- rooms -------------------------------------------------------------------------------

def event_room(event_id: int) -> str:
    """Everyone at an event."""
    return f"event:{event_id}"


def role_room(event_id: int, role: str) -> str:
    """Everyone holding one role at an event (organiser, mentor, jury, challenge_owner, participant)."""
    return f"event:{event_id}:{role}"


def user_room(user_id: int) -> str:
    """Every socket of one user."""
    return f"user:{user_id}"


def team_room(team_id: int) -> str:
    """Every socket of a team's members."""
    return f"team:{team_id}"


def add_room_provider(provider: RoomProvider) -> None:
    """Register a function that names the rooms a user joins on connect (wired by create_app)."""
    if provider not in _room_providers:
        _room_providers.append(provider)


def rooms_for(user) -> set[str]:
    """Every room a user's socket belongs in, from every capability."""
    rooms = {user_room(user.id)}
    for provider in _room_providers:
        rooms.update(provider(user))
    return rooms


# --- facts ---------------------------------------------------------------------------------

def publish(fact: str, payload: dict, room: str | Iterable[str]) -> None:
    """Emit a fact to a room. Call only after the change it reports has been committed."""
    socketio.emit(fact, payload, to=room if isinstance(room, str) else list(room))


# Summary facts: subject key -> when it was last published, and the subjects with a publish scheduled.
_summary_sent: dict[str, float] = {}
_summary_scheduled: set[str] = set()

Summary = Callable[[], tuple[str, dict, str | Iterable[str]] | None]


def publish_summary(key: str, build: Summary) -> None:
    """Publish a summary fact (a counter) after a commit, at most once per LIVE_SUMMARY_INTERVAL per key.

    The first change in a quiet spell publishes at once; changes within the interval are covered by one
    publish at its end, built then from the database, so the last state is always sent and none is lost.
    `build` runs in an application context and returns (fact, payload, room) or None; it must not hold
    objects of the caller's database session (it may run later, in another session).
    """
    interval = current_app.config.get("LIVE_SUMMARY_INTERVAL", 0.0)
    if interval <= 0:
        _send_summary(build)
        return
    if key in _summary_scheduled:
        return  # the scheduled publish reads the database after this commit
    wait = _summary_sent.get(key, float("-inf")) + interval - time.monotonic()
    if wait <= 0:
        _summary_sent[key] = time.monotonic()
        _send_summary(build)
        return
    _summary_scheduled.add(key)
    socketio.start_background_task(_send_summary_later, current_app._get_current_object(), key, build, wait)


def _send_summary(build: Summary) -> None:
    built = build()
    if built is not None:
        publish(*built)


def _send_summary_later(app, key: str, build: Summary, wait: float) -> None:
    socketio.sleep(wait)
    # Unscheduled before reading: a change committed from here on schedules its own publish.
    _summary_scheduled.discard(key)
    _summary_sent[key] = time.monotonic()
    with app.app_context():
        try:
            _send_summary(build)
        except Exception:  # a background task has no caller to tell; the next change publishes again
            log.exception("summary %s could not be published", key)


def join(sid: str, room: str) -> None:
    """Put a connected socket in a room (when a user gains a team or a role)."""
    socketio.server.enter_room(sid, room, namespace="/")


def rooms_changed(user_id: int) -> None:
    """Re-compute the rooms of a user's sockets on this worker after their roles or team changed."""
    from .accounts.models import User

    user = db.session.get(User, user_id)
    server = socketio.server
    if user is None or server is None:
        return
    wanted = rooms_for(user)
    for sid, _eio_sid in list(server.manager.get_participants("/", user_room(user_id))):
        current = set(server.rooms(sid, namespace="/")) - {sid}
        for room in current - wanted:
            server.leave_room(sid, room, namespace="/")
        for room in wanted - current:
            server.enter_room(sid, room, namespace="/")


def disconnect_user(user_id: int) -> None:
    """Close every socket of a user on this worker (after logout or losing access)."""
    server = socketio.server
    if server is None:
        return
    for sid, _eio_sid in list(server.manager.get_participants("/", user_room(user_id))):
        server.disconnect(sid, namespace="/")


# --- commands ------------------------------------------------------------------------------

def ack_error(code: str, message: str, **details) -> dict:
    """The contract's refusal acknowledgement."""
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {"ok": False, "error": error}


def validation_message(error: ValidationError) -> str:
    """One readable sentence from a pydantic error: which field, what is wrong."""
    parts = []
    for item in error.errors()[:3]:
        where = ".".join(str(p) for p in item.get("loc", ())) or "payload"
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts)


def forget_cached_user() -> None:
    """Make Flask-Login load the user from this socket's session, not from a user cached in `g`."""
    g.pop("_login_user", None)


def socket_user():
    """The user this socket acts for, re-checked against the database on every command (one query).

    Flask-Login's loader would ask twice (the user, then the token); the socket's session holds both ids.
    Revoked tokens, ended sessions and deactivated accounts stop working at the next command.
    """
    from .accounts.login import load_socket_user

    forget_cached_user()
    user = load_socket_user(session.get("_user_id"), session.get(TOKEN_SESSION_KEY))
    if user is not None:
        g._login_user = user  # current_user, for code that reads it, is this user
    return user


def command(name: str, schema: type[BaseModel] | None = None):
    """Register a Socket.IO command: authenticate, validate, run, acknowledge; never raise to the client.

    The handler receives (user, payload) and returns a dict merged into {"ok": true}.
    """

    def decorate(handler: Callable[..., dict | None]):
        @wraps(handler)
        def run(payload=None):
            user = socket_user()
            if user is None:
                return ack_error("unauthorized", "Please log in again.")
            if schema is not None:
                if not isinstance(payload, dict):
                    return ack_error("invalid", "The payload must be a JSON object.")
                try:
                    payload = schema.model_validate(payload)
                except ValidationError as error:
                    return ack_error("invalid", validation_message(error))
            try:
                result = handler(user, payload)
            except DomainError as error:
                db.session.rollback()
                return {"ok": False, "error": error.to_dict()}
            except Exception:
                db.session.rollback()
                log.exception("socket command %s failed", name)
                return ack_error("internal", "Something went wrong on our side. It has been logged.")
            return {"ok": True, **(result or {})}

        socketio.on_event(name, run)
        return handler

    return decorate


def authenticate_connection(auth) -> bool:
    """Accept a socket with a login session cookie or auth={"token": …}; refuse anything else."""
    from .accounts.tokens import user_for_token

    if isinstance(auth, dict) and auth.get("token") is not None:
        token = user_for_token(auth.get("token"))
        if token is None:
            return False
        login_user(token.user)
        session[TOKEN_SESSION_KEY] = token.id
        return True
    return bool(current_user.is_authenticated)


def register_connection_handlers() -> None:
    """Connect: authenticate and join the rooms the user's roles give; refuse otherwise."""
    from flask_socketio import join_room

    @socketio.on("connect")
    def on_connect(auth=None):
        forget_cached_user()
        if not authenticate_connection(auth):
            raise ConnectionRefusedError("unauthorized")
        for room in rooms_for(current_user):
            join_room(room)

    @socketio.on("session:whoami")
    def whoami(_payload=None):
        user = socket_user()
        if user is None:
            return ack_error("unauthorized", "Please log in again.")
        return {"ok": True, "user": {"id": user.id, "name": user.name}}
