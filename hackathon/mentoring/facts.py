"""The mentoring facts, published after the commit (registered with the pipeline by the wiring).

- `mentoring:slot` (the slot as in the JSON list) to everyone at the event (its note only to the team, the
  slot's mentor and organisers); a slot that no longer exists is
  told once as `{"id", "removed": true, "status": "open"}` with a version beyond every earlier one;
- `mentoring:cancelled` ({"slot", "team_id", "reason", "by"}) to the team whose booking was cancelled (a
  notice sent by `commands.cancel_slot`);
- `mentoring:help` (a help request) to the event's mentors and organisers and to the asking team;
- `mentoring:help_stats` (waiting times and mentor load) to the event's organisers.
Every payload also carries `event_id` and `event` (the slug): the fact envelope of docs/api.md.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from .. import realtime
from .grid import STAFF, slots_json
from .helpqueue import help_payload, load_requests, queue_stats

REMOVED_VERSION = 2**31 - 1  # newer than any version a slot that still existed ever had


def publish_slots(event_id: int, ids: Iterable[int]) -> dict[int, dict]:
    """Tell everyone at the event the new state of these slots; returns the payloads by slot id (with notes).

    The note is private to the booking team, the slot's mentor and the organisers: they get the slot with it
    first, then the event room gets it without. Their pages keep the first (the second has the same version,
    which live.js drops as not newer); everyone else only ever receives `note: ""`.
    """
    wanted = list(ids)
    published: dict[int, dict] = {}
    for payload in slots_json(event_id, wanted, STAFF):
        published[payload["id"]] = realtime.envelope(event_id, payload)
    for slot_id in wanted:
        if slot_id not in published:  # removed with its session
            published[slot_id] = realtime.envelope(event_id, {"id": slot_id, "removed": True, "status": "open",
                                                               "version": REMOVED_VERSION})
    room = realtime.event_room(event_id)
    for payload in published.values():
        if payload.get("removed"):
            realtime.publish("mentoring:slot", payload, room)
            continue
        readers = [realtime.role_room(event_id, "organiser")]
        if payload["mentor"]:
            readers.append(realtime.user_room(payload["mentor"]["id"]))
        if payload["team"]:
            readers.append(realtime.team_room(payload["team"]["id"]))
        realtime.publish("mentoring:slot", payload, readers)
        realtime.publish("mentoring:slot", {**payload, "note": ""}, room)
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


_pending = threading.local()  # green-local once eventlet or gevent has patched threading


def publish_after_commit(event_id: int, slot_id: int) -> None:
    """Publish this slot after the unit of work commits (for changes made outside a mentoring command)."""
    if not hasattr(_pending, "slots"):
        _pending.slots = set()
    _pending.slots.add((event_id, slot_id))


def publish_pending() -> None:
    """The after-commit hook: publish the slots changed outside a command (a rolled-back change publishes the
    slot's current state, which is harmless)."""
    pending = getattr(_pending, "slots", None)
    if not pending:
        return
    _pending.slots = set()
    by_event: dict[int, list[int]] = {}
    for event_id, slot_id in pending:
        by_event.setdefault(event_id, []).append(slot_id)
    for event_id, ids in by_event.items():
        publish_slots(event_id, ids)
