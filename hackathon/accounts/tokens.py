"""API bearer tokens: issue, look up, revoke. Only a SHA-256 of each token is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select

from ..clock import utcnow
from ..errors import NotFound
from ..extensions import db
from .models import ApiToken, User

PREFIX = "hk_"


def digest(raw: str) -> str:
    """The stored form of a token or invitation code."""
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(user: User, name: str, days: int) -> tuple[ApiToken, str]:
    """Create a token for the user; the raw value is returned once and never stored."""
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name[:80] or "api", token_hash=digest(raw), expires_at=utcnow() + timedelta(days=days)
    )
    db.session.add(token)
    db.session.flush()
    return token, raw


def user_for_token(raw: object) -> ApiToken | None:
    """The valid token with this raw value (with its active user), or None."""
    if not isinstance(raw, str) or not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(raw)))
    if token is None or not token.is_valid or not token.user.is_active:
        return None
    return token


def revoke_token(user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound("No such token.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()  # an ORM change: the token's sockets are re-checked after the commit
        db.session.flush()
    return token


def tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens, newest first."""
    return list(
        db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc()))
    )
