"""Password hashing, off the event loop: a scrypt hash takes ~80 ms of CPU."""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from ..offload import run_off_loop

MIN_LENGTH = 8
MAX_LENGTH = 200

# The 19,640 most common passwords (lower-cased), as NIST SP 800-63B asks new passwords to be checked against:
# Royce Williams' list, shipped by Django (BSD licence) as django/contrib/auth/common-passwords.txt.gz.
COMMON_PASSWORDS = Path(__file__).with_name("common-passwords.txt.gz")


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, read once."""
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


def is_common(password: str, *context: str) -> bool:
    """Whether the password is a common one, or just the person's own email address or name (context)."""
    lowered = password.strip().lower()
    if lowered in common_passwords():
        return True
    for word in context:
        word = (word or "").strip().lower()
        if word and (lowered == word or lowered == word.split("@", 1)[0]):
            return True
    return False

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
