"""What each viewer may see of the mentoring state: the slot list, the help queue, the organisers' numbers."""

from __future__ import annotations

from ..accounts.models import User
from ..events.models import Event
from ..teams.membership import team_of
from ..transactions import unit_of_work
from .facts import publish_help
from .grid import note_reader, slots_json
from .helpqueue import ACTIVE, expire_stale, help_payload, load_requests, queue_stats, stale_ids

QUEUE_ROLES = ("mentor", "organiser")


def expire_and_publish(event_id: int) -> None:
    """Expire requests that waited too long, then tell everyone concerned (the lazy expiry on read)."""
    if not stale_ids(event_id):  # the common case: nothing to write, no write lock taken
        return
    with unit_of_work():
        expired = expire_stale(event_id)
    if expired:
        publish_help(event_id, expired)


def help_for(event: Event, user: User, roles: set[str]) -> list[dict]:
    """Mentors and organisers see the active queue; a team member sees the team's own requests."""
    if roles.intersection(QUEUE_ROLES):
        return [help_payload(r) for r in load_requests(event.id, statuses=ACTIVE)]
    team = team_of(user, event.id)
    if team is None:
        return []
    return [help_payload(r) for r in load_requests(event.id, team_id=team.id)][-10:]


def state_for(event: Event, user: User, roles: set[str]) -> dict:
    """Everything a (re)connecting page needs: every slot, the help requests it may see, organisers' numbers."""
    expire_and_publish(event.id)
    team = team_of(user, event.id)
    reader = note_reader(user, roles, team.id if team else None)
    state = {"event": event.slug, "slots": slots_json(event.id, reader=reader), "help": help_for(event, user, roles),
             "team_id": team.id if team else None}
    if "organiser" in roles:
        state["stats"] = queue_stats(event.id)
    return state
