"""Account commands: making an account from the command line or an administrator's page (events adds the role)."""

from __future__ import annotations

from flask_babel import gettext as _

from ..audit.services import record as audit
from ..commands import Actor, command
from . import services
from .admin import require_admin


@command("accounts.create")
def create_account(actor: Actor, *, email: str, name: str, password: str, admin: bool = False) -> dict:
    """An account (or the existing one of that email), optionally made a platform administrator.

    A role at an event is the events capability's (`events.create_person` composes both in one unit of work).
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
    return {"user_id": user.id, "email": user.email, "created": created, "admin": user.is_admin}
