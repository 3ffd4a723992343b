"""Connecting and disconnecting: a socket is recognised by its login session cookie or an API token.

Accounts decide who a connection is (`registry.hooks["socket_authenticate"]`: auth -> SocketLogin or None);
this module remembers it for the socket's life (`identity`), puts the socket in the rooms the user's roles
give, and forgets it on disconnect.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, request
from flask_babel import get_locale

from ..commands import Actor
from ..extensions import socketio
from ..registry import registry
from . import identity, rooms_for
from .dispatch import BUDGETS_KEY, socket_command


@dataclass(frozen=True)
class SocketLogin:
    """Who a new connection is: the user, and the token or login session it rests on."""

    user: Any
    token_id: int | None = None
    login_session_id: int | None = None


def register(app: Flask) -> None:
    """Install the connect and disconnect handlers (create_app)."""

    @socketio.on("connect")
    def on_connect(auth=None):
        authenticate = registry().hooks_for("socket_authenticate")
        login = authenticate[0](auth) if authenticate else None
        if login is None:
            raise ConnectionRefusedError("unauthorized")
        user = login.user
        identity.sockets().attach(identity.SocketIdentity(
            sid=request.sid, user_id=user.id, epoch=user.session_epoch, token_id=login.token_id,
            login_session_id=login.login_session_id, locale=str(get_locale() or "en")), user)
        server = socketio.server
        for room in rooms_for(user):
            server.enter_room(request.sid, room, namespace="/")

    @socketio.on("disconnect")
    def on_disconnect(*_reason):
        identity.sockets().detach(request.sid)
        gate = app.extensions.get(BUDGETS_KEY)
        if gate is not None:
            gate.forget(request.sid)


@socket_command("session:whoami")
def whoami(actor: Actor, _payload: Any) -> dict:
    """Who this socket acts for."""
    return {"user": {"id": actor.id, "name": actor.name}}
