"""Programme JSON API: the agenda with now/next, and announcements (read, send, pin)."""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from ..clock import iso, to_zone, utcnow
from ..errors import NotFound
from ..events.models import Event
from ..events.roles import require_role
from ..events.services import get_event
from ..extensions import db
from ..jsonapi import api_blueprint, api_login_required, json_body
from ..teams.membership import team_of
from ..transactions import unit_of_work
from . import agenda as agenda_service
from . import announcements
from .facts import announcement_payload, publish_announcement
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
    require_role(current_user, event, "organiser")
    body = json_body(AnnounceBody)
    with unit_of_work():
        sent = announcements.announce(event, current_user, body.text, body.audience.kind, body.audience.value)
    publish_announcement(sent)
    return jsonify(announcement_payload(sent)), 201


class PinBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pinned: StrictBool


@bp.post("/announcements/<int:announcement_id>/pin")
@api_login_required
def pin(announcement_id: int):
    found = announcements.get_announcement(announcement_id)
    event = db.session.get(Event, found.event_id)
    if event is None:
        raise NotFound()
    require_role(current_user, event, "organiser")
    body = json_body(PinBody)
    with unit_of_work():
        changed = announcements.set_pinned(found, body.pinned)
        if changed:
            announcements.record_pin(found, current_user)
    if changed:
        publish_announcement(found)
    return jsonify({**announcement_payload(found), "changed": changed})
