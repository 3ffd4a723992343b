"""Who a socket is: by its login session cookie or an API token, and whether that still holds later."""

from __future__ import annotations

from typing import Any

from flask import g
from flask_login import current_user

from ..realtime.connection import SocketLogin
from .tokens import user_for_token


def authenticate_socket(auth: Any) -> SocketLogin | None:
    """A connecting socket's login: `auth={"token": …}` for scripts and phones, else the browser's session."""
    # Flask-SocketIO's test client reuses one app context for every connection: forget the last one's user.
    g.pop("_login_user", None)
    g.pop("login_session_id", None)
    if isinstance(auth, dict) and auth.get("token") is not None:
        token = user_for_token(auth.get("token"))
        return None if token is None else SocketLogin(token.user, token_id=token.id)
    if current_user.is_authenticated and g.get("login_session_id") is not None:
        return SocketLogin(current_user._get_current_object(), login_session_id=g.login_session_id)
    return None
