"""Expo commands: add, set up, open and close a round; a judge's next project, skip, break, vote and undo;
promoting the finalists to the pitch session. Each authorises, applies the rules (`rounds`, `walk`), writes
the audit entry where organisers act, and declares what changed; `hackathon.commands` runs it.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..audit.services import record as audit
from ..clock import utcnow
from ..commands import Actor, changed, command
from ..errors import Conflict
from ..events.models import Event
from ..extensions import db
from ..judging import session as pitch_session
from ..judging.facts import STATE as JUDGING_STATE
from . import rounds, walk
from .models import ExpoJudge, ExpoRound
from .standings import ranking

ROUND = "expo:round"
JUDGE = "expo:judge"
COVERAGE = "expo:coverage"


def _event_of(expo_round: ExpoRound) -> Event:
    return db.session.get(Event, expo_round.event_id)


def _organiser_round(actor: Actor, round_id: int, event: Event | None) -> tuple[Event, ExpoRound]:
    expo_round = rounds.get_round(event, round_id)
    event = event or _event_of(expo_round)
    actor.require(event, "organiser")
    return event, expo_round


def _judge_round(actor: Actor, round_id: int, event: Event | None) -> tuple[Event, ExpoRound]:
    expo_round = rounds.get_round(event, round_id)
    event = event or _event_of(expo_round)
    actor.require(event, "jury")
    return event, expo_round


def _judge_changed(expo_round: ExpoRound, judge: ExpoJudge) -> None:
    changed(JUDGE, expo_round.event_id, judge.id)
    changed(COVERAGE, expo_round.event_id, expo_round.id)


@command("expo.add_round")
def add_round(actor: Actor, *, event: Event, name: str, track_id: int | None, finalists: int,
              min_comparisons: int, judge_ids: list[int]) -> dict:
    """An organiser adds a round in draft: its projects (all, or one track's), judges and finalists."""
    actor.require(event, "organiser")
    expo_round = rounds.add_round(event, name=name, track_id=track_id, finalists=finalists,
                                  min_comparisons=min_comparisons, judge_ids=judge_ids)
    db.session.flush()
    audit(event, actor.user, "expo.round_added", f"expo_round:{expo_round.id}",
          _("Expo round %(name)s added", name=expo_round.name), finalists=finalists, track_id=track_id,
          judges=len(set(judge_ids)), min_comparisons=min_comparisons)
    changed(ROUND, event.id, expo_round.id)
    return {"round_id": expo_round.id}


@command("expo.set_tables")
def set_tables(actor: Actor, *, round_id: int, tables: dict[int, str], event: Event | None = None) -> dict:
    """An organiser says where each project's table is."""
    event, expo_round = _organiser_round(actor, round_id, event)
    moved = rounds.set_tables(expo_round, tables)
    if moved:
        audit(event, actor.user, "expo.tables_changed", f"expo_round:{expo_round.id}",
              _("Tables of %(name)s changed", name=expo_round.name), teams=moved)
        changed(ROUND, event.id, expo_round.id)
        changed(COVERAGE, event.id, expo_round.id)
        for judge in db.session.query(ExpoJudge).filter_by(round_id=expo_round.id):
            if {judge.current_team_id, judge.previous_team_id} & set(moved):
                judge.version += 1
                changed(JUDGE, event.id, judge.id)
    return {"round_id": expo_round.id, "changed": moved}


def _state_change(actor: Actor, round_id: int, event: Event | None, act, action: str, summary: str) -> dict:
    event, expo_round = _organiser_round(actor, round_id, event)
    before = expo_round.state
    expo_round = act(expo_round)
    if expo_round.state != before:
        audit(event, actor.user, action, f"expo_round:{expo_round.id}", summary % {"name": expo_round.name})
        changed(ROUND, event.id, expo_round.id)
        changed(COVERAGE, event.id, expo_round.id)
        for judge in db.session.query(ExpoJudge).filter_by(round_id=expo_round.id):
            changed(JUDGE, event.id, judge.id)
    return {"round_id": expo_round.id, "state": expo_round.state}


@command("expo.open_round")
def open_round(actor: Actor, *, round_id: int, event: Event | None = None) -> dict:
    """An organiser opens the round: judges' phones start sending them to tables."""
    return _state_change(actor, round_id, event, rounds.open_round, "expo.round_opened",
                         _("Expo round %(name)s opened"))


@command("expo.close_round")
def close_round(actor: Actor, *, round_id: int, event: Event | None = None) -> dict:
    """An organiser closes the round: no more visits, votes or undos."""
    return _state_change(actor, round_id, event, rounds.close_round, "expo.round_closed",
                         _("Expo round %(name)s closed"))


@command("expo.next")
def next_project(actor: Actor, *, round_id: int, seen_team_id: int | None = None, event: Event | None = None
                 ) -> dict:
    """A judge asks where to go (or, at their first project, says they have seen it and moves on)."""
    event, expo_round = _judge_round(actor, round_id, event)
    before = walk.judge_row(expo_round, actor.id).version
    judge = walk.next_project(event, expo_round, actor.id, seen_team_id)
    if judge.version != before:
        _judge_changed(expo_round, judge)
    return {"round_id": expo_round.id, "judge": judge.id, "current_team_id": judge.current_team_id}


@command("expo.skip")
def skip(actor: Actor, *, round_id: int, team_id: int, event: Event | None = None) -> dict:
    """A judge finds the team absent: on to another project, without a vote."""
    event, expo_round = _judge_round(actor, round_id, event)
    judge = walk.skip(event, expo_round, actor.id, team_id)
    _judge_changed(expo_round, judge)
    return {"round_id": expo_round.id, "judge": judge.id, "current_team_id": judge.current_team_id}


@command("expo.break")
def set_break(actor: Actor, *, round_id: int, on_break: bool, event: Event | None = None) -> dict:
    """A judge takes a break (their table is freed) or comes back (and is sent to a project)."""
    event, expo_round = _judge_round(actor, round_id, event)
    before = walk.judge_row(expo_round, actor.id).version
    judge = walk.set_break(event, expo_round, actor.id, on_break)
    if judge.version != before:
        _judge_changed(expo_round, judge)
    return {"round_id": expo_round.id, "judge": judge.id, "on_break": judge.on_break}


@command("expo.vote")
def vote(actor: Actor, *, round_id: int, previous_team_id: int, current_team_id: int, winner: str,
         nonce: str, reason: str = "", event: Event | None = None) -> dict:
    """A judge says whether the previous or the current project was better; a repeated nonce answers as before."""
    event, expo_round = _judge_round(actor, round_id, event)
    cast, replayed = walk.vote(event, expo_round, actor.id, previous_team_id=previous_team_id,
                               current_team_id=current_team_id, winner=winner, reason=reason, nonce=nonce)
    judge = walk.judge_row(expo_round, actor.id)
    if not replayed:
        _judge_changed(expo_round, judge)
    return {**cast.answer, "judge": judge.id, "replayed": replayed}


@command("expo.undo")
def undo(actor: Actor, *, round_id: int, vote_id: int, event: Event | None = None) -> dict:
    """A judge takes back their last vote (until the round closes) and compares the same two projects again."""
    event, expo_round = _judge_round(actor, round_id, event)
    cast = walk.undo(event, expo_round, actor.id, vote_id)
    judge = walk.judge_row(expo_round, actor.id)
    _judge_changed(expo_round, judge)
    return {"vote": walk.vote_json(cast), "judge": judge.id}


@command("expo.promote")
def promote(actor: Actor, *, round_id: int, event: Event | None = None) -> dict:
    """An organiser makes the round's top N the pitch session's order (best first), in one step."""
    event, expo_round = _organiser_round(actor, round_id, event)
    expo_round = rounds.locked_round(expo_round.id)
    places = ranking(expo_round, judges=False)
    if places["votes"] == 0:
        raise Conflict(_("Nobody has voted in this round yet: there is no ranking to promote."))
    finalists = [p["team_id"] for p in places["ranking"][:expo_round.finalists]]
    pitch_session.set_pitch_order(event, finalists)
    expo_round.promoted_at = utcnow()
    rounds.bump(expo_round)
    audit(event, actor.user, "expo.finalists_promoted", f"expo_round:{expo_round.id}",
          _("%(count)d finalists of %(name)s promoted to the pitch session", count=len(finalists),
            name=expo_round.name), teams=finalists, votes=places["votes"])
    changed(ROUND, event.id, expo_round.id)
    changed(JUDGING_STATE, event.id, event.id)  # the pitch session's order changed: jurors' phones follow
    return {"round_id": expo_round.id, "finalists": finalists}
