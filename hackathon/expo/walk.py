"""A judge's walk through the expo: where to go next, begin, vote, skip an absent team, a break, undo.

Every action locks the round's row first, so that judges' choices see each other's (a table another judge is
heading to is busy) and the round's version counts every change. A judge is sent to a team at most once (a
unique visit per round, judge and team), never to a conflicted one, and votes only on the pair they were sent.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import delete, select

from ..clock import utcnow
from ..errors import Closed, Conflict, Forbidden, Invalid
from ..events.models import Event
from ..extensions import db
from ..judging.conflicts import barred_teams
from .beliefs import comparisons, fold
from .choose import Candidate, choose_next, contenders
from .models import ExpoJudge, ExpoProject, ExpoRound, ExpoVisit, ExpoVote
from .rounds import bump, locked_round
from .standings import standing_votes

MAX_REASON = 300


def judge_row(expo_round: ExpoRound, user_id: int) -> ExpoJudge:
    """This user's place in the round; `forbidden` for someone who is not one of its judges."""
    judge = db.session.scalar(select(ExpoJudge).where(ExpoJudge.round_id == expo_round.id,
                                                      ExpoJudge.user_id == user_id)
                              .execution_options(populate_existing=True))
    if judge is None:
        raise Forbidden(_("You are not a judge of this expo round."))
    return judge


def _acting(expo_round: ExpoRound, user_id: int, *, must_be_open: bool = True) -> tuple[ExpoRound, ExpoJudge]:
    locked = locked_round(expo_round.id)
    judge = judge_row(locked, user_id)
    if must_be_open and locked.state != "open":
        raise Closed(_("This expo round is not open.") if locked.state == "draft"
                     else _("This expo round is closed."))
    return locked, judge


def _changed(expo_round: ExpoRound, judge: ExpoJudge) -> None:
    judge.version += 1
    bump(expo_round)


def _visit(expo_round: ExpoRound, judge: ExpoJudge, team_id: int) -> ExpoVisit | None:
    return db.session.scalar(select(ExpoVisit).where(ExpoVisit.round_id == expo_round.id,
                                                     ExpoVisit.judge_id == judge.user_id,
                                                     ExpoVisit.team_id == team_id))


def _assign(event: Event, expo_round: ExpoRound, judge: ExpoJudge) -> int | None:
    """Send the judge to the next project (the pure choice in `choose`), or nowhere when none is left."""
    projects = list(db.session.scalars(select(ExpoProject.team_id).where(ExpoProject.round_id == expo_round.id)))
    visited = set(db.session.scalars(select(ExpoVisit.team_id).where(ExpoVisit.round_id == expo_round.id,
                                                                      ExpoVisit.judge_id == judge.user_id)))
    blocked = barred_teams(event, judge.user_id)
    heading = list(db.session.scalars(select(ExpoJudge.current_team_id).where(
        ExpoJudge.round_id == expo_round.id, ExpoJudge.id != judge.id, ExpoJudge.current_team_id.is_not(None))))
    votes = standing_votes(expo_round.id)
    model = fold(votes, projects)
    counts = comparisons(votes)
    for team_id in heading:  # a visit under way counts as a comparison to come
        counts[team_id] = counts.get(team_id, 0) + 1
    busy = set(heading)
    candidates = [Candidate(p, counts.get(p, 0), p in busy) for p in projects if p not in visited | blocked]
    choice = choose_next(model, judge.user_id, judge.previous_team_id, candidates, expo_round.min_comparisons,
                         contenders(model, projects, expo_round.finalists))
    judge.current_team_id = choice
    judge.assigned_at = utcnow() if choice is not None else None
    if choice is not None:
        db.session.add(ExpoVisit(round_id=expo_round.id, judge_id=judge.user_id, team_id=choice,
                                 status="assigned", at=utcnow()))
    return choice


def next_project(event: Event, expo_round: ExpoRound, user_id: int, seen_team_id: int | None = None) -> ExpoJudge:
    """Where the judge goes now: their current project, or a new one when they have none.

    `seen_team_id`: the judge has seen their first project (nothing to compare it with yet); it becomes the
    previous one and they are sent on.
    """
    expo_round, judge = _acting(expo_round, user_id)
    if judge.on_break:
        raise Conflict(_("You are on a break. End it to get your next project."), code="on_break")
    if seen_team_id is not None:
        if judge.current_team_id != seen_team_id:
            raise Conflict(_("That is not the project you were sent to. Reload to see where to go."))
        if judge.previous_team_id is not None:
            raise Conflict(_("Compare this project with the previous one first."))
        _visit(expo_round, judge, seen_team_id).status = "seen"
        judge.previous_team_id = seen_team_id
        _assign(event, expo_round, judge)
        _changed(expo_round, judge)
    elif judge.current_team_id is None and _assign(event, expo_round, judge) is not None:
        _changed(expo_round, judge)  # nothing left to visit changes nothing: no new version, no fact
    return judge


def skip(event: Event, expo_round: ExpoRound, user_id: int, team_id: int) -> ExpoJudge:
    """The team is not at its table: the judge moves on without a vote (and is not sent there again)."""
    expo_round, judge = _acting(expo_round, user_id)
    if judge.current_team_id != team_id:
        raise Conflict(_("That is not the project you were sent to. Reload to see where to go."))
    _visit(expo_round, judge, team_id).status = "skipped"
    _assign(event, expo_round, judge)
    _changed(expo_round, judge)
    return judge


