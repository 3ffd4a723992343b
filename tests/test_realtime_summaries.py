"""Summary facts (counters) are coalesced: the first change publishes at once, a burst gives one more, none is lost."""

from __future__ import annotations

import time

import pytest

from hackathon import realtime

INTERVAL = 0.2


@pytest.fixture
def sent(app, monkeypatch):
    app.config["LIVE_SUMMARY_INTERVAL"] = INTERVAL
    monkeypatch.setattr(realtime, "_summary_sent", {})
    monkeypatch.setattr(realtime, "_summary_scheduled", set())
    published: list[tuple[str, dict, str]] = []
    monkeypatch.setattr(realtime, "publish", lambda fact, payload, room: published.append((fact, payload, room)))
    return published


def _wait_for(condition, seconds: float = 2.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_burst_publishes_at_once_and_once_more_with_the_last_state(app, sent):
    state = {"count": 0}

    def build():
        return "test:stats", {"count": state["count"]}, "room"

    for _ in range(10):
        state["count"] += 1
        realtime.publish_summary("k", build)
    assert sent == [("test:stats", {"count": 1}, "room")]  # the first change went out at once
    _wait_for(lambda: len(sent) == 2)
    assert sent[1] == ("test:stats", {"count": 10}, "room")  # the trailing publish read the last state
    time.sleep(INTERVAL * 1.5)
    assert len(sent) == 2  # nothing more without a change


def test_a_change_after_the_trailing_publish_is_not_lost(app, sent):
    state = {"count": 0}
    build = lambda: ("test:stats", {"count": state["count"]}, "room")  # noqa: E731
    realtime.publish_summary("k", build)
    state["count"] = 1
    realtime.publish_summary("k", build)
    _wait_for(lambda: len(sent) == 2)
    state["count"] = 2
    realtime.publish_summary("k", build)  # within the interval of the trailing publish: scheduled again
    _wait_for(lambda: len(sent) == 3)
    assert [payload["count"] for _fact, payload, _room in sent] == [0, 1, 2]


def test_keys_are_independent_and_none_builds_nothing(app, sent):
    realtime.publish_summary("a", lambda: ("test:a", {}, "room"))
    realtime.publish_summary("b", lambda: ("test:b", {}, "room"))
    realtime.publish_summary("c", lambda: None)
    assert [fact for fact, _payload, _room in sent] == ["test:a", "test:b"]


def test_interval_zero_publishes_every_change(app, sent):
    app.config["LIVE_SUMMARY_INTERVAL"] = 0
    for n in range(3):
        realtime.publish_summary("k", lambda n=n: ("test:stats", {"n": n}, "room"))
    assert [payload["n"] for _fact, payload, _room in sent] == [0, 1, 2]


def test_the_trailing_publish_reads_the_database_in_its_own_context(app, make, event, sent):
    """The checkin:stats build runs later, in a background task: it must load what it needs itself."""
    from hackathon.checkin.facts import publish_stats
    from hackathon.clock import local_today

    day = local_today(event.timezone)
    publish_stats(event.id, day)
    publish_stats(event.id, day)
    _wait_for(lambda: len(sent) == 2)
    assert [fact for fact, _payload, _room in sent] == ["checkin:stats", "checkin:stats"]
    assert sent[1][1]["event"] == event.slug
    assert sent[1][2] == [realtime.role_room(event.id, "organiser"), realtime.role_room(event.id, "door")]
