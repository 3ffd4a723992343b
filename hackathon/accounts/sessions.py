"""Login sessions kept on the server: a cookie is only as good as its row, so logging out really ends it.

A signed cookie alone cannot be taken back: a copy saved before logout would still work. So each login
makes a `LoginSession` row whose random key only the cookie holds (the row keeps its SHA-256). Logging out
revokes that row; "log out on every device", a password change and a password reset revoke every row and
every API token of the person. Each revocation reaches the person's sockets at once (`realtime.identity`:
`LoginSession` and `ApiToken` rows are identity sources).
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask import current_app

from ..clock import utcnow
from ..extensions import db
from .models import ApiToken, LoginSession, User
from .tokens import digest

SESSION_KEY = "login_key"
SESSION_ID = "login_session"


def start_session(user: User, *, remember: bool = False, user_agent: str = "") -> tuple[LoginSession, str]:
    """A new login session for the user; returns the row and the raw key for the cookie (never stored)."""
    days = current_app.config["REMEMBER_DAYS"] if remember else 0
    hours = current_app.config["SESSION_HOURS"]
    raw, now = secrets.token_urlsafe(32), utcnow()
    row = LoginSession(user_id=user.id, key_hash=digest(raw), remember=remember, user_agent=(user_agent or "")[:200],
                       created_at=now, expires_at=now + (timedelta(days=days) if remember else timedelta(hours=hours)))
    db.session.add(row)
    db.session.flush()
    return row, raw


def valid_session(user_id: int, session_id: object, raw_key: object) -> LoginSession | None:
    """The user's unrevoked, unexpired login session with this id and key, or None."""
    if not isinstance(session_id, int) or not isinstance(raw_key, str) or len(raw_key) > 100:
        return None
    row = db.session.get(LoginSession, session_id)
    if row is None or row.user_id != user_id or not row.is_valid:
        return None
    return row if secrets.compare_digest(row.key_hash, digest(raw_key)) else None


def end_session(session_id: object, user_id: int) -> None:
    """Revoke one of the user's login sessions (logging out in this browser)."""
    if isinstance(session_id, int):
        row = db.session.get(LoginSession, session_id)
        if row is not None and row.user_id == user_id and row.revoked_at is None:
            row.revoked_at = utcnow()


def end_every_session(user: User, *, keep: int | None = None) -> None:
    """Revoke every login session (but `keep`) and every API token of the user, and move their epoch on."""
    now = utcnow()
    for row in db.session.scalars(db.select(LoginSession).where(
            LoginSession.user_id == user.id, LoginSession.revoked_at.is_(None), LoginSession.id != (keep or 0))):
        row.revoked_at = now
    for token in db.session.scalars(db.select(ApiToken).where(ApiToken.user_id == user.id,
                                                              ApiToken.revoked_at.is_(None))):
        token.revoked_at = now
    user.session_epoch = User.session_epoch + 1  # an ORM change, so that the identity change is seen
    db.session.flush()
