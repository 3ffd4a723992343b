"""Team rules: forming a team, joining (open, invite code, request), answering requests, leaving.

A team's size is kept in teams.member_count and changed only by conditional UPDATEs
(`… WHERE member_count < max_size`), then the membership row is inserted; the unique
(event_id, user_id) on memberships keeps one team per person. So two people racing for the
last place, or one person racing into two teams, cannot both win, on SQLite or PostgreSQL.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..audit.services import record as audit
from ..clock import utcnow
from ..errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from ..events.models import Event
from ..events.registration import normalise_tags
from ..events.roles import roles_of
from ..extensions import db
from . import rules
from .challenges import get_challenge
from .membership import is_member
from .models import BoardEntry, Challenge, JoinRequest, Team, TeamMembership
from .removal import remove_team

JOIN_POLICIES = ("open", "request")


@dataclass
class TeamDraft:
    """What a team tells about itself."""

    name: str
    challenge_id: int | None
    pitch: str = ""
    open_roles: list[str] = field(default_factory=list)
    join_policy: str = "open"
    max_size: int | None = None


@dataclass
class Outcome:
    """What a change did, for the facts published after the commit."""

    status: str = ""  # joined, requested, accepted, declined, withdrawn, left, dissolved, created, updated
    teams: set[int] = field(default_factory=set)  # teams that still exist and changed
    dissolved: list[dict] = field(default_factory=list)  # final payloads of teams that ended
    users: set[int] = field(default_factory=set)  # people whose team (and so rooms) changed
    team: Team | None = None
    request: JoinRequest | None = None


def new_invite_code() -> str:
    """An unguessable code; its holder may join while there is room."""
    return secrets.token_urlsafe(12)


def get_team(event: Event, team_id: object) -> Team:
    """A team of this event; `not_found` otherwise."""
    team = db.session.get(Team, team_id) if isinstance(team_id, int) and not isinstance(team_id, bool) else None
    if team is None or team.event_id != event.id:
        raise NotFound(_("There is no such team (it may have been dissolved)."))
    return team


def team_by_code(event: Event, code: str) -> Team:
    """The team whose invite code this is; `not_found` otherwise."""
    team = db.session.scalar(select(Team).where(Team.event_id == event.id, Team.invite_code == (code or "")[:40]))
    if team is None:
        raise NotFound(_("This invite link is not valid (any more)."), code="bad_invite_code")
    return team


def get_request(event: Event, request_id: object) -> JoinRequest:
    """A join request of this event; `not_found` otherwise."""
    found = db.session.get(JoinRequest, request_id) if isinstance(request_id, int) else None
    if found is None or found.event_id != event.id:
        raise NotFound(_("There is no such join request."))
    return found


def _check_draft(event: Event, draft: TeamDraft) -> TeamDraft:
    draft.name = " ".join((draft.name or "").split())
    if not 2 <= len(draft.name) <= 80:
        raise Invalid(_("A team name has 2 to 80 characters."))
    draft.pitch = " ".join((draft.pitch or "").split())
    if len(draft.pitch) > 200:
        raise Invalid(_("The pitch is one line of at most 200 characters."))
    draft.open_roles = normalise_tags(draft.open_roles)
    if len(draft.open_roles) > 10 or any(len(r) > 40 for r in draft.open_roles):
        raise Invalid(_("Please name at most 10 open roles of up to 40 characters each."))
    if draft.join_policy not in JOIN_POLICIES:
        raise Invalid(_("Choose whether anyone may join or members approve requests."))
    if draft.max_size is None:
        draft.max_size = event.team_max_size
    if not isinstance(draft.max_size, int) or not event.team_min_size <= draft.max_size <= event.team_max_size:
        raise Invalid(_("A team here has %(min)d to %(max)d people.", min=event.team_min_size,
                        max=event.team_max_size))
    return draft


def _in_a_team(event_id: int, user_id: int) -> bool:
    return db.session.scalar(select(TeamMembership.id).where(
        TeamMembership.event_id == event_id, TeamMembership.user_id == user_id)) is not None


def _already_in_team(user: User) -> Conflict:
    return Conflict(_("%(name)s is already in a team at this event. Leave it first.", name=user.name),
                    code="already_in_team")


def _take_place(team_id: int, places: int = 1) -> bool:
    result = db.session.execute(
        update(Team).where(Team.id == team_id, Team.member_count + places <= Team.max_size)
        .values(member_count=Team.member_count + places, version=Team.version + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _full(team_id: int) -> DomainError:
    if db.session.get(Team, team_id, populate_existing=True) is None:
        return NotFound(_("There is no such team (it may have been dissolved)."))
    return Conflict(_("This team is full."), code="team_full")


def _add_member(team: Team, user: User) -> None:
    """Take a place (conditional update), then insert the membership (unique per person and event)."""
    if _in_a_team(team.event_id, user.id):
        raise _already_in_team(user)
    if not _take_place(team.id):
        raise _full(team.id)
    try:
        with db.session.begin_nested():
            db.session.add(TeamMembership(event_id=team.event_id, team_id=team.id, user_id=user.id))
    except IntegrityError:  # joined another team at the same moment; the caller's rollback frees the place
        raise _already_in_team(user) from None
    _stop_looking(team.event_id, user.id)


def _stop_looking(event_id: int, user_id: int) -> None:
    """In a team now: off the board, and other open requests withdrawn."""
    db.session.execute(delete(BoardEntry).where(BoardEntry.event_id == event_id, BoardEntry.user_id == user_id))
    db.session.execute(
        update(JoinRequest).where(JoinRequest.event_id == event_id, JoinRequest.user_id == user_id,
                                  JoinRequest.status == "pending")
        .values(status="withdrawn", decided_at=utcnow()).execution_options(synchronize_session=False)
    )


def _check_room_on(challenge: Challenge) -> None:
    """Refuse a further team on a challenge that has as many as it takes.

    The challenge row is locked first (FOR UPDATE on PostgreSQL; SQLite's writers are serialised
    already), so that two teams founded at the same instant cannot both take its last place.
    """
    db.session.execute(select(Challenge.id).where(Challenge.id == challenge.id).with_for_update())
    teams_on_it = db.session.scalar(select(func.count()).select_from(Team).where(Team.challenge_id == challenge.id))
    if teams_on_it >= challenge.max_teams:
        raise Conflict(_("“%(title)s” already has as many teams as it takes (%(n)d).", title=challenge.title,
                         n=challenge.max_teams), code="challenge_full")


def create_team(event: Event, user: User, draft: TeamDraft) -> Outcome:
    """A participant founds a team for a challenge and is its first member."""
    roles = rules.require_participant(user, event)
    rules.require_open(event, roles)
    draft = _check_draft(event, draft)
    challenge = get_challenge(event, draft.challenge_id)
    if _in_a_team(event.id, user.id):
        raise _already_in_team(user)
    _check_room_on(challenge)
    team = Team(event_id=event.id, challenge_id=challenge.id, name=draft.name, pitch=draft.pitch,
                open_roles=draft.open_roles, join_policy=draft.join_policy, invite_code=new_invite_code(),
                max_size=draft.max_size, member_count=1)
    try:
        with db.session.begin_nested():
            db.session.add(team)
    except IntegrityError:
        raise Conflict(_("There is already a team called “%(name)s”. Please choose another name.",
                         name=draft.name), code="name_taken") from None
    try:
        with db.session.begin_nested():
            db.session.add(TeamMembership(event_id=event.id, team_id=team.id, user_id=user.id))
    except IntegrityError:
        raise _already_in_team(user) from None
    _stop_looking(event.id, user.id)
    return Outcome(status="created", teams={team.id}, users={user.id}, team=team)


def update_team(team: Team, user: User, draft: TeamDraft, expected_version: int | None = None) -> Outcome:
    """Members change their team's name, pitch, open roles, join policy, size or challenge."""
    event = db.session.get(Event, team.event_id)
    roles = _roles(user, event)
    rules.require_member(user, team, roles)
    rules.require_open(event, roles)
    as_organiser = _as_organiser(user, team, roles)
    before = _audited(team) if as_organiser else None
    draft = _check_draft(event, draft)
    challenge = get_challenge(event, draft.challenge_id)
    if challenge.id != team.challenge_id:
        _check_room_on(challenge)
    conditions = [Team.id == team.id, Team.member_count <= draft.max_size]
    if expected_version is not None:
        conditions.append(Team.version == expected_version)
    try:
        with db.session.begin_nested():
            result = db.session.execute(
                update(Team).where(*conditions).values(
                    name=draft.name, pitch=draft.pitch, open_roles=draft.open_roles, join_policy=draft.join_policy,
                    max_size=draft.max_size, challenge_id=challenge.id, version=Team.version + 1,
                ).execution_options(synchronize_session=False)
            )
    except IntegrityError:
        raise Conflict(_("There is already a team called “%(name)s”. Please choose another name.",
                         name=draft.name), code="name_taken") from None
    if result.rowcount != 1:
        db.session.refresh(team)
        if team.member_count > draft.max_size:
            raise Conflict(_("The team already has %(n)d members: the size cannot go below that.",
                             n=team.member_count), code="team_full")
        raise Conflict(_("Someone else changed this team meanwhile. Please review it again."))
    db.session.refresh(team)
    if as_organiser:
        after = _audited(team)
        changes = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
        if changes:
            audit(event, user, "teams.team_edited", f"team:{team.id}",
                  _("%(team)s edited: %(fields)s.", team=team.name, fields=", ".join(sorted(changes))),
                  changes=changes)
    return Outcome(status="updated", teams={team.id}, team=team)


