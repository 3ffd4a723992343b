"""The mentoring facts, published after the commit.

- `mentoring:slot` (the slot as in the JSON list) to everyone at the event;
- `mentoring:cancelled` ({"slot", "reason", "by"}) to the team whose booking was cancelled;
- `mentoring:help` (a help request) to the event's mentors and organisers and to the asking team;
- `mentoring:help_stats` (waiting times and mentor load) to the event's organisers.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import realtime
from .grid import STAFF, slots_json
from .helpqueue import help_payload, load_requests, queue_stats


def publish_slots(event_id: int, ids: Iterable[int]) -> list[dict]:
    """Tell everyone at the event the new state of these slots; returns the payloads (with notes, for the actor).

    The note is private to the booking team, the slot's mentor and the organisers: they get the slot with it
    first, then the event room gets it without. Their pages keep the first (the second has the same version,
    which live.js drops as not newer); everyone else only ever receives `note: ""`.
    """
    payloads = slots_json(event_id, ids, STAFF)
    for payload in payloads:
        readers = [realtime.role_room(event_id, "organiser")]
        if payload["mentor"]:
            readers.append(realtime.user_room(payload["mentor"]["id"]))
        if payload["team"]:
            readers.append(realtime.team_room(payload["team"]["id"]))
        realtime.publish("mentoring:slot", payload, readers)
        realtime.publish("mentoring:slot", {**payload, "note": ""}, realtime.event_room(event_id))
    return payloads


def publish_cancelled(team_id: int, slot: dict, reason: str, by: str) -> None:
    """Tell the team that its booking was cancelled, by whom and why."""
    realtime.publish("mentoring:cancelled", {"slot": slot, "reason": reason, "by": by, "team_id": team_id},
                     realtime.team_room(team_id))


def publish_help(event_id: int, ids: Iterable[int]) -> list[dict]:
    """Tell mentors, organisers and the asking team the new state of these requests, then the organisers' numbers."""
    payloads = [help_payload(r) for r in load_requests(event_id, ids=ids)]
    for payload in payloads:
        realtime.publish("mentoring:help", payload, [
            realtime.role_room(event_id, "mentor"), realtime.role_room(event_id, "organiser"),
            realtime.team_room(payload["team"]["id"]),
        ])
    if payloads:
        publish_stats(event_id)
    return payloads


def publish_stats(event_id: int) -> None:
    """The organisers' live numbers: waiting times and mentor load (a summary: at most a few times a second)."""
    realtime.publish_summary(f"mentoring:help_stats:{event_id}", lambda: (
        "mentoring:help_stats", queue_stats(event_id), realtime.role_room(event_id, "organiser")))
