"""What the expo knows so far, read from the database: the model, the ranking, coverage, each judge's state.

The model is refolded from the standing votes on every read (`model.fold`): about 2 ms for 450 votes here.
"""

from __future__ import annotations

import math

from sqlalchemy import func, select

from ..accounts.models import User
from ..clock import iso
from ..extensions import db
from ..teams.models import Team
from . import beliefs as model
from .models import ExpoJudge, ExpoProject, ExpoRound, ExpoVisit, ExpoVote


def standing_votes(round_id: int) -> list[model.Vote]:
    """The round's votes still standing, in the order they were cast."""
    rows = db.session.execute(select(ExpoVote.id, ExpoVote.judge_id, ExpoVote.previous_team_id,
                                     ExpoVote.current_team_id, ExpoVote.winner)
                              .where(ExpoVote.round_id == round_id, ExpoVote.undone_at.is_(None))
                              .order_by(ExpoVote.id))
    return [model.Vote(seq, judge, current if winner == "current" else previous,
                       previous if winner == "current" else current)
            for seq, judge, previous, current, winner in rows]


def projects_of(round_id: int) -> list[tuple[int, str, str]]:
    """The round's projects as (team id, team name, table), by table order of creation."""
    return list(db.session.execute(select(ExpoProject.team_id, Team.name, ExpoProject.table)
                                   .join(Team, Team.id == ExpoProject.team_id)
                                   .where(ExpoProject.round_id == round_id).order_by(ExpoProject.id)))


def round_payload(expo_round: ExpoRound) -> dict:
    """A round's settings and state (the `expo:round` fact and the JSON list)."""
    counts = db.session.execute(select(
        select(func.count()).where(ExpoProject.round_id == expo_round.id).scalar_subquery(),
        select(func.count()).where(ExpoJudge.round_id == expo_round.id).scalar_subquery())).one()
    return {"id": expo_round.id, "name": expo_round.name, "state": expo_round.state,
            "track_id": expo_round.challenge_id, "finalists": expo_round.finalists,
            "min_comparisons": expo_round.min_comparisons, "projects": counts[0], "judges": counts[1],
            "opened_at": iso(expo_round.opened_at), "closed_at": iso(expo_round.closed_at),
            "promoted_at": iso(expo_round.promoted_at), "version": expo_round.version}


def _number(value: float) -> float:
    return round(value, 4) if math.isfinite(value) else 0.0


def _maybe(value: float | None) -> float | None:
    return None if value is None else _number(value)


def ranking(expo_round: ExpoRound, *, judges: bool = True) -> dict:
    """The provisional ranking with its uncertainty, finalists marked, and (optionally) each judge's standing."""
    projects = projects_of(expo_round.id)
    votes = standing_votes(expo_round.id)
    folded = model.fold(votes, [p[0] for p in projects])
    names = {team_id: (name, table) for team_id, name, table in projects}
    places = model.ranking(folded, names, votes)
    body: dict = {"round_id": expo_round.id, "votes": len(votes), "version": expo_round.version, "ranking": [
        {"rank": p.rank, "team_id": p.project, "name": names[p.project][0], "table": names[p.project][1],
         "mu": _number(p.mu), "sigma": _number(p.sigma), "low": _number(p.low), "high": _number(p.high),
         "comparisons": p.comparisons, "finalist": p.rank <= expo_round.finalists} for p in places]}
    if judges:
        judge_rows = db.session.execute(select(ExpoJudge.user_id, User.name).join(User, User.id == ExpoJudge.user_id)
                                        .where(ExpoJudge.round_id == expo_round.id).order_by(User.name)).all()
        standings = {s.judge: s for s in model.judge_standings(votes, [j for j, _n in judge_rows], names)}
        body["judges"] = [{"judge_id": j, "name": n, "votes": standings[j].votes,
                           "reliability": _number(standings[j].reliability),
                           "agreement": _maybe(standings[j].agreement), "expected": _maybe(standings[j].expected),
                           "z": _maybe(standings[j].z), "flagged": standings[j].flagged} for j, n in judge_rows]
    return body


