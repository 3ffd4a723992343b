"""Programme JSON API: the agenda with now/next, and announcements (read, send, pin)."""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from ..clock import iso, to_zone, utcnow
from ..commands import request_actor
from ..events.models import Event
from ..events.roles import require_role
from ..events.services import get_event
from ..extensions import db
from ..jsonapi import api_blueprint, api_login_required, json_body
from ..teams.membership import team_of
from . import agenda as agenda_service
from . import announcements, commands
from .facts import announcement_payload
from .models import AgendaItem
from .sockets import AudiencePayload

bp = api_blueprint("programme_api", __name__)
READERS = ("organiser", "mentor", "jury", "challenge_owner", "participant")


def item_json(event: Event, item: AgendaItem) -> dict:
    """An agenda item: times as ISO 8601 in the event's zone, with its day."""
    return {
        "id": item.id,
        "title": item.title,
        "kind": item.kind,
        "day": agenda_service.local_day(item, event.timezone).isoformat(),
        "starts_at": iso(to_zone(item.starts_at, event.timezone)),
        "ends_at": iso(to_zone(item.ends_at, event.timezone)),
        "place": item.place,
        "description": item.description,
        "version": item.version,
    }


@bp.get("/events/<slug>/programme")
def programme(slug: str):
    event = get_event(slug)
    items = agenda_service.agenda(event)
    found = agenda_service.now_next(items, utcnow())
    return jsonify({
        "event": event.slug, "timezone": event.timezone, "items": [item_json(event, i) for i in items],
        "now": [i.id for i in found.now], "next": [i.id for i in found.next], "state": found.state,
    })


@bp.get("/events/<slug>/announcements")
@api_login_required
def announcement_list(slug: str):
    event = get_event(slug)
    roles = require_role(current_user, event, *READERS)
    team = team_of(current_user, event.id)
    shown = announcements.visible(event, roles, team.id if team else None)
    return jsonify({"announcements": [announcement_payload(a) for a in shown]})


class AnnounceBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: StrictStr = Field(min_length=1, max_length=2000)
    audience: AudiencePayload


@bp.post("/events/<slug>/announcements")
@api_login_required
def announce(slug: str):
    event = get_event(slug)
    # The command authorises; asked first here too, so that a stranger is refused before the body is judged.
    require_role(current_user, event, "organiser")
    body = json_body(AnnounceBody)
    sent = commands.announce(request_actor(), event=event, text=body.text, audience_kind=body.audience.kind,
                             audience_value=body.audience.value)
    return jsonify(announcement_payload(announcements.get_announcement(sent.value["announcement_id"]))), 201


class PinBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pinned: StrictBool


@bp.post("/announcements/<int:announcement_id>/pin")
@api_login_required
def pin(announcement_id: int):
    found = announcements.get_announcement(announcement_id)
    require_role(current_user, db.session.get(Event, found.event_id), "organiser")  # before the body, as above
    body = json_body(PinBody)
    pinned = commands.pin(request_actor(), announcement_id=announcement_id, pinned=body.pinned)
    return jsonify({**announcement_payload(announcements.get_announcement(announcement_id)),
                    "changed": pinned.value["changed"]})
