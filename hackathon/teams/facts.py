"""The teams capability's facts: `teams:team` to everyone at the event, `teams:request` to those concerned."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .. import realtime
from ..extensions import db
from .models import JoinRequest, Team, TeamMembership


def load_teams(event_id: int, ids: Iterable[int] | None = None) -> list[Team]:
    """Teams with their challenge and members' users, in one query, by name."""
    # One joined query: selectinload would add a query per 500 rows, so a big event would cost more.
    query = select(Team).where(Team.event_id == event_id).options(
        joinedload(Team.challenge),
        joinedload(Team.memberships).joinedload(TeamMembership.user),
    )
    if ids is not None:
        wanted = list(ids)
        if not wanted:
            return []
        query = query.where(Team.id.in_(wanted))
    # populate_existing: the conditional UPDATEs bypass the identity map, so facts must read the rows afresh.
    return list(db.session.scalars(query.order_by(Team.name).execution_options(populate_existing=True)).unique())


def team_payload(team: Team, *, with_email: bool = False, dissolved: bool = False) -> dict:
    """A team as the API and the `teams:team` fact show it: the whole state with its version."""
    members = []
    for membership in team.memberships:
        member = {"id": membership.user_id, "name": membership.user.name}
        if with_email:
            member["email"] = membership.user.email
        members.append(member)
    payload = {
        "id": team.id,
        "event_id": team.event_id,
        "name": team.name,
        "pitch": team.pitch,
        "challenge": {"id": team.challenge.id, "title": team.challenge.title} if team.challenge else None,
        "members": [] if dissolved else members,
        "member_count": 0 if dissolved else team.member_count,
        "max_size": team.max_size,
        "open_places": 0 if dissolved else max(team.max_size - team.member_count, 0),
        "open_roles": list(team.open_roles),
        "join_policy": team.join_policy,
        # A dissolved team's last fact must outrank every earlier one.
        "version": team.version + 1 if dissolved else team.version,
    }
    if dissolved:
        payload["dissolved"] = True
    return payload


def publish_outcome(event_id: int, outcome) -> None:
    """After the commit: the new state of every team the change touched, rooms, and the requester's notice."""
    for team in load_teams(event_id, outcome.teams):
        realtime.publish("teams:team", team_payload(team), realtime.event_room(event_id))
    for payload in outcome.dissolved:
        realtime.publish("teams:team", payload, realtime.event_room(event_id))
    if outcome.request is not None:
        publish_request(outcome.request)


def request_payload(request: JoinRequest) -> dict:
    """A join request as its requester and the team's members see it."""
    return {
        "id": request.id,
        "team": {"id": request.team_id, "name": request.team.name if request.team else ""},
        "user": {"id": request.user_id, "name": request.user.name},
        "message": request.message,
        "status": request.status,
    }


def publish_request(request: JoinRequest) -> None:
    """Tell the requester and the team's members that a request was made or answered."""
    payload = request_payload(request)
    realtime.publish("teams:request", payload, [realtime.user_room(request.user_id),
                                                realtime.team_room(request.team_id)])