def coverage(expo_round: ExpoRound) -> dict:
    """Visits per project, votes per judge, projects still short of comparisons, and the provisional ranking."""
    projects = projects_of(expo_round.id)
    votes = standing_votes(expo_round.id)
    counts = model.comparisons(votes)
    visits = {team_id: n for team_id, n in db.session.execute(select(ExpoVisit.team_id, func.count()).where(
        ExpoVisit.round_id == expo_round.id, ExpoVisit.status.in_(("seen", "voted"))).group_by(ExpoVisit.team_id))}
    judges = db.session.execute(select(ExpoJudge, User.name).join(User, User.id == ExpoJudge.user_id)
                                .where(ExpoJudge.round_id == expo_round.id).order_by(User.name)).all()
    heading: dict[int, int] = {}
    for judge, _name in judges:
        if judge.current_team_id is not None:
            heading[judge.current_team_id] = heading.get(judge.current_team_id, 0) + 1
    per_judge: dict[int, int] = {}
    for vote in votes:
        per_judge[vote.judge] = per_judge.get(vote.judge, 0) + 1
    body = ranking(expo_round)
    names = {team_id: name for team_id, name, _table in projects}
    body.update({
        "state": expo_round.state, "finalists": expo_round.finalists, "min_comparisons": expo_round.min_comparisons,
        "projects": [{"team_id": t, "name": n, "table": table, "visits": visits.get(t, 0),
                      "comparisons": counts.get(t, 0), "heading": heading.get(t, 0),
                      "short": counts.get(t, 0) < expo_round.min_comparisons} for t, n, table in projects],
        "short": sum(1 for t, _n, _table in projects if counts.get(t, 0) < expo_round.min_comparisons),
        "walkers": [{"judge_id": j.user_id, "name": n, "votes": per_judge.get(j.user_id, 0), "on_break": j.on_break,
                     "current_team_id": j.current_team_id,
                     "current": names.get(j.current_team_id) if j.current_team_id else None} for j, n in judges],
    })
    return body


def _project(round_id: int, team_id: int | None) -> dict | None:
    if team_id is None:
        return None
    row = db.session.execute(select(Team.id, Team.name, Team.pitch, ExpoProject.table)
                             .join(ExpoProject, ExpoProject.team_id == Team.id)
                             .where(ExpoProject.round_id == round_id, Team.id == team_id)).first()
    if row is None:
        return None
    return {"team_id": row.id, "name": row.name, "pitch": row.pitch, "table": row.table}


def judge_payload(judge: ExpoJudge, expo_round: ExpoRound | None = None) -> dict:
    """A judge's phone: where they go, what they compare it with, their break, and the vote they may undo."""
    expo_round = expo_round or db.session.get(ExpoRound, judge.round_id)
    last = db.session.scalar(select(ExpoVote).where(ExpoVote.round_id == judge.round_id,
                                                    ExpoVote.judge_id == judge.user_id)
                             .order_by(ExpoVote.id.desc()).limit(1))
    voted = db.session.scalar(select(func.count()).where(ExpoVote.round_id == judge.round_id,
                                                         ExpoVote.judge_id == judge.user_id,
                                                         ExpoVote.undone_at.is_(None)))
    undoable = None
    if last is not None and last.undone_at is None and expo_round.state == "open":
        undoable = {"vote_id": last.id, "winner": last.winner,
                    "winner_name": db.session.scalar(select(Team.name).where(Team.id == last.winner_team_id))}
    return {"round_id": judge.round_id, "round_state": expo_round.state, "judge_id": judge.user_id,
            "previous": _project(judge.round_id, judge.previous_team_id),
            "current": _project(judge.round_id, judge.current_team_id),
            "on_break": judge.on_break, "votes": voted, "undo": undoable, "version": judge.version}
