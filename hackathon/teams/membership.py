"""Who is in which team: the read-only questions other capabilities ask of teams.

`members` is a statement to use inside the caller's own (one statement, no rows carried across); the others
answer in one query each.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..extensions import db
from .models import Challenge, Team, TeamMembership

# Built once: bookings, badges and the door ask it on their hot paths.
_TEAM_OF = (select(Team).join(TeamMembership, TeamMembership.team_id == Team.id)
            .where(TeamMembership.event_id == bindparam("event_id"), TeamMembership.user_id == bindparam("user_id"))
            .options(joinedload(Team.challenge)))


def team_of(user: User, event_id: int) -> Team | None:
    """The user's team at the event with its challenge (asked together: badges, the door), or None."""
    return db.session.scalar(_TEAM_OF, {"event_id": event_id, "user_id": user.id})


def is_member(user: User, team_id: int) -> bool:
    """Whether the user is in this team."""
    return in_team(user.id, team_id)


def in_team(user_id: int, team_id: int) -> bool:
    """Whether the person of this id is in this team."""
    return db.session.scalar(
        select(TeamMembership.id).where(TeamMembership.team_id == team_id, TeamMembership.user_id == user_id)
    ) is not None


def member_ids(team_id: int) -> list[int]:
    """The user ids of a team's members."""
    return list(db.session.scalars(select(TeamMembership.user_id).where(TeamMembership.team_id == team_id)))


def members(event_id: int | None) -> Select:
    """(event_id, team_id, user_id) of the team memberships at the event (at every event: None), to narrow and use
    inside your own statement (`.subquery()` to join it)."""
    query = select(TeamMembership.event_id, TeamMembership.team_id, TeamMembership.user_id)
    return query if event_id is None else query.where(TeamMembership.event_id == event_id)


def team_id_of(user_id: int, event_id: int) -> int | None:
    """The id of the person's team at the event (one team per person and event), or None."""
    return db.session.scalar(select(TeamMembership.team_id).where(TeamMembership.event_id == event_id,
                                                                  TeamMembership.user_id == user_id))


def first_members(event_id: int) -> dict[int, int]:
    """team id -> the user id of its member who joined first, for the event's teams with members."""
    rows = db.session.execute(select(TeamMembership.team_id, TeamMembership.user_id)
                              .where(TeamMembership.event_id == event_id).order_by(TeamMembership.id.desc()))
    return dict(rows.all())  # the last row of a team is its first member


def teams_of_people(event_id: int, user_ids: Iterable[int] | None = None) -> dict[int, tuple[str, str | None]]:
    """user id -> (their team's name, its challenge's title or None) at the event (of these people only, when
    given); one query."""
    query = (select(TeamMembership.user_id, Team.name, Challenge.title)
             .join(Team, Team.id == TeamMembership.team_id)
             .outerjoin(Challenge, Challenge.id == Team.challenge_id)
             .where(TeamMembership.event_id == event_id))
    if user_ids is not None:
        query = query.where(TeamMembership.user_id.in_(list(user_ids)))
    return {user_id: (team, challenge) for user_id, team, challenge in db.session.execute(query)}
