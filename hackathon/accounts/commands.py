"""Account commands: making an account from the command line (a platform administrator, or a person with a role)."""

from __future__ import annotations

from flask_babel import gettext as _

from ..audit.services import record as audit
from ..commands import Actor, command
from . import services
from .admin import require_admin


@command("accounts.create")
def create_account(actor: Actor, *, email: str, name: str, password: str, admin: bool = False,
                   role: str | None = None, event=None) -> dict:
    """An account (or the existing one of that email), made a platform administrator or given a role at an event.

    All of it or nothing: a refused role leaves no new account behind.
    """
    if actor.via != "cli":
        require_admin(actor.user)
    user = services.find_user(email)
    created = user is None
    if user is None:
        user = services.create_user(email, name, password)
    if admin and not user.is_admin:
        user.is_admin = True
        audit(None, actor.user, "account.admin_granted", f"user:{user.id}",
              _("%(name)s is a platform administrator.", name=user.name))
    status = None
    if role is not None:
        from ..events.commands import enrol  # a command inside this one: the same unit of work

        status = enrol(actor, event=event, user=user, role=role).value["status"]
    return {"user_id": user.id, "email": user.email, "created": created, "admin": user.is_admin, "status": status}
