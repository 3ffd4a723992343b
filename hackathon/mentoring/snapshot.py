"""What each viewer may see of the mentoring state: the slot list, the help queue, the organisers' numbers."""

from __future__ import annotations

from ..accounts.models import User
from ..events.models import Event
from ..teams.membership import team_of
from .commands import expire_stale_requests
from .grid import note_reader, slots_json
from .helpqueue import ACTIVE, help_payload, load_requests, queue_stats

QUEUE_ROLES = ("mentor", "organiser")


def help_for(event: Event, user: User, roles: set[str] | frozenset[str]) -> list[dict]:
    """Mentors and organisers see the active queue; a team member sees the team's own requests."""
    if roles.intersection(QUEUE_ROLES):
        return [help_payload(r) for r in load_requests(event.id, statuses=ACTIVE)]
    team = team_of(user, event.id)
    if team is None:
        return []
    return [help_payload(r) for r in load_requests(event.id, team_id=team.id)][-10:]


def state_for(event: Event, user: User, roles: set[str] | frozenset[str]) -> dict:
    """Everything a (re)connecting page needs: every slot, the help requests it may see, organisers' numbers."""
    expire_stale_requests(event.id)
    team = team_of(user, event.id)
    reader = note_reader(user, roles, team.id if team else None)
    state = {"event": event.slug, "slots": slots_json(event.id, reader=reader), "help": help_for(event, user, roles),
             "team_id": team.id if team else None}
    if "organiser" in roles:
        state["stats"] = queue_stats(event.id)
    return state
