"""The projects facts, published after the commit (registered with the pipeline by the wiring).

- `projects:project` (the project as in the JSON list) to the event's organisers and jurors and to the team;
- `projects:deadline` (the deadline that applies, with the server's clock) to everyone at the event when the
  event's deadline changes (subject 0, `team_id` null), and to a team when its extension changes.
Every payload also carries `event_id` and `event` (the slug): the fact envelope of docs/api.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import realtime
from .deadline import deadline_payload
from .listing import projects_json

PROJECT = "projects:project"
DEADLINE = "projects:deadline"
EVENT_WIDE = 0  # the subject of a change of the event's own deadline


def publish_projects(event_id: int, ids: Iterable[int]) -> dict[int, dict]:
    """Tell organisers, jurors and each team the new state of these teams' projects."""
    published = {p["team_id"]: realtime.envelope(event_id, p) for p in projects_json(event_id, list(ids))}
    readers = [realtime.role_room(event_id, "organiser"), realtime.role_room(event_id, "jury")]
    for team_id, payload in published.items():
        realtime.publish(PROJECT, payload, [*readers, realtime.team_room(team_id)])
    return published


def publish_deadlines(event_id: int, ids: Iterable[int]) -> dict[int, dict]:
    """The deadline that now applies: the event's to everyone at it, a team's to the team."""
    published = {}
    for subject in ids:
        team_id = subject or None
        payload = realtime.envelope(event_id, deadline_payload(event_id, team_id))
        room = realtime.event_room(event_id) if team_id is None else realtime.team_room(team_id)
        realtime.publish(DEADLINE, payload, room)
        published[subject] = payload
    return published
