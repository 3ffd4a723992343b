"""Email addresses as accounts keep them: the one canonical form every look-up by address uses."""

from __future__ import annotations


def email_key(email: str) -> str:
    """The canonical form of an email address for lookups."""
    return email.strip().lower()
