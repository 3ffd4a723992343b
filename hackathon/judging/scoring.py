"""Jurors' score sheets: validate, save (replacing the juror's earlier sheet for the team), and progress."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..clock import utcnow
from ..errors import Closed, Forbidden, Invalid
from ..events.models import Event
from ..events.roles import roles_of
from ..extensions import db
from ..teams.models import Team
from .conflicts import conflict_pairs, is_conflicted, jurors
from .criteria import list_criteria
from .models import JudgingState, ScoreSheet
from .session import event_team

MAX_COMMENT = 2000


@dataclass
class Saved:
    """The outcome of a score: the sheet, and whether anything changed (a resent nonce changes nothing)."""

    sheet: ScoreSheet
    changed: bool


def check_scores(event: Event, scores: dict[str, int]) -> dict[str, int]:
    """Every criterion scored once, each an integer on its scale; `invalid` otherwise."""
    criteria = {c.key: c for c in list_criteria(event)}
    unknown = sorted(set(scores) - set(criteria))
    if unknown:
        raise Invalid(_("Unknown criterion: %(keys)s.", keys=", ".join(unknown)[:200]), details={"keys": unknown})
    for key, value in scores.items():
        criterion = criteria[key]
        if isinstance(value, bool) or not isinstance(value, int) \
                or not criterion.min_score <= value <= criterion.max_score:
            raise Invalid(_("%(name)s takes a whole number from %(min)d to %(max)d.", name=criterion.name,
                            min=criterion.min_score, max=criterion.max_score), details={"key": key})
    missing = [c.name for key, c in criteria.items() if key not in scores]
    if missing:
        raise Invalid(_("Please score every criterion: %(names)s is missing.", names=", ".join(missing)))
    return {key: scores[key] for key in criteria}


def _window_open(event: Event) -> None:
    # FOR SHARE on PostgreSQL: a concurrent close waits until this sheet is committed, and then wins.
    state = db.session.scalar(select(JudgingState.state).where(JudgingState.event_id == event.id)
                              .with_for_update(read=True))
    if state != "open":
        raise Closed(_("Scoring is closed."))


def save_sheet(event: Event, juror: User, team_id: int, scores: dict[str, int], comment: str = "",
               nonce: str | None = None) -> Saved:
    """Save a juror's scores for a team, replacing their earlier sheet; refusals change nothing."""
    if "jury" not in roles_of(juror, event):
        raise Forbidden(_("Only jurors score teams."))
    _window_open(event)
    team = event_team(event, team_id)
    if is_conflicted(event, juror.id, team):
        raise Forbidden(_("You declared a conflict of interest with this team, so you cannot score it."),
                        code="forbidden")
    clean = check_scores(event, scores)
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise Invalid(_("The comment is too long (at most %(n)d characters).", n=MAX_COMMENT))
    now = utcnow()
    sheet = ScoreSheet(event_id=event.id, juror_id=juror.id, team_id=team.id, scores=clean, comment=comment,
                       nonce=nonce, version=1, submitted_at=now, updated_at=now)
    try:
        with db.session.begin_nested():
            db.session.add(sheet)
        return Saved(sheet, True)
    except IntegrityError:  # the juror has a sheet for this team: replace it
        pass
    where = (ScoreSheet.juror_id == juror.id, ScoreSheet.team_id == team.id)
    if nonce is not None:
        existing = db.session.scalar(select(ScoreSheet).where(*where).execution_options(populate_existing=True))
        if existing.nonce == nonce:  # a resend of what was already saved
            return Saved(existing, False)
    db.session.execute(update(ScoreSheet).where(*where).values(
        scores=clean, comment=comment, nonce=nonce, updated_at=now, version=ScoreSheet.version + 1))
    fresh = db.session.scalar(select(ScoreSheet).where(*where).execution_options(populate_existing=True))
    return Saved(fresh, True)


def sheet_json(sheet: ScoreSheet) -> dict:
    """A sheet as its juror sees it."""
    return {"team_id": sheet.team_id, "scores": dict(sheet.scores), "comment": sheet.comment,
            "version": sheet.version, "nonce": sheet.nonce, "updated_at": sheet.updated_at.isoformat()}


def sheets_of(event: Event, juror: User) -> list[ScoreSheet]:
    """A juror's sheets at the event."""
    return list(db.session.scalars(select(ScoreSheet).where(ScoreSheet.event_id == event.id,
                                                            ScoreSheet.juror_id == juror.id)))


def team_progress(event: Event, team_id: int) -> dict:
    """The `judging:progress` fact for one team: sheets in, of the jurors without a conflict."""
    juror_ids = {j.id for j in jurors(event)}
    pairs = conflict_pairs(event)
    expected = sum(1 for j in juror_ids if (j, team_id) not in pairs)
    scored, version = db.session.execute(
        select(func.count(), func.coalesce(func.sum(ScoreSheet.version), 0)).where(
            ScoreSheet.event_id == event.id, ScoreSheet.team_id == team_id, ScoreSheet.juror_id.in_(juror_ids))).one()
    # Every new or replaced sheet adds one to the sum of the sheets' versions: it only grows.
    return {"event": event.slug, "team_id": team_id, "scored": scored, "expected": expected, "version": int(version)}


@dataclass
class Progress:
    """Live progress for organisers: per team sheets in of expected, per juror what is missing."""

    teams: list[dict]
    jurors: list[dict]


def progress(event: Event) -> Progress:
    """Every team's count and every juror's missing teams, in a fixed number of queries."""
    people = jurors(event)
    teams = db.session.execute(select(Team.id, Team.name).where(Team.event_id == event.id).order_by(Team.name)).all()
    juror_ids = {j.id for j in people}
    pairs = {(j, t) for j, t in conflict_pairs(event) if j in juror_ids}
    done = {(j, t) for j, t in db.session.execute(select(ScoreSheet.juror_id, ScoreSheet.team_id)
                                                  .where(ScoreSheet.event_id == event.id)) if j in juror_ids}
    scored_per_team = Counter(t for _j, t in done)
    conflicted_per_team = Counter(t for _j, t in pairs)
    team_rows = [{"team_id": t.id, "name": t.name, "scored": scored_per_team[t.id],
                  "expected": len(people) - conflicted_per_team[t.id]} for t in teams]
    juror_rows = []
    for juror in people:
        missing = [t.name for t in teams if (juror.id, t.id) not in pairs and (juror.id, t.id) not in done]
        juror_rows.append({"juror_id": juror.id, "name": juror.name,
                           "scored": sum(1 for t in teams if (juror.id, t.id) in done), "missing": missing})
    return Progress(team_rows, juror_rows)
