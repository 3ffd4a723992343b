"""Privacy commands: a person deletes their account; organisers set how long the event keeps personal data; the
platform purges the people of events whose retention has passed (`flask privacy purge`).

Each authorises its actor, applies the rules (`erasure`, `retention`), writes the audit entry and declares what
changed; `hackathon.commands` runs it as one unit of work and publishes after the commit. The pages only call
these (mail to people moved up from a waitlist is sent by the page after the commit, from what is returned).
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..accounts.models import User
from ..audit.services import record as audit
from ..commands import Actor, changed, command
from ..errors import Forbidden
from ..events.commands import REGISTRATIONS
from ..events.models import Event
from ..extensions import db
from . import erasure, retention


@command("privacy.delete_account")
def delete_account(actor: Actor, *, password: str) -> dict:
    """The person deletes their own account (their password confirms it), logged; the events' counts follow."""
    user = actor.user
    erased = erasure.delete_own_account(user, password)
    audit(None, user, "account.deleted", f"user:{user.id}", _("The person deleted their account."))
    for event in erased.events:
        changed(REGISTRATIONS, event.id, event.id)
    return {"promoted": [{"event_id": r.event_id, "registration_id": r.id} for r in erased.promoted]}


@command("privacy.set_retention")
def set_retention(actor: Actor, *, event: Event, days: int | None) -> dict:
    """Organisers set (or clear) how many days after the event personal data is kept, logged."""
    actor.require(event, "organiser")
    before = retention.retention_of(event)
    retention.set_retention(event, days)
    audit(event, actor.user, "privacy.retention_changed", f"event:{event.id}",
          _("Data retention set to %(days)s days.", days=days if days is not None else "-"), before=before, after=days)
    return {"retention_days": days}


@command("privacy.purge_event")
def purge_event(actor: Actor, *, event: Event, user_ids: list[int]) -> dict:
    """The platform anonymises these participants of an event whose retention has passed, logged with them.

    Only the platform purges (`system_actor`: the command line's sweep); the erasures and their entry in the log
    commit together. No facts: nobody watches the counters of an event long over.
    """
    if actor.via != "system":
        raise Forbidden(_("You are not allowed to do that."))
    for user_id in user_ids:
        erasure.erase_account(db.session.get(User, user_id))
    if user_ids:
        audit(event, None, "privacy.purged", f"event:{event.id}",
              _("Retention passed: %(n)d participants anonymised.", n=len(user_ids)), user_ids=user_ids)
    return {"user_ids": user_ids}
