"""Programme socket commands: `programme:announce` and `programme:pin` (organisers), acked after the commit."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from ..events.models import Event
from ..events.roles import require_role
from ..events.services import get_event
from ..extensions import db
from ..realtime.dispatch import command
from ..transactions import unit_of_work
from . import announcements
from .facts import announcement_payload, publish_announcement


class AudiencePayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["event", "role", "team"]
    value: StrictStr | StrictInt | None = None


class AnnouncePayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(min_length=1, max_length=80)
    text: StrictStr = Field(min_length=1, max_length=2000)
    audience: AudiencePayload
    # {"de": {"text": "…"}} for each language the event offers (others are dropped).
    translations: dict[StrictStr, dict[StrictStr, StrictStr]] = Field(default_factory=dict, max_length=40)


class PinPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    announcement_id: StrictInt
    pinned: StrictBool


@command("programme:announce", AnnouncePayload)
def announce(user, payload: AnnouncePayload) -> dict:
    """Send a message to the event, a role or a team."""
    event = get_event(payload.event)
    require_role(user, event, "organiser")
    with unit_of_work():
        sent = announcements.announce(event, user, payload.text, payload.audience.kind, payload.audience.value,
                                      payload.translations)
    publish_announcement(sent)
    return {"announcement": announcement_payload(sent)}


@command("programme:pin", PinPayload)
def pin(user, payload: PinPayload) -> dict:
    """Pin or unpin an announcement (pinned ones come first in the list)."""
    found = announcements.get_announcement(payload.announcement_id)
    require_role(user, db.session.get(Event, found.event_id), "organiser")
    with unit_of_work():
        changed = announcements.set_pinned(found, payload.pinned)
        if changed:
            announcements.record_pin(found, user)
    if changed:
        publish_announcement(found)
    return {"announcement": announcement_payload(found), "changed": changed}
