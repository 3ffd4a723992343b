"""Expo JSON API: rounds, a judge's walk (next, skip, break, vote, undo), the ranking and the coverage."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from ..commands import request_actor
from ..errors import Forbidden, Invalid
from ..events.roles import roles_of
from ..events.services import get_event
from ..extensions import db
from ..jsonapi import api_blueprint, api_login_required, json_body
from ..realtime.dispatch import validation_message
from . import commands, rounds
from .models import ExpoJudge
from .sockets import BreakPayload, NextPayload, SkipPayload, UndoPayload, VotePayload
from .standings import coverage, judge_payload, ranking, round_payload
from .walk import judge_row

bp = api_blueprint("expo_api", __name__)


class RoundBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: StrictStr = Field(min_length=1, max_length=rounds.MAX_NAME)
    track_id: StrictInt | None = Field(default=None, gt=0, lt=2**63)
    finalists: StrictInt = Field(ge=1, le=rounds.MAX_FINALISTS)
    min_comparisons: StrictInt = Field(default=3, ge=1, le=rounds.MAX_MIN_COMPARISONS)
    judge_ids: list[StrictInt] = Field(min_length=1, max_length=500)


def _round(slug: str, round_id: int, *allowed: str):
    event = get_event(slug)
    roles = roles_of(current_user, event)
    if not roles.intersection(allowed):
        raise Forbidden(_("You are not allowed to see this."))
    return event, rounds.get_round(event, round_id), roles


def _judge_answer(outcome) -> dict:
    judge = db.session.get(ExpoJudge, outcome.value["judge"])
    return outcome.payload(commands.JUDGE, judge.id) or judge_payload(judge)


@bp.get("/events/<slug>/expo/rounds")
@api_login_required
def list_rounds(slug: str):
    event = get_event(slug)
    if not roles_of(current_user, event).intersection(("organiser", "jury")):
        raise Forbidden(_("You are not allowed to see this."))
    return jsonify({"rounds": [round_payload(r) for r in rounds.rounds_of(event)]})


@bp.post("/events/<slug>/expo/rounds")
@api_login_required
def add_round(slug: str):
    body = json_body(RoundBody)
    event = get_event(slug)
    outcome = commands.add_round(request_actor(), event=event, name=body.name, track_id=body.track_id,
                                 finalists=body.finalists, min_comparisons=body.min_comparisons,
                                 judge_ids=body.judge_ids)
    return jsonify(round_payload(rounds.get_round(event, outcome.value["round_id"]))), 201


@bp.post("/events/<slug>/expo/rounds/<int:round_id>/<any(open, close):action>")
@api_login_required
def change_state(slug: str, round_id: int, action: str):
    event = get_event(slug)
    act = commands.open_round if action == "open" else commands.close_round
    act(request_actor(), event=event, round_id=round_id)
    return jsonify(round_payload(rounds.get_round(event, round_id)))


@bp.post("/events/<slug>/expo/rounds/<int:round_id>/promote")
@api_login_required
def promote(slug: str, round_id: int):
    outcome = commands.promote(request_actor(), event=get_event(slug), round_id=round_id)
    return jsonify(outcome.value)


@bp.get("/events/<slug>/expo/rounds/<int:round_id>/ranking")
@api_login_required
def ranking_of(slug: str, round_id: int):
    _event, expo_round, _roles = _round(slug, round_id, "organiser")
    return jsonify(ranking(expo_round))


@bp.get("/events/<slug>/expo/rounds/<int:round_id>/coverage")
@api_login_required
def coverage_of(slug: str, round_id: int):
    _event, expo_round, _roles = _round(slug, round_id, "organiser")
    return jsonify(coverage(expo_round))


@bp.get("/events/<slug>/expo/rounds/<int:round_id>/me")
@api_login_required
def my_walk(slug: str, round_id: int):
    _event, expo_round, _roles = _round(slug, round_id, "jury")
    return jsonify(judge_payload(judge_row(expo_round, current_user.id), expo_round))


@bp.post("/events/<slug>/expo/rounds/<int:round_id>/next")
@api_login_required
def next_project(slug: str, round_id: int):
    body = _in_path(NextPayload, round_id)
    outcome = commands.next_project(request_actor(), event=get_event(slug), round_id=round_id,
                                    seen_team_id=body.seen_team_id)
    return jsonify(_judge_answer(outcome))


@bp.post("/events/<slug>/expo/rounds/<int:round_id>/skip")
@api_login_required
def skip(slug: str, round_id: int):
    body = _in_path(SkipPayload, round_id)
    outcome = commands.skip(request_actor(), event=get_event(slug), round_id=round_id, team_id=body.team_id)
    return jsonify(_judge_answer(outcome))


@bp.post("/events/<slug>/expo/rounds/<int:round_id>/break")
@api_login_required
def take_break(slug: str, round_id: int):
    body = _in_path(BreakPayload, round_id)
    outcome = commands.set_break(request_actor(), event=get_event(slug), round_id=round_id, on_break=body.on_break)
    return jsonify(_judge_answer(outcome))


@bp.post("/events/<slug>/expo/rounds/<int:round_id>/votes")
@api_login_required
def vote(slug: str, round_id: int):
    body = _in_path(VotePayload, round_id)
    outcome = commands.vote(request_actor(), event=get_event(slug), round_id=round_id,
                            previous_team_id=body.previous_team_id, current_team_id=body.current_team_id,
                            winner=body.winner, reason=body.reason, nonce=body.nonce)
    replayed = outcome.value["replayed"] or outcome.replayed
    return jsonify({"vote": outcome.value["vote"], "replayed": replayed, "judge": _judge_answer(outcome)}), (
        200 if replayed else 201)


@bp.post("/events/<slug>/expo/rounds/<int:round_id>/undo")
@api_login_required
def undo(slug: str, round_id: int):
    body = _in_path(UndoPayload, round_id)
    outcome = commands.undo(request_actor(), event=get_event(slug), round_id=round_id, vote_id=body.vote_id)
    return jsonify({"vote": outcome.value["vote"], "judge": _judge_answer(outcome)})


def _in_path(schema, round_id: int):
    """The body validated with the socket command's schema (the same fields), `round_id` taken from the path."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Invalid(_("The body must be a JSON object."), status=400)
    if "round_id" in data:
        raise Invalid(_("round_id is in the path, not the body."))
    try:
        return schema.model_validate({**data, "round_id": round_id})
    except ValidationError as error:
        raise Invalid(validation_message(error)) from None
