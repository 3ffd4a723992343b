"""Judging socket commands: parse, call the command, shape the acknowledgement (the pipeline does the rest)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from ..commands import Actor, Outcome
from ..events.models import Event
from ..events.services import get_event
from ..extensions import db
from ..realtime.dispatch import socket_command
from . import commands, scoring
from .facts import STATE, state_payload
from .juror import juror_summary


class EventPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(min_length=1, max_length=80)


class CurrentPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    team_id: StrictInt


class ScorePayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    team_id: StrictInt
    scores: dict[StrictStr, StrictInt] = Field(max_length=50)
    comment: StrictStr = Field(default="", max_length=scoring.MAX_COMMENT)
    # The phone's id for this edit: a resend with the same nonce is acknowledged and changes nothing.
    nonce: StrictStr | None = Field(default=None, min_length=1, max_length=64)


class VotePayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    team_id: StrictInt


def _state_ack(outcome: Outcome) -> dict:
    """The session's new state (as published; read again if publishing failed)."""
    event_id = outcome.value["event_id"]
    return {"state": outcome.payload(STATE, event_id) or state_payload(db.session.get(Event, event_id))}


@socket_command("judging:open", EventPayload)
def open_scoring(actor: Actor, payload: EventPayload) -> dict:
    """Organisers open the jury's scoring."""
    return _state_ack(commands.open_scoring(actor, event=get_event(payload.event)))


@socket_command("judging:close", EventPayload)
def close_scoring(actor: Actor, payload: EventPayload) -> dict:
    """Organisers close the jury's scoring."""
    return _state_ack(commands.close_scoring(actor, event=get_event(payload.event)))


@socket_command("judging:current", CurrentPayload)
def current(actor: Actor, payload: CurrentPayload) -> dict:
    """Organisers name the team now pitching; every juror's phone follows."""
    return _state_ack(commands.set_current(actor, team_id=payload.team_id))


@socket_command("judging:score", ScorePayload)
def score(actor: Actor, payload: ScorePayload) -> dict:
    """A juror saves their sheet for a team; sending it again replaces it; a repeated nonce changes nothing."""
    outcome = commands.score(actor, team_id=payload.team_id, scores=dict(payload.scores), comment=payload.comment,
                             nonce=payload.nonce)
    event = db.session.get(Event, outcome.value["event_id"])
    return {"sheet": outcome.value["sheet"], "progress": juror_summary(event, actor.user)}


@socket_command("judging:sync", EventPayload)
def sync(actor: Actor, payload: EventPayload) -> dict:
    """The state again after a reconnect: the session; a juror's own sheets; organisers' progress."""
    event = get_event(payload.event)
    roles = actor.require(event, "organiser", "jury")
    answer: dict = {"state": state_payload(event)}
    if "jury" in roles:
        answer["sheets"] = [scoring.sheet_json(s) for s in scoring.sheets_of(event, actor.user)]
        answer["progress"] = juror_summary(event, actor.user)
    if "organiser" in roles:
        found = scoring.progress(event)
        answer["teams"] = found.teams
        answer["jurors"] = found.jurors
    return answer


@socket_command("judging:vote", VotePayload)
def vote(actor: Actor, payload: VotePayload) -> dict:
    """A participant's people's choice vote: once, not for their own team, while the vote is open."""
    return commands.vote(actor, team_id=payload.team_id).value
