"""The teams capability's part of the organiser's overview: teams formed, people without a team, small teams."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import case, func, select

from ..events.models import Event
from ..extensions import db
from .board import count_seekers
from .models import Team, TeamMembership


def teams(event: Event) -> dict:
    """Teams formed, people in them, confirmed participants without a team, teams below the minimum size."""
    formed, small = db.session.execute(
        select(func.count(Team.id), func.coalesce(func.sum(case((Team.member_count < event.team_min_size, 1),
                                                                else_=0)), 0))
        .where(Team.event_id == event.id)).one()
    members = db.session.scalar(select(func.count(TeamMembership.id)).where(TeamMembership.event_id == event.id))
    return {"teams": formed, "people_in_teams": members, "without_team": count_seekers(event),
            "below_minimum": int(small), "min_size": event.team_min_size}

def section(event: Event, now: dt.datetime) -> dict:
    """The overview's teams section (registered as an "overview_section" hook)."""
    return {"teams": teams(event)}
