"""The teams capability's facts, published after the commit (registered with the pipeline by the wiring).

- `teams:team` (the team object) to everyone at the event; a team that ended (dissolved, merged away, left by
  its last member) is told once more, `dissolved: true` with its last state (kept by `farewell`, since its row
  is gone), members empty and a newer version. The outbox's sweeper, on another worker, only knows the id:
  it tells `{"id", "dissolved": true, "members": [], "member_count": 0, "open_places": 0}` with a version beyond
  every earlier one;
- `teams:request` (a join request) to the requester and the team's members.
Every payload also carries `event_id` and `event` (the slug): the fact envelope of docs/api.md.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .. import realtime
from ..extensions import db
from .models import JoinRequest, Team, TeamMembership

TEAM = "teams:team"
REQUEST = "teams:request"
DISSOLVED_VERSION = 2**31 - 1  # newer than any version a team that still existed ever had


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


_local = threading.local()  # green-local once eventlet or gevent has patched threading


def _farewells() -> dict[tuple[int, int], dict]:
    if not hasattr(_local, "farewells"):
        _local.farewells = {}
    return _local.farewells


def farewell(event_id: int, payload: dict) -> None:
    """Keep the last payload of a team that ends in this command (`team_payload(…, dissolved=True)`, built before
    its row goes), for `publish_teams` after the commit; the team must also be declared `changed`.

    A command rolled back after this leaves an entry that is never read (its team still has its row).
    """
    _farewells()[(event_id, payload["id"])] = payload


def publish_teams(event_id: int, ids: Iterable[int]) -> dict[int, dict]:
    """Tell everyone at the event the new state of these teams; returns the payloads by team id."""
    wanted = list(ids)
    published = {team.id: realtime.envelope(event_id, team_payload(team)) for team in load_teams(event_id, wanted)}
    last_words = _farewells()
    for team_id in wanted:
        if team_id not in published:  # its row is gone: the team ended
            published[team_id] = realtime.envelope(event_id, last_words.pop((event_id, team_id), None) or {
                "id": team_id, "dissolved": True, "members": [], "member_count": 0, "open_places": 0,
                "version": DISSOLVED_VERSION})
    room = realtime.event_room(event_id)
    for payload in published.values():
        realtime.publish(TEAM, payload, room)
    return published


def request_payload(request: JoinRequest) -> dict:
    """A join request as its requester and the team's members see it."""
    return {
        "id": request.id,
        "team": {"id": request.team_id, "name": request.team.name if request.team else ""},
        "user": {"id": request.user_id, "name": request.user.name},
        "message": request.message,
        "status": request.status,
    }


def publish_requests(event_id: int, ids: Iterable[int]) -> dict[int, dict]:
    """Tell the requesters and the teams' members that these requests were made or answered."""
    found = db.session.scalars(
        select(JoinRequest).where(JoinRequest.event_id == event_id, JoinRequest.id.in_(list(ids)))
        .options(joinedload(JoinRequest.team), joinedload(JoinRequest.user))
        .execution_options(populate_existing=True))
    published: dict[int, dict] = {}
    for request in found:  # a request gone with its team has nobody left to tell
        published[request.id] = payload = realtime.envelope(event_id, request_payload(request))
        realtime.publish(REQUEST, payload, [realtime.user_room(request.user_id), realtime.team_room(request.team_id)])
    return published