def _roles(user: User, event: Event) -> set[str]:
    return roles_of(user, event)


def _as_organiser(user: User, team: Team, roles: set[str]) -> bool:
    """Whether the user acts on a team they are not in, as an organiser may (the audit log records that)."""
    return "organiser" in roles and not is_member(user, team.id)


def _audited(team: Team) -> dict:
    """What the audit log compares when an organiser edits someone else's team."""
    return {"name": team.name, "challenge_id": team.challenge_id, "join_policy": team.join_policy,
            "max_size": team.max_size, "open_roles": list(team.open_roles), "pitch": team.pitch}


def join(team: Team, user: User, invite_code: str | None = None, message: str = "") -> Outcome:
    """Join an open team (or any team with its invite code) at once; otherwise ask its members."""
    event = db.session.get(Event, team.event_id)
    roles = rules.require_participant(user, event)
    rules.require_open(event, roles)
    if _in_a_team(event.id, user.id):
        raise _already_in_team(user)
    if invite_code is not None and not hmac.compare_digest(invite_code.encode(), team.invite_code.encode()):
        raise Forbidden(_("This invite code is not valid for %(team)s.", team=team.name), code="bad_invite_code")
    if team.join_policy == "open" or invite_code is not None:
        _add_member(team, user)
        return Outcome(status="joined", teams={team.id}, users={user.id}, team=team)
    return _ask(team, user, message)