def set_break(event: Event, expo_round: ExpoRound, user_id: int, on_break: bool) -> ExpoJudge:
    """A break frees the judge's table (the project may be sent to them again later); back, they get a project."""
    expo_round, judge = _acting(expo_round, user_id)
    if judge.on_break == on_break:
        return judge
    judge.on_break = on_break
    if on_break:
        if judge.current_team_id is not None:
            db.session.execute(delete(ExpoVisit).where(
                ExpoVisit.round_id == expo_round.id, ExpoVisit.judge_id == user_id,
                ExpoVisit.team_id == judge.current_team_id, ExpoVisit.status == "assigned"))
        judge.current_team_id, judge.assigned_at = None, None
    else:
        _assign(event, expo_round, judge)
    _changed(expo_round, judge)
    return judge


def find_by_nonce(expo_round: ExpoRound, user_id: int, nonce: str) -> ExpoVote | None:
    """The judge's vote sent with this nonce, if one was."""
    return db.session.scalar(select(ExpoVote).where(ExpoVote.round_id == expo_round.id,
                                                    ExpoVote.judge_id == user_id, ExpoVote.nonce == nonce))


def vote(event: Event, expo_round: ExpoRound, user_id: int, *, previous_team_id: int, current_team_id: int,
         winner: str, reason: str, nonce: str) -> tuple[ExpoVote, bool]:
    """The judge says which of the two projects was better; (the vote, whether it was already cast).

    The same nonce again returns the first vote and changes nothing, whatever happened since.
    """
    if winner not in ("previous", "current"):
        raise Invalid(_("Say which project was better: the previous or the current one."))
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise Invalid(_("A reason has at most %(n)d characters.", n=MAX_REASON))
    if not 8 <= len(nonce or "") <= 64:
        raise Invalid(_("A vote needs a nonce of 8 to 64 characters."))
    locked = locked_round(expo_round.id)
    judge = judge_row(locked, user_id)
    earlier = find_by_nonce(locked, user_id, nonce)
    if earlier is not None:
        return earlier, True
    expo_round, judge = _acting(locked, user_id)
    if (judge.previous_team_id, judge.current_team_id) != (previous_team_id, current_team_id):
        raise Conflict(_("Those are not the two projects you are comparing. Reload to see where you are."))
    if {previous_team_id, current_team_id} & barred_teams(event, user_id):
        raise Forbidden(_("You have a conflict of interest with one of these teams. Skip it instead."))
    cast = ExpoVote(round_id=expo_round.id, judge_id=user_id, previous_team_id=previous_team_id,
                    current_team_id=current_team_id, winner=winner, reason=reason, nonce=nonce, created_at=utcnow())
    db.session.add(cast)
    _visit(expo_round, judge, current_team_id).status = "voted"
    judge.previous_team_id = current_team_id
    db.session.flush()  # the new vote counts in the choice of the next project
    next_team = _assign(event, expo_round, judge)
    _changed(expo_round, judge)
    db.session.flush()
    cast.answer = {"vote": vote_json(cast), "next_team_id": next_team}
    return cast, False


def vote_json(cast: ExpoVote) -> dict:
    """A vote as the JSON and socket answers show it."""
    from ..clock import iso

    return {"id": cast.id, "round_id": cast.round_id, "previous_team_id": cast.previous_team_id,
            "current_team_id": cast.current_team_id, "winner": cast.winner, "reason": cast.reason,
            "created_at": iso(cast.created_at), "undone_at": iso(cast.undone_at)}


def last_vote(expo_round: ExpoRound, user_id: int) -> ExpoVote | None:
    """The judge's most recent vote (standing or undone)."""
    return db.session.scalar(select(ExpoVote).where(ExpoVote.round_id == expo_round.id, ExpoVote.judge_id == user_id)
                             .order_by(ExpoVote.id.desc()).limit(1))


def undo(event: Event, expo_round: ExpoRound, user_id: int, vote_id: int) -> ExpoVote:
    """Take back the judge's last vote: it stops counting, and they stand before the same two projects again."""
    expo_round, judge = _acting(expo_round, user_id)
    cast = last_vote(expo_round, user_id)
    if cast is None or cast.id != vote_id:
        raise Conflict(_("Only your last vote can be undone."))
    if cast.undone_at is not None:
        return cast
    cast.undone_at = utcnow()
    if judge.current_team_id is not None and judge.current_team_id != cast.current_team_id:
        db.session.execute(delete(ExpoVisit).where(
            ExpoVisit.round_id == expo_round.id, ExpoVisit.judge_id == user_id,
            ExpoVisit.team_id == judge.current_team_id, ExpoVisit.status == "assigned"))
    judge.previous_team_id, judge.current_team_id = cast.previous_team_id, cast.current_team_id
    judge.assigned_at, judge.on_break = utcnow(), False
    _visit(expo_round, judge, cast.current_team_id).status = "assigned"
    _changed(expo_round, judge)
    return cast
