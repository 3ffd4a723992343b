"""Mentoring JSON API: the slot grid, the help queue, the organisers' numbers."""

from __future__ import annotations

from flask import jsonify
from flask_babel import gettext as _
from flask_login import current_user

from ..errors import Forbidden
from ..events.roles import require_role, taking_part
from ..events.services import get_event
from ..jsonapi import api_blueprint, api_login_required
from ..teams.membership import team_of
from .commands import expire_stale_requests
from .grid import note_reader, slots_json
from .helpqueue import queue_stats
from .snapshot import help_for

bp = api_blueprint("mentoring_api", __name__)


def _event_and_roles(slug: str):
    event = get_event(slug)
    roles = taking_part(current_user, event)
    if not roles:
        raise Forbidden(_("You are not part of this event."))
    return event, roles


@bp.get("/events/<slug>/mentoring/slots")
@api_login_required
def slots(slug: str):
    event, roles = _event_and_roles(slug)
    team = team_of(current_user, event.id)
    return jsonify({"slots": slots_json(event.id, reader=note_reader(current_user, roles, team.id if team else None))})


@bp.get("/events/<slug>/mentoring/help")
@api_login_required
def help_queue(slug: str):
    event, roles = _event_and_roles(slug)
    expire_stale_requests(event.id)
    return jsonify({"requests": help_for(event, current_user, roles)})


@bp.get("/events/<slug>/mentoring/stats")
@api_login_required
def stats(slug: str):
    event = get_event(slug)
    require_role(current_user, event, "organiser")
    expire_stale_requests(event.id)
    return jsonify(queue_stats(event.id))
