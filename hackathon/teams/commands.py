"""Teams commands: forming, editing, joining, answering requests, leaving, the board entry, and what organisers
do with teams (move people, merge, dissolve), one function each. Challenges and organisations are in
`challenge_commands.py`.

Each authorises its actor, applies the rules (`services`, `board`, `organiser`), writes the audit entry and
declares what changed; `hackathon.commands` runs it as one unit of work and publishes `teams:team` and
`teams:request` after the commit. Pages and the JSON API only call these.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..accounts.models import User
from ..audit.services import record as audit
from ..commands import Actor, changed, command
from ..errors import NotFound
from ..events.models import Event
from ..extensions import db
from . import board, organiser, services
from .facts import REQUEST, TEAM, farewell
from .membership import team_of
from .models import Team
from .services import Outcome, TeamDraft


def _declare(event_id: int, outcome: Outcome) -> None:
    """Every team the change touched (ended ones too: their last fact) and the request it made or answered."""
    for team_id in sorted(outcome.teams):
        changed(TEAM, event_id, team_id)
    for gone in outcome.dissolved:
        farewell(event_id, gone)
        changed(TEAM, event_id, gone["id"])
    if outcome.request is not None:
        changed(REQUEST, event_id, outcome.request.id)


def _team(event: Event | None, team_id: int) -> Team:
    """The team (of this event, when one is given); `not_found` otherwise."""
    if event is not None:
        return services.get_team(event, team_id)
    team = db.session.get(Team, team_id)
    if team is None:
        raise NotFound(_("There is no such team (it may have been dissolved)."))
    return team


@command("teams.create")
def create_team(actor: Actor, *, event: Event, draft: TeamDraft) -> dict:
    """A participant founds a team for a challenge and is its first member."""
    outcome = services.create_team(event, actor.user, draft)
    _declare(event.id, outcome)
    return {"team_id": outcome.team.id, "name": outcome.team.name}


@command("teams.update")
def update_team(actor: Actor, *, event: Event, team_id: int, draft: TeamDraft,
                expected_version: int | None = None) -> dict:
    """Members (or an organiser, audited) change the team's name, pitch, open roles, policy, size or challenge."""
    team = services.get_team(event, team_id)
    outcome = services.update_team(team, actor.user, draft, expected_version=expected_version)
    _declare(event.id, outcome)
    return {"team_id": team.id}


@command("teams.join")
def join_team(actor: Actor, *, team_id: int, event: Event | None = None, invite_code: str | None = None,
              message: str = "") -> dict:
    """Join an open team (or any with its invite code) at once; otherwise ask its members."""
    team = _team(event, team_id)
    outcome = services.join(team, actor.user, invite_code=invite_code, message=message)
    _declare(team.event_id, outcome)
    return {"status": outcome.status, "event_id": team.event_id, "team_id": team.id, "team_name": team.name,
            "request_id": outcome.request.id if outcome.request is not None else None}


@command("teams.answer_request")
def answer_request(actor: Actor, *, event: Event, request_id: int, accept: bool) -> dict:
    """A member (or an organiser, audited) accepts a pending request, if there is room, or declines it."""
    outcome = services.answer_request(services.get_request(event, request_id), actor.user, accept=accept)
    _declare(event.id, outcome)
    return {"status": outcome.status, "team_id": outcome.request.team_id, "request_id": outcome.request.id,
            "user_name": outcome.request.user.name}


@command("teams.withdraw_request")
def withdraw_request(actor: Actor, *, event: Event, request_id: int) -> dict:
    """The requester takes a pending request back."""
    outcome = services.withdraw_request(services.get_request(event, request_id), actor.user)
    _declare(event.id, outcome)
    return {"status": outcome.status, "team_id": outcome.request.team_id, "request_id": outcome.request.id}


@command("teams.leave")
def leave_team(actor: Actor, *, event: Event, team_id: int) -> dict:
    """A member leaves; the last member leaving dissolves the team."""
    outcome = services.leave(services.get_team(event, team_id), actor.user)
    _declare(event.id, outcome)
    return {"status": outcome.status, "team_id": team_id}


