"""Expo socket commands: parse, call the command, shape the acknowledgement (the pipeline does the rest)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr
from sqlalchemy import select

from ..commands import Actor
from ..extensions import db
from ..realtime.dispatch import socket_command
from . import commands, rounds, walk
from .commands import JUDGE
from .models import ExpoJudge
from .standings import coverage, judge_payload, round_payload

Id = StrictInt


class RoundPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    round_id: Id = Field(gt=0, lt=2**63)


class NextPayload(RoundPayload):
    seen_team_id: Id | None = Field(default=None, gt=0, lt=2**63)


class SkipPayload(RoundPayload):
    team_id: Id = Field(gt=0, lt=2**63)


class BreakPayload(RoundPayload):
    on_break: StrictBool


class VotePayload(RoundPayload):
    previous_team_id: Id = Field(gt=0, lt=2**63)
    current_team_id: Id = Field(gt=0, lt=2**63)
    winner: Literal["previous", "current"]
    reason: StrictStr = Field(default="", max_length=walk.MAX_REASON)
    nonce: StrictStr = Field(min_length=8, max_length=64)


class UndoPayload(RoundPayload):
    vote_id: Id = Field(gt=0, lt=2**63)


def _judge_ack(outcome) -> dict:
    judge_id = outcome.value["judge"]
    published = outcome.payload(JUDGE, judge_id)
    if published is None:  # nothing changed (or publishing failed): the current state, read afresh
        published = judge_payload(db.session.get(ExpoJudge, judge_id))
    return {"judge": published}


@socket_command("expo:sync", RoundPayload)
def sync(actor: Actor, payload: RoundPayload) -> dict:
    """The round, and the judge's phone state (judges) or the coverage (organisers)."""
    expo_round = rounds.get_round(None, payload.round_id)
    roles = actor.require(expo_round.event_id, "organiser", "jury")
    answer: dict = {"round": round_payload(expo_round)}
    if "organiser" in roles:
        answer["coverage"] = coverage(expo_round)
    if "jury" in roles:
        judge = db.session.scalar(select(ExpoJudge).where(ExpoJudge.round_id == expo_round.id,
                                                          ExpoJudge.user_id == actor.id))
        answer["judge"] = judge_payload(judge, expo_round) if judge is not None else None
    return answer


@socket_command("expo:next", NextPayload)
def next_project(actor: Actor, payload: NextPayload) -> dict:
    """Where to go now (assigned when the judge has no project); `seen_team_id` moves on from the first one."""
    return _judge_ack(commands.next_project(actor, round_id=payload.round_id, seen_team_id=payload.seen_team_id))


@socket_command("expo:skip", SkipPayload)
def skip(actor: Actor, payload: SkipPayload) -> dict:
    """The team is absent: on to another project without a vote."""
    return _judge_ack(commands.skip(actor, round_id=payload.round_id, team_id=payload.team_id))


@socket_command("expo:break", BreakPayload)
def take_break(actor: Actor, payload: BreakPayload) -> dict:
    """A break starts (the table is freed) or ends (a project is assigned)."""
    return _judge_ack(commands.set_break(actor, round_id=payload.round_id, on_break=payload.on_break))


@socket_command("expo:vote", VotePayload)
def vote(actor: Actor, payload: VotePayload) -> dict:
    """Previous or current better; the same nonce again answers as the first time and changes nothing."""
    outcome = commands.vote(actor, round_id=payload.round_id, previous_team_id=payload.previous_team_id,
                            current_team_id=payload.current_team_id, winner=payload.winner, reason=payload.reason,
                            nonce=payload.nonce)
    return {"vote": outcome.value["vote"], "replayed": outcome.value["replayed"] or outcome.replayed,
            **_judge_ack(outcome)}


@socket_command("expo:undo", UndoPayload)
def undo(actor: Actor, payload: UndoPayload) -> dict:
    """The judge's last vote stops counting; they stand before the same two projects again."""
    outcome = commands.undo(actor, round_id=payload.round_id, vote_id=payload.vote_id)
    return {"vote": outcome.value["vote"], **_judge_ack(outcome)}
