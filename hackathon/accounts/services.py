"""Account rules: sign-up, authentication, password changes and resets, preferences."""

from __future__ import annotations

import hashlib

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..clock import utcnow
from ..errors import Conflict, Gone, Invalid
from ..extensions import db
from .addresses import email_key
from .models import User
from .passwords import MAX_LENGTH, MIN_LENGTH, hash_password, is_common, verify_password
from .sessions import end_every_session

RESET_SALT = "password-reset"


def check_password_rules(password: str, *context: str) -> None:
    """Refuse passwords that are too short, too long, common, or the person's email or name (`context`)."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        raise Invalid(_("Passwords need at least %(n)d characters.", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        raise Invalid(_("Passwords may have at most %(n)d characters.", n=MAX_LENGTH))
    if is_common(password, *context):
        raise Invalid(_("This password is one of the most common ones (or your own name or address), which are "
                        "guessed first. Please choose another."), code="common_password")


def find_user(email: str) -> User | None:
    """The account with this email, whatever its case."""
    return db.session.scalar(select(User).where(User.email == email_key(email)))


def create_user(email: str, name: str, password: str | None = None, *, password_hash: str | None = None,
                locale: str | None = None, verified: bool = True) -> User:
    """Create an account; `conflict` (code email_taken) when the email is already used.

    `verified=False` for sign-ups: the account logs in once its address is confirmed (confirm_email).
    """
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise Invalid(_("Please give a name of at most 120 characters."))
    if password_hash is None:
        check_password_rules(password or "", email, name)
        password_hash = hash_password(password or "")
    user = User(email=email_key(email), name=name, password_hash=password_hash, locale=locale)
    try:
        with db.session.begin_nested():
            db.session.add(user)
    except IntegrityError:
        raise Conflict(_("An account with this email already exists."), code="email_taken") from None
    if not verified:
        user.email_verified_at = None  # after the insert: the column's default stamps every other new account
        db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None (same cost whether or not the email exists)."""
    user = find_user(email or "")
    if not verify_password(user.password_hash if user else None, password or ""):
        return None
    return user if user and user.is_active else None


def new_password_hash(password: str, *context: str) -> str:
    """The hash of a new password that keeps the rules (`context`: the person's email and name); ~80 ms of CPU, so
    commands take it in their `prepare` step, outside the write transaction."""
    check_password_rules(password, *context)
    return hash_password(password)


def check_current_password(user: User, current: str) -> None:
    """Refuse with `wrong_password` unless this is the user's password (~80 ms: outside the write transaction)."""
    if not verify_password(user.password_hash, current or ""):
        raise Invalid(_("Your current password is not right."), code="wrong_password")


def set_password_hash(user: User, password_hash: str) -> None:
    """Change the password and end every session and API token of the user (the caller may start a new one)."""
    user.password_hash = password_hash
    end_every_session(user)


def end_all_sessions(user: User) -> None:
    """Log the user out everywhere: every login session, API token and socket ends."""
    end_every_session(user)


def update_preferences(user: User, name: str, locale: str | None) -> None:
    """Change the display name and preferred language."""
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise Invalid(_("Please give a name of at most 120 characters."))
    if locale is not None and locale not in current_app.config["LANGUAGES"]:
        raise Invalid(_("That language is not available."))
    user.name = name
    user.locale = locale


class _ClockSigner(TimestampSigner):
    """Signs with the platform's clock, so that expiry follows the same time as everything else."""

    def get_timestamp(self) -> int:
        return int(utcnow().timestamp())


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT, signer=_ClockSigner)


def _password_fingerprint(user: User) -> str:
    # Tied to the current hash: the link stops working once the password has changed (single use).
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def password_reset_token(user: User) -> str:
    """A signed, expiring, single-use token for resetting the user's password."""
    return _reset_serializer().dumps({"u": user.id, "p": _password_fingerprint(user)})


def user_for_reset_token(token: str) -> User:
    """The user a reset token was made for; `gone` when expired or already used, `invalid` if forged."""
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        data = _reset_serializer().loads(token, max_age=max_age)
    except SignatureExpired:
        raise Gone(_("This reset link has expired. Please ask for a new one."), code="expired") from None
    except BadSignature:
        raise Invalid(_("This reset link is not valid."), code="invalid_token") from None
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or data.get("p") != _password_fingerprint(user):
        raise Gone(_("This reset link has already been used. Please ask for a new one."), code="expired")
    return user


# --- confirming the address given at sign-up -------------------------------------------------------------------

VERIFY_SALT = "email-verify"


def _verify_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=VERIFY_SALT, signer=_ClockSigner)


def verification_token(user: User, next_path: str | None = None) -> str:
    """A signed, expiring token that confirms the user's address (and says where to go afterwards)."""
    return _verify_serializer().dumps({"u": user.id, "e": user.email, "n": next_path or ""})


def user_for_verification_token(token: str) -> tuple[User, str]:
    """The user a confirmation link was made for, and the page to go to; `gone` when expired, `invalid` if forged."""
    try:
        data = _verify_serializer().loads(token, max_age=current_app.config["EMAIL_VERIFY_MAX_AGE"])
    except SignatureExpired:
        raise Gone(_("This confirmation link has expired. Log in to get a new one."), code="expired") from None
    except BadSignature:
        raise Invalid(_("This confirmation link is not valid."), code="invalid_token") from None
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or user.email != data.get("e") or not user.is_active:
        raise Invalid(_("This confirmation link is not valid."), code="invalid_token")
    return user, str(data.get("n") or "")


def confirm_email(user: User) -> bool:
    """Mark the address confirmed; False when it already was (the link works more than once, harmlessly)."""
    result = db.session.execute(update(User).where(User.id == user.id, User.email_verified_at.is_(None))
                                .values(email_verified_at=utcnow()))
    db.session.refresh(user)
    return result.rowcount == 1
