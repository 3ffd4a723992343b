"""What organisers do with teams, also after formation closed: move people, merge, dissolve, export."""

from __future__ import annotations

from collections.abc import Iterator

from flask_babel import gettext as _
from sqlalchemy import select, update

from ..accounts.models import User
from ..csv_export import stream_csv
from ..errors import Conflict, Invalid, NotFound
from ..events.models import Event
from ..events.people import confirmed
from ..extensions import db
from .facts import load_teams, team_payload
from .models import Team, TeamMembership
from .removal import remove_team
from .services import Outcome, _add_member, _full, _stop_looking, _take_place, remove_from_team


def _participant(event: Event, user_id: object) -> User:
    user = db.session.scalar(select(User).where(User.id == user_id, User.id.in_(confirmed(event.id)))) \
        if isinstance(user_id, int) else None
    if user is None:
        raise NotFound(_("That person is not a confirmed participant of this event."))
    return user


def move_person(event: Event, user_id: int, to_team: Team | None) -> Outcome:
    """Put a participant into another team (or none); their old team dissolves if they were its last member."""
    user = _participant(event, user_id)
    outcome = Outcome(status="moved", users={user.id})
    current = db.session.scalar(select(Team).join(TeamMembership, TeamMembership.team_id == Team.id).where(
        TeamMembership.event_id == event.id, TeamMembership.user_id == user.id))
    if to_team is not None and current is not None and current.id == to_team.id:
        raise Invalid(_("%(name)s is already in %(team)s.", name=user.name, team=to_team.name))
    if current is not None:
        left = remove_from_team(current, user.id)
        outcome.teams |= left.teams
        outcome.dissolved += left.dissolved
    if to_team is not None:
        _add_member(to_team, user)
        outcome.teams.add(to_team.id)
        outcome.team = to_team
    return outcome


def dissolve(team: Team) -> Outcome:
    """End a team: its members are free to join others."""
    members = [m.user_id for m in team.memberships]
    payload = team_payload(team, dissolved=True)
    remove_team(team.id)
    db.session.expunge(team)
    return Outcome(status="dissolved", dissolved=[payload], users=set(members))


def merge(source: Team, target: Team) -> Outcome:
    """Move every member of `source` into `target` (if they fit) and dissolve `source`."""
    if source.id == target.id:
        raise Invalid(_("Choose two different teams to merge."))
    members = [m.user_id for m in source.memberships]
    if members and not _take_place(target.id, len(members)):
        error = _full(target.id)
        if error.code == "team_full":
            raise Conflict(_("%(target)s has no room for the %(n)d members of %(source)s.", target=target.name,
                             n=len(members), source=source.name), code="team_full")
        raise error
    db.session.execute(update(TeamMembership).where(TeamMembership.team_id == source.id)
                       .values(team_id=target.id).execution_options(synchronize_session=False))
    db.session.execute(update(Team).where(Team.id == source.id).values(member_count=0))
    payload = team_payload(source, dissolved=True)
    remove_team(source.id)
    db.session.expunge(source)
    for user_id in members:
        _stop_looking(target.event_id, user_id)
    return Outcome(status="merged", teams={target.id}, dissolved=[payload], users=set(members), team=target)


CSV_COLUMNS = ["team_id", "team", "challenge", "join_policy", "members", "max_size", "member_id", "member_name",
               "member_email"]


def export_csv(event: Event) -> Iterator[str]:
    """Every team and member, one row per member (empty teams cannot exist), as CSV (read when the download starts)."""
    yield from stream_csv(CSV_COLUMNS, (
        (team.id, team.name, team.challenge.title if team.challenge else "", team.join_policy, team.member_count,
         team.max_size, membership.user_id, membership.user.name, membership.user.email)
        for team in load_teams(event.id) for membership in team.memberships
    ))
