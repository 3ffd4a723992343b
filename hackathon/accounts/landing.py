"""Where a person lands after logging in (when no page asked for them): the capabilities' `landing` hooks decide."""

from __future__ import annotations

from flask import url_for

from ..registry import registry


def landing_url(user) -> str:
    """The first page a `landing` hook names for this person, else the home page."""
    for hook in registry().hooks_for("landing"):
        url = hook(user)
        if url:
            return url
    return url_for("events.home")
