"""The judging facts: `judging:state` to jury and organisers, `judging:progress` and `judging:reveal` to organisers.

The commands declare what changed (`changed(STATE, event_id, event_id)`, `changed(PROGRESS, event_id, team_id)`);
the pipeline calls the publishers below after the commit (and the outbox again if a worker died before).
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import realtime
from ..clock import iso, utcnow
from ..events.models import Event
from ..extensions import db
from ..teams.models import Team
from .models import JudgingState
from .results import event_results, revealed_part
from .scoring import team_progress
from .session import state_of

STATE = "judging:state"  # subject: the event (one session per event)
PROGRESS = "judging:progress"  # subject: a team
REVEAL = "judging:reveal"  # subject: the event


def state_payload(event: Event, state: JudgingState | None = None) -> dict:
    """The whole session state: window, team now pitching, timer (with the server's clock), reveal, version."""
    state = state or state_of(event)
    team = db.session.get(Team, state.current_team_id) if state.current_team_id else None
    return {
        "event": event.slug,
        "state": state.state,
        "open": state.state == "open",
        "current_team": {"id": team.id, "name": team.name} if team else None,
        "timer": {"phase": state.timer_phase, "started_at": iso(state.timer_started_at),
                  "pitch_seconds": state.pitch_seconds, "qa_seconds": state.qa_seconds,
                  "server_now": iso(utcnow())},
        "revealed": state.revealed,
        "audience": state.audience or "closed",
        "version": state.version,
    }


def publish_state(event_id: int, _ids: Iterable[int] = ()) -> dict[int, dict]:
    """After the commit: the session state to jurors and organisers."""
    payload = realtime.envelope(event_id, state_payload(db.session.get(Event, event_id)))
    realtime.publish(STATE, payload, [realtime.role_room(event_id, "jury"), realtime.role_room(event_id, "organiser")])
    return {event_id: payload}


def publish_progress(event_id: int, team_ids: Iterable[int]) -> dict[int, dict]:
    """After sheets are saved: each team's progress to organisers."""
    event = db.session.get(Event, event_id)
    published = {}
    for team_id in team_ids:
        published[team_id] = payload = realtime.envelope(event_id, team_progress(event, team_id))
        realtime.publish(PROGRESS, payload, realtime.role_room(event_id, "organiser"))
    return published


def reveal_payload(event: Event) -> dict:
    """The ranking's revealed part for the projector, best first, with the state's version."""
    state = state_of(event)
    results = event_results(event) if state.revealed else []
    shown = revealed_part(results, state.revealed)
    return {"event": event.slug, "revealed": [r.as_json() for r in shown],
            "total": sum(1 for r in results if r.rank is not None), "state": state.state, "version": state.version}


def publish_reveal(event_id: int, _ids: Iterable[int] = ()) -> dict[int, dict]:
    """After a reveal step: the revealed ranking to organisers (the projector is an organiser's screen)."""
    payload = realtime.envelope(event_id, reveal_payload(db.session.get(Event, event_id)))
    realtime.publish(REVEAL, payload, realtime.role_room(event_id, "organiser"))
    return {event_id: payload}
