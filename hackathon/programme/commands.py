"""Programme commands: the agenda (add, change, remove an item) and announcements (send, pin), one function each.

Each authorises its actor, applies the rules (`agenda`, `announcements`), writes the audit entry and declares
what changed; `hackathon.commands` runs it as one unit of work and publishes `programme:announcement` after
the commit. Socket handlers, JSON routes and pages only call these.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..audit.services import record as audit
from ..clock import to_zone
from ..commands import Actor, changed, command
from ..errors import NotFound
from ..events.models import Event
from ..extensions import db
from ..registry import registry
from . import agenda, announcements
from .facts import ANNOUNCEMENT
from .models import AgendaItem

# --- the agenda (no fact: pages read it, phones fetch it) ---------------------------------------------------


def _snapshot(event: Event, item: AgendaItem) -> dict:
    """An item's fields as the audit log shows them, times in the event's zone."""
    return {"title": item.title, "kind": item.kind, "place": item.place, "description": item.description,
            "translations": item.translations,
            "starts": f"{to_zone(item.starts_at, event.timezone):%Y-%m-%d %H:%M}",
            "ends": f"{to_zone(item.ends_at, event.timezone):%Y-%m-%d %H:%M}"}


@command("programme.add_item")
def add_item(actor: Actor, *, event: Event, fields: agenda.ItemFields) -> dict:
    """Organisers add an item to the agenda."""
    actor.require(event, "organiser")
    item = agenda.create_item(event, fields)
    added = _snapshot(event, item)
    audit(event, actor.user, "programme.item_added", f"agenda_item:{item.id}",
          _("%(title)s added to the agenda (%(starts)s).", title=item.title, starts=added["starts"]),
          kind=item.kind, starts=added["starts"], ends=added["ends"], place=item.place)
    return {"item_id": item.id, "title": item.title}


@command("programme.change_item")
def change_item(actor: Actor, *, event: Event, item_id: int, fields: agenda.ItemFields,
                expected_version: int | None = None) -> dict:
    """Organisers change an item; `stale` when someone changed it since the editor loaded it."""
    actor.require(event, "organiser")
    before = _snapshot(event, agenda.get_item(event, item_id))
    saved = agenda.update_item(event, item_id, fields, expected_version)
    after = _snapshot(event, saved)
    # Long texts are logged only as "changed": the log is not a second copy of the agenda.
    changes = {key: "changed" if key in ("description", "translations") else [before[key], after[key]]
               for key in before if before[key] != after[key]}
    if changes:
        audit(event, actor.user, "programme.item_changed", f"agenda_item:{saved.id}",
              _("Agenda item %(title)s changed: %(fields)s.", title=saved.title, fields=", ".join(sorted(changes))),
              changes=changes)
    return {"item_id": saved.id, "changes": sorted(changes)}


@command("programme.remove_item")
def remove_item(actor: Actor, *, event: Event, item_id: int) -> dict:
    """Organisers remove an item; `not_found` when it is already gone."""
    actor.require(event, "organiser")
    gone = _snapshot(event, agenda.get_item(event, item_id))
    agenda.delete_item(event, item_id)
    audit(event, actor.user, "programme.item_removed", f"agenda_item:{item_id}",
          _("%(title)s removed from the agenda (%(starts)s).", title=gone["title"], starts=gone["starts"]),
          kind=gone["kind"], starts=gone["starts"])
    return {"item_id": item_id}


# --- announcements ----------------------------------------------------------------------------------------------

@command("programme.announce")
def announce(actor: Actor, *, event: Event, text: str, audience_kind: str, audience_value: str | int | None = None,
             translations: dict | None = None, email_to: str = "") -> dict:
    """Organisers send a message to the event, a role or a team; `email_to` also mails it (where mail is wired).

    `emailed` is how many people the email goes to, or None when none was asked for (or mail is not there).
    """
    actor.require(event, "organiser")
    sent = announcements.announce(event, actor.user, text, audience_kind, audience_value, translations)
    audit(event, actor.user, "programme.announcement_sent", f"announcement:{sent.id}",
          _("Announcement sent to %(audience)s.",
            audience=announcements.audience_text(event, sent.audience_kind, sent.audience_value)),
          audience_kind=sent.audience_kind, audience_value=sent.audience_value)
    # The mail capability stores its mailing in this unit of work (a hook: the programme does not import it).
    mailed = [mail(event, actor.user, sent, email_to) for mail in registry().hooks_for("announcement_email")] \
        if email_to else []
    changed(ANNOUNCEMENT, event.id, sent.id)
    return {"announcement_id": sent.id, "emailed": sum(mailed) if mailed else None}


@command("programme.pin")
def pin(actor: Actor, *, announcement_id: int, pinned: bool, event: Event | None = None) -> dict:
    """Organisers pin or unpin an announcement (pinned ones come first); pinning a pinned one changes nothing."""
    found = announcements.get_announcement(announcement_id)
    if event is not None and found.event_id != event.id:
        raise NotFound(_("There is no such announcement."))
    event = db.session.get(Event, found.event_id)
    actor.require(event, "organiser")
    if not announcements.set_pinned(found, pinned):
        return {"announcement_id": found.id, "changed": False, "pinned": found.pinned}
    when = f"{to_zone(found.sent_at, event.timezone):%Y-%m-%d %H:%M}"
    if found.pinned:
        audit(event, actor.user, "programme.announcement_pinned", f"announcement:{found.id}",
              _("Pinned the announcement sent at %(when)s.", when=when))
    else:
        audit(event, actor.user, "programme.announcement_unpinned", f"announcement:{found.id}",
              _("Unpinned the announcement sent at %(when)s.", when=when))
    changed(ANNOUNCEMENT, event.id, found.id)
    return {"announcement_id": found.id, "changed": True, "pinned": found.pinned}
