"""What a juror sees of their own work: the teams to score in pitch order, their sheets, their progress."""

from __future__ import annotations

from sqlalchemy import select

from ..accounts.models import User
from ..events.models import Event
from ..extensions import db
from ..teams.models import Team
from .conflicts import conflict_pairs
from .models import ScoreSheet
from .session import pitch_order


def juror_teams(event: Event, juror: User) -> list[dict]:
    """Every team in pitch order (then any not in it), each with whether the juror scored it or is conflicted."""
    pairs = conflict_pairs(event)
    done = set(db.session.scalars(select(ScoreSheet.team_id).where(ScoreSheet.event_id == event.id,
                                                                   ScoreSheet.juror_id == juror.id)))
    ordered = [p.team for p in pitch_order(event)]
    placed = {t.id for t in ordered}
    ordered += list(db.session.scalars(select(Team).where(Team.event_id == event.id, Team.id.not_in(placed))
                                       .order_by(Team.name)))
    return [{"id": t.id, "name": t.name, "pitch": t.pitch, "scored": t.id in done,
             "conflict": (juror.id, t.id) in pairs} for t in ordered]


def juror_summary(event: Event, juror: User) -> dict:
    """How many of the teams this juror may score they have scored, and how many remain."""
    teams = juror_teams(event, juror)
    allowed = [t for t in teams if not t["conflict"]]
    scored = sum(1 for t in allowed if t["scored"])
    return {"scored": scored, "remaining": len(allowed) - scored, "total": len(allowed)}
