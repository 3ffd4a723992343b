"""Mailing commands: an organiser sends an email to an audience (alone, or with an announcement).

The command stores the mailing and its recipients in one unit of work and writes the audit entry; the
background sender delivers it after the commit (`sender`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import gettext as _

from ..audit.services import record as audit
from ..commands import Actor, command
from . import mailings
from .audiences import audience_names

if TYPE_CHECKING:
    from ..events.models import Event


def start(event: Event, actor_user, audience: str, subject: str, text: str, translations: dict | None = None,
          announcement_id: int | None = None) -> mailings.Mailing:
    """Store a mailing and audit it, inside the caller's unit of work (an announcement's, or the command's)."""
    mailing = mailings.create(event, audience, subject, text, translations, announcement_id)
    audit(event, actor_user, "mailing.started", f"mailing:{mailing.id}",
          _("Email \"%(subject)s\" to %(audience)s: %(n)d people.", subject=mailing.subject,
            audience=audience_names().get(audience, audience), n=mailing.total),
          audience=audience, recipients=mailing.total, announcement_id=announcement_id)
    return mailing


@command("mailing.send")
def send(actor: Actor, *, event: Event, audience: str, subject: str, text: str,
         translations: dict | None = None) -> dict:
    """Organisers email an audience; it is delivered in the background."""
    actor.require(event, "organiser")
    mailing = start(event, actor.user, audience, subject, text, translations)
    return {"mailing_id": mailing.id, "total": mailing.total}
