"""The expo facts, published after the commit (registered with the pipeline by the wiring).

- `expo:round` (a round's settings and state) to the event's jurors and organisers;
- `expo:judge` (a judge's phone: where to go, what to compare it with, the vote they may undo) to that judge;
- `expo:coverage` (visits, comparisons, judges' votes, the provisional ranking) to the event's organisers.
Every payload also carries `event_id` and `event` (the slug): the fact envelope of docs/api.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from .. import realtime
from ..extensions import db
from .models import ExpoJudge, ExpoRound
from .standings import coverage, judge_payload, round_payload


def publish_rounds(event_id: int, ids: Iterable[int]) -> dict[int, dict]:
    """Tell jurors and organisers the new state of these rounds."""
    published = {}
    for expo_round in db.session.scalars(select(ExpoRound).where(ExpoRound.id.in_(list(ids)))):
        published[expo_round.id] = payload = realtime.envelope(event_id, round_payload(expo_round))
        realtime.publish("expo:round", payload, [realtime.role_room(event_id, "jury"),
                                                 realtime.role_room(event_id, "organiser")])
    return published


def publish_judges(event_id: int, ids: Iterable[int]) -> dict[int, dict]:
    """Tell each of these judges where they stand now (on every phone of theirs)."""
    published = {}
    for judge in db.session.scalars(select(ExpoJudge).where(ExpoJudge.id.in_(list(ids)))):
        published[judge.id] = payload = realtime.envelope(event_id, judge_payload(judge))
        realtime.publish("expo:judge", payload, realtime.user_room(judge.user_id))
    return published


def publish_coverage(event_id: int, ids: Iterable[int]) -> dict[int, dict]:
    """Tell organisers the coverage and the provisional ranking of these rounds.

    A summary: every judge's action changes it, so it goes out at most a few times a second per round
    (LIVE_SUMMARY_INTERVAL), built from the database when sent; nothing is returned for the command's answer.
    """
    for round_id in ids:
        realtime.publish_summary(f"expo:coverage:{round_id}", _coverage_builder(event_id, round_id))
    return {}


def _coverage_builder(event_id: int, round_id: int):
    def build():
        expo_round = db.session.get(ExpoRound, round_id)
        if expo_round is None:
            return None
        return ("expo:coverage", realtime.envelope(event_id, coverage(expo_round)),
                realtime.role_room(event_id, "organiser"))

    return build
