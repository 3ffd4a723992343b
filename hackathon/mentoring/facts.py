"""The mentoring facts, published after the commit (registered with the pipeline by the wiring).

- `mentoring:slot` (the slot as in the JSON list) to everyone at the event; a slot that no longer exists is
  told once as `{"id", "removed": true, "status": "open"}` with a version beyond every earlier one;
- `mentoring:cancelled` ({"slot", "team_id", "reason", "by"}) to the team whose booking was cancelled (a
  notice sent by `commands.cancel_slot`);
- `mentoring:help` (a help request) to the event's mentors and organisers and to the asking team;
- `mentoring:help_stats` (waiting times and mentor load) to the event's organisers.
Every payload also carries `event_id` and `event` (the slug): the fact envelope of docs/api.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import realtime
from .grid import slots_json
from .helpqueue import help_payload, load_requests, queue_stats

REMOVED_VERSION = 2**31 - 1  # newer than any version a slot that still existed ever had


def publish_slots(event_id: int, ids: Iterable[int]) -> dict[int, dict]:
    """Tell everyone at the event the new state of these slots; returns the payloads by slot id."""
    wanted = list(ids)
    published: dict[int, dict] = {}
    for payload in slots_json(event_id, wanted):
        published[payload["id"]] = realtime.envelope(event_id, payload)
    for slot_id in wanted:
        if slot_id not in published:  # removed with its session
            published[slot_id] = realtime.envelope(event_id, {"id": slot_id, "removed": True, "status": "open",
                                                               "version": REMOVED_VERSION})
    room = realtime.event_room(event_id)
    for payload in published.values():
        realtime.publish("mentoring:slot", payload, room)
    return published


def publish_help(event_id: int, ids: Iterable[int]) -> dict[int, dict]:
    """Tell mentors, organisers and the asking team the new state of these requests, then the organisers' numbers."""
    published = {r.id: realtime.envelope(event_id, help_payload(r)) for r in load_requests(event_id, ids=ids)}
    for payload in published.values():
        realtime.publish("mentoring:help", payload, [
            realtime.role_room(event_id, "mentor"), realtime.role_room(event_id, "organiser"),
            realtime.team_room(payload["team"]["id"]),
        ])
    if published:
        publish_stats(event_id)
    return published


def publish_stats(event_id: int) -> None:
    """The organisers' live numbers: waiting times and mentor load (a summary: at most a few times a second)."""
    realtime.publish_summary(f"mentoring:help_stats:{event_id}", lambda: (
        "mentoring:help_stats", realtime.envelope(event_id, queue_stats(event_id)),
        realtime.role_room(event_id, "organiser")))