@command("teams.new_code")
def new_invite_code(actor: Actor, *, event: Event, team_id: int) -> dict:
    """Members replace the invite code: links already shared stop working (nobody else sees the code)."""
    team = services.new_code(services.get_team(event, team_id), actor.user)
    return {"team_id": team.id}


@command("teams.board_entry")
def save_board_entry(actor: Actor, *, event: Event, note: str, challenge_ids: list[int]) -> dict:
    """A participant without a team puts themselves on the board (or changes their entry)."""
    entry = board.save_entry(event, actor.user, note, challenge_ids)
    return {"entry_id": entry.id}


@command("teams.board_entry_remove")
def remove_board_entry(actor: Actor, *, event: Event) -> dict:
    """A participant takes themselves off the board."""
    actor.require(event, "participant")
    board.remove_entry(event, actor.user)
    return {}


# --- what organisers do with teams, also after formation closed ----------------------------------------------

def _log_move(actor: Actor, event: Event, person: User, before: tuple[int, str] | None, target: Team | None,
              outcome: Outcome) -> None:
    """The move in the audit log, naming the person and both teams."""
    if before is None and target is None:
        return  # from no team to no team: nothing changed
    if before is not None and target is not None:
        summary = _("Moved %(name)s from %(old)s to %(new)s.", name=person.name, old=before[1], new=target.name)
    elif target is not None:
        summary = _("Moved %(name)s into %(new)s.", name=person.name, new=target.name)
    else:
        summary = _("Took %(name)s out of %(old)s.", name=person.name, old=before[1])
    audit(event, actor.user, "teams.person_moved", f"user:{person.id}", summary,
          from_team=before[0] if before is not None else None, to_team=target.id if target is not None else None,
          dissolved=[team["id"] for team in outcome.dissolved])


@command("teams.move_person")
def move_person(actor: Actor, *, event: Event, user_id: int, team_id: int | None) -> dict:
    """An organiser puts a participant into another team (or none, `team_id` None); a team left empty ends."""
    actor.require(event, "organiser")
    target = services.get_team(event, team_id) if team_id is not None else None
    person = db.session.get(User, user_id)
    previous = team_of(person, event.id) if person is not None else None
    # Read before the move: a team whose last member leaves is gone afterwards.
    before = (previous.id, previous.name) if previous is not None else None
    outcome = organiser.move_person(event, user_id, target)
    _log_move(actor, event, person, before, target, outcome)
    _declare(event.id, outcome)
    return {"status": outcome.status, "dissolved": [team["id"] for team in outcome.dissolved]}


@command("teams.merge")
def merge_teams(actor: Actor, *, event: Event, source_id: int, target_id: int) -> dict:
    """An organiser moves every member of one team into another (if they fit); the first team ends."""
    actor.require(event, "organiser")
    source = services.get_team(event, source_id)
    target = services.get_team(event, target_id)
    source_name = source.name
    outcome = organiser.merge(source, target)
    audit(event, actor.user, "teams.merged", f"team:{target.id}",
          _("Merged %(source)s into %(target)s.", source=source_name, target=target.name),
          source_id=source_id, source=source_name, members=sorted(outcome.users))
    _declare(event.id, outcome)
    return {"team_id": target.id, "members": sorted(outcome.users)}


@command("teams.dissolve")
def dissolve_team(actor: Actor, *, event: Event, team_id: int) -> dict:
    """An organiser ends a team: its members are free to join others."""
    actor.require(event, "organiser")
    team = services.get_team(event, team_id)
    name = team.name
    outcome = organiser.dissolve(team)
    audit(event, actor.user, "teams.dissolved", f"team:{team_id}", _("Dissolved %(team)s.", team=name),
          team=name, members=sorted(outcome.users))
    _declare(event.id, outcome)
    return {"team_id": team_id, "members": sorted(outcome.users)}
