"""Who is in which team: the read-only questions other capabilities ask of teams."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..extensions import db
from .models import Team, TeamMembership

# Built once: bookings, badges and the door ask it on their hot paths.
_TEAM_OF = (select(Team).join(TeamMembership, TeamMembership.team_id == Team.id)
            .where(TeamMembership.event_id == bindparam("event_id"), TeamMembership.user_id == bindparam("user_id"))
            .options(joinedload(Team.challenge)))


def team_of(user: User, event_id: int) -> Team | None:
    """The user's team at the event with its challenge (asked together: badges, the door), or None."""
    return db.session.scalar(_TEAM_OF, {"event_id": event_id, "user_id": user.id})


def is_member(user: User, team_id: int) -> bool:
    """Whether the user is in this team."""
    return db.session.scalar(
        select(TeamMembership.id).where(TeamMembership.team_id == team_id, TeamMembership.user_id == user.id)
    ) is not None


def member_ids(team_id: int) -> list[int]:
    """The user ids of a team's members."""
    return list(db.session.scalars(select(TeamMembership.user_id).where(TeamMembership.team_id == team_id)))
