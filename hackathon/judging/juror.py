"""What a juror sees of their own work: the teams to score in pitch order, their sheets, their progress."""

from __future__ import annotations

from sqlalchemy import and_, select

from ..accounts.models import User
from ..events.models import Event
from ..extensions import db
from ..teams.models import Team
from .conflicts import conflict_pairs
from .models import Pitch, ScoreSheet


def juror_teams(event: Event, juror: User) -> list[dict]:
    """Every team in pitch order (then any not in it, by name), each with whether the juror scored it or is
    conflicted (four queries, columns only)."""
    pairs = conflict_pairs(event)
    done = set(db.session.scalars(select(ScoreSheet.team_id).where(ScoreSheet.event_id == event.id,
                                                                   ScoreSheet.juror_id == juror.id)))
    rows = db.session.execute(
        select(Team.id, Team.name, Team.pitch)
        .outerjoin(Pitch, and_(Pitch.team_id == Team.id, Pitch.event_id == event.id))
        .where(Team.event_id == event.id)
        .order_by(Pitch.position.is_(None), Pitch.position, Pitch.id, Team.name))
    return [{"id": team_id, "name": name, "pitch": pitch, "scored": team_id in done,
             "conflict": (juror.id, team_id) in pairs} for team_id, name, pitch in rows]


def juror_summary(event: Event, juror: User, teams: list[dict] | None = None) -> dict:
    """How many of the teams this juror may score they have scored, and how many remain (`teams`: from
    juror_teams, when the caller has them already)."""
    teams = juror_teams(event, juror) if teams is None else teams
    allowed = [t for t in teams if not t["conflict"]]
    scored = sum(1 for t in allowed if t["scored"])
    return {"scored": scored, "remaining": len(allowed) - scored, "total": len(allowed)}
