"""Page and API guards for event pages: load the event by slug and check the viewer's role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import g
from flask_login import current_user

from ..accounts.admin import is_admin
from ..errors import Unauthorized
from .roles import require_role, roles_of
from .services import get_event, hidden_event


def event_view(*allowed_roles: str) -> Callable:
    """Decorate a view taking `slug`: it receives `event` instead; with roles given, only those may enter."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(slug: str, **kwargs):
            event = get_event(slug)
            if allowed_roles:
                if not current_user.is_authenticated:
                    raise Unauthorized()
                g.roles = require_role(current_user, event, *allowed_roles)
            else:
                g.roles = roles_of(current_user, event) if current_user.is_authenticated else set()
                if not event.published and not g.roles and not is_admin(current_user):
                    raise hidden_event(slug)  # a draft is for its staff until it is published
            g.event = event
            return view(event=event, **kwargs)

        return wrapper

    return decorate
