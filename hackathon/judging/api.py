"""Judging JSON API: the criteria, the session state, and the results (organisers)."""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from ..events.roles import require_role
from ..events.services import get_event
from ..jsonapi import api_blueprint, api_login_required
from .criteria import criterion_json, list_criteria
from .facts import reveal_payload, state_payload
from .results import event_results
from .session import state_of

bp = api_blueprint("judging_api", __name__)


@bp.get("/events/<slug>/judging/criteria")
@api_login_required
def criteria(slug: str):
    event = get_event(slug)
    return jsonify({"criteria": [criterion_json(c) for c in list_criteria(event)]})


@bp.get("/events/<slug>/judging/state")
@api_login_required
def state(slug: str):
    event = get_event(slug)
    require_role(current_user, event, "organiser", "jury")
    return jsonify(state_payload(event))


@bp.get("/events/<slug>/judging/results")
@api_login_required
def results(slug: str):
    event = get_event(slug)
    require_role(current_user, event, "organiser")
    return jsonify({"event": event.slug, "state": state_of(event).state, "method": "z-score per juror",
                    "results": [r.as_json() for r in event_results(event)]})


@bp.get("/events/<slug>/judging/reveal")
@api_login_required
def reveal(slug: str):
    event = get_event(slug)
    require_role(current_user, event, "organiser")
    return jsonify(reveal_payload(event))
