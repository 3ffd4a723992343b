"""Which teams a judge may not visit: the pitch session's conflicts of interest, reused as they are."""

from __future__ import annotations

from sqlalchemy import select

from ..events.models import Event
from ..extensions import db
from ..judging import conflicts
from ..teams.models import TeamMembership


def conflicted_teams(event: Event, judge_id: int) -> set[int]:
    """The teams this judge has a conflict with: declared (team or organisation), mentored, or their own."""
    pairs = conflicts.conflict_pairs(event) | conflicts.mentored_pairs(event)
    teams = {team_id for juror_id, team_id in pairs if juror_id == judge_id}
    teams.update(db.session.scalars(select(TeamMembership.team_id).where(
        TeamMembership.event_id == event.id, TeamMembership.user_id == judge_id)))
    return teams
