"""Password hashing, off the event loop: a scrypt hash takes ~80 ms of CPU."""

from __future__ import annotations

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from ..offload import run_off_loop

MIN_LENGTH = 8
MAX_LENGTH = 200

# Compared against when the email is unknown, so that a wrong email costs the same time as a wrong password.
_DUMMY_HASH: dict[str, str] = {}


def hash_password(password: str) -> str:
    """A salted hash of the password (scrypt by default)."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    return run_off_loop(generate_password_hash, password, method=method)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether the password matches; spends the same time when there is no hash."""
    if password_hash is None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        if method not in _DUMMY_HASH:
            _DUMMY_HASH[method] = generate_password_hash("not a password", method=method)
        run_off_loop(check_password_hash, _DUMMY_HASH[method], password)
        return False
    return run_off_loop(check_password_hash, password_hash, password)
