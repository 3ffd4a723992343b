"""Teams socket commands: `teams:sync` gives a (re)connecting page every team of an event."""

from __future__ import annotations

from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, StrictStr

from ..commands import Actor
from ..errors import Forbidden
from ..events.roles import taking_part
from ..events.services import get_event
from ..realtime.dispatch import socket_command
from .api import teams_json


class SyncPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(min_length=1, max_length=80)


@socket_command("teams:sync", SyncPayload)
def sync(actor: Actor, payload: SyncPayload) -> dict:
    """Every team of the event, for anyone with a role there (the same list as the JSON API)."""
    event = get_event(payload.event)
    if not taking_part(actor.user, event):
        raise Forbidden(_("You are not part of this event."))
    return {"event": event.slug, "teams": teams_json(event, actor.user)}