def _ask(team: Team, user: User, message: str) -> Outcome:
    message = (message or "").strip()
    if len(message) > 500:
        raise Invalid(_("A message to the team has at most 500 characters."))
    if team.member_count >= team.max_size:
        raise Conflict(_("This team is full."), code="team_full")
    request = JoinRequest(event_id=team.event_id, team_id=team.id, user_id=user.id, message=message)
    try:
        with db.session.begin_nested():
            db.session.add(request)
    except IntegrityError:
        raise Conflict(_("You have already asked to join %(team)s. The members will answer soon.", team=team.name),
                       code="already_requested") from None
    return Outcome(status="requested", teams=set(), team=team, request=request)


def answer_request(request: JoinRequest, member: User, accept: bool) -> Outcome:
    """A member accepts (the requester joins, if there is room) or declines a pending request."""
    team = request.team
    event = db.session.get(Event, team.event_id)
    roles = _roles(member, event)
    rules.require_member(member, team, roles)
    if accept:
        rules.require_open(event, roles)
    result = db.session.execute(
        update(JoinRequest).where(JoinRequest.id == request.id, JoinRequest.status == "pending")
        .values(status="accepted" if accept else "declined", decided_by_id=member.id, decided_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(_("This request was already answered or withdrawn."), code="already_answered")
    outcome = Outcome(status="accepted" if accept else "declined", team=team, request=request)
    if accept:
        _add_member(team, request.user)
        outcome.teams.add(team.id)
        outcome.users.add(request.user_id)
    db.session.refresh(request)
    if _as_organiser(member, team, roles):
        summary = (_("Accepted %(name)s into %(team)s.", name=request.user.name, team=team.name) if accept
                   else _("Declined the request of %(name)s to join %(team)s.", name=request.user.name,
                          team=team.name))
        audit(event, member, "teams.request_answered", f"user:{request.user_id}", summary, team_id=team.id,
              request_id=request.id, accepted=accept)
    return outcome


def withdraw_request(request: JoinRequest, user: User) -> Outcome:
    """The requester takes a pending request back."""
    if request.user_id != user.id:
        raise Forbidden(_("Only the person who asked can withdraw this request."))
    result = db.session.execute(
        update(JoinRequest).where(JoinRequest.id == request.id, JoinRequest.status == "pending")
        .values(status="withdrawn", decided_at=utcnow()).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(_("This request was already answered or withdrawn."), code="already_answered")
    db.session.refresh(request)
    return Outcome(status="withdrawn", team=request.team, request=request)


def remove_from_team(team: Team, user_id: int) -> Outcome:
    """Take a member out (no permission check: callers decide); the last one out dissolves the team."""
    from .facts import team_payload

    result = db.session.execute(delete(TeamMembership).where(TeamMembership.team_id == team.id,
                                                             TeamMembership.user_id == user_id))
    if result.rowcount != 1:
        raise Forbidden(_("That person is not a member of %(team)s.", team=team.name), code="not_member")
    db.session.execute(
        update(Team).where(Team.id == team.id)
        .values(member_count=Team.member_count - 1, version=Team.version + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(team)
    outcome = Outcome(status="left", users={user_id}, team=team)
    if team.member_count == 0:
        outcome.dissolved.append(team_payload(team, dissolved=True))
        outcome.status = "dissolved"
        remove_team(team.id, Team.member_count == 0)
        db.session.expunge(team)
    else:
        outcome.teams.add(team.id)
    return outcome


def leave(team: Team, user: User) -> Outcome:
    """A member leaves; the last member leaving dissolves the team."""
    event = db.session.get(Event, team.event_id)
    rules.require_open(event, _roles(user, event))
    if not is_member(user, team.id):
        raise Forbidden(_("You are not a member of %(team)s.", team=team.name), code="not_member")
    return remove_from_team(team, user.id)


def new_code(team: Team, user: User) -> Team:
    """Members replace the invite code: links already shared stop working."""
    event = db.session.get(Event, team.event_id)
    rules.require_member(user, team, _roles(user, event))
    db.session.execute(update(Team).where(Team.id == team.id).values(invite_code=new_invite_code())
                       .execution_options(synchronize_session=False))
    db.session.refresh(team)
    return team


def pending_requests(team: Team) -> list[JoinRequest]:
    """Open requests to a team with their people, oldest first (one query)."""
    return list(db.session.scalars(
        select(JoinRequest).where(JoinRequest.team_id == team.id, JoinRequest.status == "pending")
        .options(selectinload(JoinRequest.user)).order_by(JoinRequest.id)))


def requests_of(event: Event, user: User) -> list[JoinRequest]:
    """A person's requests at an event, newest first, with their teams."""
    return list(db.session.scalars(
        select(JoinRequest).where(JoinRequest.event_id == event.id, JoinRequest.user_id == user.id)
        .options(selectinload(JoinRequest.team)).order_by(JoinRequest.id.desc()).limit(20)))
