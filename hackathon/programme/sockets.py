"""Programme socket commands: `programme:announce` and `programme:pin` (organisers): parse, call the command,
answer with the announcement as its fact told it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from .. import realtime
from ..commands import Actor, Outcome
from ..events.services import get_event
from ..realtime.dispatch import socket_command
from . import announcements, commands
from .facts import ANNOUNCEMENT, announcement_payload


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


def announcement_answer(outcome: Outcome) -> dict:
    """The announcement a command sent or pinned, as its fact told it (or as it is, when nothing was published)."""
    announcement_id = outcome.value["announcement_id"]
    published = outcome.payload(ANNOUNCEMENT, announcement_id)
    if published is not None:
        return published
    found = announcements.get_announcement(announcement_id)
    return realtime.envelope(found.event_id, announcement_payload(found))


@socket_command("programme:announce", AnnouncePayload)
def announce(actor: Actor, payload: AnnouncePayload) -> dict:
    """Send a message to the event, a role or a team."""
    sent = commands.announce(actor, event=get_event(payload.event), text=payload.text,
                             audience_kind=payload.audience.kind, audience_value=payload.audience.value,
                             translations=payload.translations)
    return {"announcement": announcement_answer(sent)}


@socket_command("programme:pin", PinPayload)
def pin(actor: Actor, payload: PinPayload) -> dict:
    """Pin or unpin an announcement (pinned ones come first in the list)."""
    pinned = commands.pin(actor, announcement_id=payload.announcement_id, pinned=payload.pinned)
    return {"announcement": announcement_answer(pinned), "changed": pinned.value["changed"]}
