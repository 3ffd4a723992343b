"""The only module that emits: room names, facts after commit, summary facts.

Socket connections, identities and commands live in the submodules: `connection` (connect and
disconnect), `identity` (who each socket acts for, kept in memory and invalidated across workers),
`dispatch` (socket commands: budgets, validation, acknowledgements) and `bus` (the message queue).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from flask import Flask, current_app

from ..extensions import socketio
from ..registry import registry

log = logging.getLogger(__name__)


# --- rooms -------------------------------------------------------------------------------

def event_room(event_id: int) -> str:
    """Everyone at an event."""
    return f"event:{event_id}"


def role_room(event_id: int, role: str) -> str:
    """Everyone holding one role at an event (organiser, mentor, jury, challenge_owner, participant, door)."""
    return f"event:{event_id}:{role}"


def user_room(user_id: int) -> str:
    """Every socket of one user."""
    return f"user:{user_id}"


def team_room(team_id: int) -> str:
    """Every socket of a team's members."""
    return f"team:{team_id}"


def add_room_provider(app: Flask, provider: Callable) -> None:
    """Register a function that names the rooms a user joins on connect (a capability's wiring calls this)."""
    providers = registry(app).room_providers
    if provider not in providers:
        providers.append(provider)


def rooms_for(user) -> set[str]:
    """Every room a user's socket belongs in, from every capability."""
    rooms = {user_room(user.id)}
    for provider in registry().room_providers:
        rooms.update(provider(user))
    return rooms


# --- facts ---------------------------------------------------------------------------------

def envelope(event_id: int, payload: dict) -> dict:
    """The fields every fact about an event carries: `event_id` and `event` (the slug), beside its own."""
    slugs = registry().event_slugs
    payload.setdefault("event_id", event_id)
    if slugs is not None and "event" not in payload:
        payload["event"] = slugs(event_id)
    return payload


def publish(fact: str, payload: dict, room: str | Iterable[str]) -> None:
    """Emit a fact to a room. Call only after the change it reports has been committed.

    Never waits on the message queue: the bus sends to other workers in the background. This worker's fact
    observers see it too (the bus shows them other workers' facts).
    """
    socketio.emit(fact, payload, to=room if isinstance(room, str) else list(room))
    observe(fact, payload)


def observe(fact: str, payload: object, app: Flask | None = None) -> None:
    """Show a fact to the observers a capability registered for it (`registry.hooks["fact:<name>"]`)."""
    for observer in registry(app).hooks.get(f"fact:{fact}", ()):
        observer(payload)


# Summary facts: subject key -> when it was last published, and the subjects with a publish scheduled.
_summary_sent: dict[str, float] = {}
_summary_scheduled: set[str] = set()

Summary = Callable[[], tuple[str, dict, str | Iterable[str]] | None]


def publish_summary(key: str, build: Summary) -> None:
    """Publish a summary fact (a counter) after a commit, at most once per LIVE_SUMMARY_INTERVAL per key.

    The first change in a quiet spell publishes at once; changes within the interval are covered by one
    publish at its end, built then from the database, so the last state is always sent and none is lost.
    `build` runs in an application context and returns (fact, payload, room) or None; it must not hold
    objects of the caller's database session (it may run later, in another session).
    """
    interval = current_app.config.get("LIVE_SUMMARY_INTERVAL", 0.0)
    if interval <= 0:
        _send_summary(build)
        return
    if key in _summary_scheduled:
        return  # the scheduled publish reads the database after this commit
    wait = _summary_sent.get(key, float("-inf")) + interval - time.monotonic()
    if wait <= 0:
        _summary_sent[key] = time.monotonic()
        _send_summary(build)
        return
    _summary_scheduled.add(key)
    socketio.start_background_task(_send_summary_later, current_app._get_current_object(), key, build, wait)


def _send_summary(build: Summary) -> None:
    built = build()
    if built is not None:
        publish(*built)


def _send_summary_later(app, key: str, build: Summary, wait: float) -> None:
    socketio.sleep(wait)
    # Unscheduled before reading: a change committed from here on schedules its own publish.
    _summary_scheduled.discard(key)
    _summary_sent[key] = time.monotonic()
    with app.app_context():
        try:
            _send_summary(build)
        except Exception:  # a background task has no caller to tell; the next change publishes again
            log.exception("summary %s could not be published", key)


def join(sid: str, room: str) -> None:
    """Put a connected socket in a room (when a user gains a team or a role)."""
    socketio.server.enter_room(sid, room, namespace="/")
