"""Teams JSON API: the teams of an event, and joining one."""

from __future__ import annotations

from flask import jsonify
from flask_babel import gettext as _
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field, StrictStr

from ..commands import request_actor
from ..errors import Forbidden
from ..events.roles import roles_of, taking_part
from ..events.services import get_event
from ..extensions import db
from ..jsonapi import api_blueprint, api_login_required, json_body
from . import commands
from .facts import load_teams, request_payload, team_payload
from .listing import team_cards
from .models import JoinRequest

bp = api_blueprint("teams_api", __name__)


def teams_json(event, viewer) -> list[dict]:
    """Every team of the event; members' emails only for organisers."""
    with_email = "organiser" in roles_of(viewer, event)
    return [team_payload(team, with_email=with_email) for team in team_cards(event.id)]


@bp.get("/events/<slug>/teams")
@api_login_required
def teams(slug: str):
    event = get_event(slug)
    if not taking_part(current_user, event):  # as the board page and teams:sync: members' names are for the event
        raise Forbidden(_("You are not part of this event."))
    return jsonify({"teams": teams_json(event, current_user)})


class JoinBody(BaseModel):
    """Join at once with an invite code or to an open team; otherwise a request with a message."""

    model_config = ConfigDict(extra="forbid")
    invite_code: StrictStr | None = Field(default=None, max_length=40)
    message: StrictStr = Field(default="", max_length=500)


@bp.post("/teams/<int:team_id>/join")
@api_login_required
def join(team_id: int):
    body = json_body(JoinBody)
    joined = commands.join_team(request_actor(), team_id=team_id, invite_code=body.invite_code,
                                message=body.message).value
    if joined["status"] == "joined":
        (team,) = load_teams(joined["event_id"], [team_id])
        return jsonify({"status": "joined", "team": team_payload(team)}), 201
    request = db.session.get(JoinRequest, joined["request_id"])
    return jsonify({"status": "requested", "request": request_payload(request)}), 202
