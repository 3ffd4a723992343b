"""Projects socket commands: parse, call the command, shape the acknowledgement (the pipeline does the rest)."""

from __future__ import annotations

from ..commands import Actor
from ..events.services import get_event
from ..realtime.dispatch import socket_command
from ..teams.membership import team_of
from . import commands
from .access import ALL, readable_team_ids
from .deadline import deadline_payload
from .facts import PROJECT
from .listing import projects_json
from .schemas import ConsentPayload, EventPayload, SavePayload


@socket_command("projects:save", SavePayload)
def save(actor: Actor, payload: SavePayload) -> dict:
    """A member saves the team's project: `conflict` (with the current project) on a stale version, `closed` after
    the deadline."""
    outcome = commands.save_project(actor, team_id=payload.team_id, values=payload.values(), version=payload.version,
                                    submit=payload.submit)
    return {"project": outcome.payload(PROJECT, payload.team_id)}


@socket_command("projects:consent", ConsentPayload)
def consent(actor: Actor, payload: ConsentPayload) -> dict:
    """A member agrees (or no longer agrees) to show the project in the public gallery."""
    outcome = commands.set_consent(actor, team_id=payload.team_id, show=payload.show)
    return {"project": outcome.payload(PROJECT, payload.team_id)}


@socket_command("projects:sync", EventPayload)
def sync(actor: Actor, payload: EventPayload) -> dict:
    """After a reconnect: the projects this person may read, and their team's deadline."""
    event = get_event(payload.event)
    roles = actor.require(event, "organiser", "jury", "challenge_owner", "participant", "mentor")
    readable = readable_team_ids(event, actor.id, roles)
    team = team_of(actor.user, event.id)
    return {"projects": projects_json(event.id, None if readable is ALL else readable, slug=event.slug),
            "team_id": team.id if team else None,
            "deadline": deadline_payload(event.id, team.id if team else None)}
