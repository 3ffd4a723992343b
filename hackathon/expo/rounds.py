"""Expo rounds: which projects (all, or one track), which judges, where the tables are, open and closed.

Every change locks the round's row (FOR UPDATE on PostgreSQL; SQLite serialises writers anyway) and bumps its
version, so that the organisers' console can drop stale facts and judges' actions never interleave.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import delete, select

from ..clock import utcnow
from ..errors import Closed, Invalid, NotFound
from ..events.models import Event
from ..events.people import role_ids
from ..extensions import db
from ..teams.challenges import titles
from ..teams.models import Team
from .models import ExpoJudge, ExpoProject, ExpoRound, ExpoVisit

MAX_NAME = 120
MAX_TABLE = 40
MAX_FINALISTS = 100
MAX_MIN_COMPARISONS = 20


def track_teams(event: Event, track_id: int | None) -> list[Team]:
    """The teams a round covers: every team of the event, or one track's (a track is a challenge for now)."""
    query = select(Team).where(Team.event_id == event.id).order_by(Team.name, Team.id)
    if track_id is not None:
        query = query.where(Team.challenge_id == track_id)
    return list(db.session.scalars(query))


def tracks(event: Event) -> list[tuple[int, str]]:
    """The event's tracks a round may cover, as (id, title)."""
    query = titles(event.id)
    return list(db.session.execute(query.order_by(query.selected_columns.title)))


def jury_ids(event: Event) -> set[int]:
    """The ids of the event's jurors."""
    return role_ids(event.id, "jury")


def get_round(event: Event | None, round_id: int) -> ExpoRound:
    """A round (of this event, when given); `not_found` otherwise."""
    found = db.session.get(ExpoRound, round_id) if isinstance(round_id, int) else None
    if found is None or (event is not None and found.event_id != event.id):
        raise NotFound(_("There is no such expo round."))
    return found


def locked_round(round_id: int) -> ExpoRound:
    """The round's row, locked for this write transaction and read afresh."""
    query = select(ExpoRound).where(ExpoRound.id == round_id).with_for_update()
    found = db.session.scalar(query.execution_options(populate_existing=True))
    if found is None:
        raise NotFound(_("There is no such expo round."))
    return found


def bump(expo_round: ExpoRound) -> ExpoRound:
    """Count one more change of the round (its version only grows)."""
    expo_round.version = (expo_round.version or 0) + 1
    return expo_round


def rounds_of(event: Event) -> list[ExpoRound]:
    """The event's rounds, oldest first."""
    return list(db.session.scalars(select(ExpoRound).where(ExpoRound.event_id == event.id).order_by(ExpoRound.id)))


def add_round(event: Event, *, name: str, track_id: int | None, finalists: int, min_comparisons: int,
              judge_ids: list[int]) -> ExpoRound:
    """A new round in draft: its projects (tables numbered T1, T2, … in name order) and its judges."""
    name = (name or "").strip()
    if not 1 <= len(name) <= MAX_NAME:
        raise Invalid(_("Give the round a name (at most %(n)d characters).", n=MAX_NAME))
    if not 1 <= finalists <= MAX_FINALISTS:
        raise Invalid(_("Between 1 and %(n)d finalists go on to the pitch session.", n=MAX_FINALISTS))
    if not 1 <= min_comparisons <= MAX_MIN_COMPARISONS:
        raise Invalid(_("Each project needs between 1 and %(n)d comparisons.", n=MAX_MIN_COMPARISONS))
    if track_id is not None and track_id not in {tid for tid, _title in tracks(event)}:
        raise NotFound(_("There is no such track at this event."))
    teams = track_teams(event, track_id)
    if len(teams) < 2:
        raise Invalid(_("A round compares projects: it needs at least two teams."))
    jurors = jury_ids(event)
    chosen = sorted(set(judge_ids))
    if not chosen:
        raise Invalid(_("Choose at least one judge."))
    if not set(chosen) <= jurors:
        raise Invalid(_("Only the event's jurors judge an expo round."))
    expo_round = ExpoRound(event_id=event.id, name=name, challenge_id=track_id, finalists=finalists,
                           min_comparisons=min_comparisons, state="draft", version=1)
    db.session.add(expo_round)
    db.session.flush()
    db.session.add_all(ExpoProject(round_id=expo_round.id, team_id=team.id, table=f"T{i}")
                       for i, team in enumerate(teams, start=1))
    db.session.add_all(ExpoJudge(round_id=expo_round.id, user_id=user_id) for user_id in chosen)
    return expo_round


def set_tables(expo_round: ExpoRound, tables: dict[int, str]) -> list[int]:
    """Say where projects stand ({team id: table}); returns the teams whose table changed."""
    locked = locked_round(expo_round.id)
    projects = {p.team_id: p for p in db.session.scalars(select(ExpoProject).where(ExpoProject.round_id == locked.id))}
    changed = []
    for team_id, table in tables.items():
        project = projects.get(team_id)
        if project is None:
            raise NotFound(_("That team is not in this round."))
        table = (table or "").strip()
        if len(table) > MAX_TABLE:
            raise Invalid(_("A table's name has at most %(n)d characters.", n=MAX_TABLE))
        if project.table != table:
            project.table = table
            changed.append(team_id)
    if changed:
        bump(locked)
    return changed


def open_round(expo_round: ExpoRound) -> ExpoRound:
    """Open the round to its judges (from draft); opening an open round changes nothing."""
    locked = locked_round(expo_round.id)
    if locked.state == "open":
        return locked
    if locked.state == "closed":
        raise Closed(_("This round is closed; it cannot open again."))
    locked.state, locked.opened_at = "open", utcnow()
    for judge in db.session.scalars(select(ExpoJudge).where(ExpoJudge.round_id == locked.id)):
        judge.version += 1  # their phones' state changes: the round is open
    return bump(locked)


def close_round(expo_round: ExpoRound) -> ExpoRound:
    """Close the round: no more visits, votes or undos; where judges were heading is forgotten."""
    locked = locked_round(expo_round.id)
    if locked.state == "closed":
        return locked
    if locked.state == "draft":
        raise Closed(_("This round has not opened yet."))
    locked.state, locked.closed_at = "closed", utcnow()
    # Nobody is heading anywhere any more: the visits not yet made are forgotten.
    db.session.execute(delete(ExpoVisit).where(ExpoVisit.round_id == locked.id, ExpoVisit.status == "assigned"))
    for judge in db.session.scalars(select(ExpoJudge).where(ExpoJudge.round_id == locked.id)):
        judge.current_team_id, judge.assigned_at, judge.on_break = None, None, False
        judge.version += 1
    return bump(locked)
