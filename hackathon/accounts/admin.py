"""Platform administrators: a role above events (they create events and keep the organisations' registry)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask_babel import gettext as _
from flask_login import current_user

from ..errors import Forbidden, Unauthorized


def is_admin(user: Any) -> bool:
    """Whether this (possibly anonymous) user is a platform administrator."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_admin", False))


def require_admin(user: Any) -> None:
    """Refuse with `forbidden` unless the user is a platform administrator."""
    if not is_admin(user):
        raise Forbidden(_("Only platform administrators can do that."))


def admin_view(view: Callable) -> Callable:
    """A page only platform administrators may open (others: log in, or forbidden)."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any):
        if not current_user.is_authenticated:
            raise Unauthorized()
        require_admin(current_user)
        return view(*args, **kwargs)

    return wrapper
