"""Judging commands over Socket.IO (sharing the HTTP login): acks, refusals, and the facts they cause."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hackathon.extensions import db, socketio
from hackathon.judging import conflicts
from hackathon.judging.models import ScoreSheet
from hackathon.transactions import unit_of_work

GOOD = {"impact": 7, "pitch": 4}


def connect(app, make, user):
    return socketio.test_client(app, flask_test_client=make.login(app.test_client(), user))


def facts(sock, name):
    return [m["args"][0] for m in sock.get_received() if m["name"] == name]


def sheets() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(ScoreSheet))


def test_open_current_score_close_with_facts(app, make, kit):
    organiser = connect(app, make, kit.organiser)
    juror = connect(app, make, kit.jurors[0])
    organiser.get_received(), juror.get_received()

    ack = organiser.emit("judging:open", {"event": kit.event.slug}, callback=True)
    assert ack["ok"] and ack["state"]["state"] == "open"
    (state,) = facts(juror, "judging:state")
    assert state["open"] is True and state["current_team"] is None

    ack = organiser.emit("judging:current", {"team_id": kit.teams[1].id}, callback=True)
    assert ack["ok"]
    (followed,) = facts(juror, "judging:state")
    assert followed["current_team"] == {"id": kit.teams[1].id, "name": "Beta"}
    assert followed["version"] > state["version"]

    organiser.get_received()
    ack = juror.emit("judging:score", {"team_id": kit.teams[1].id, "scores": GOOD, "comment": "Nice", "nonce": "a"},
                     callback=True)
    assert ack["ok"] and ack["sheet"]["version"] == 1
    assert ack["progress"] == {"scored": 1, "remaining": 2, "total": 3}
    (progress,) = facts(organiser, "judging:progress")
    assert progress == {"event": kit.event.slug, "event_id": kit.event.id, "team_id": kit.teams[1].id, "scored": 1,
                        "expected": 3, "version": 1}

    # The same nonce again: acknowledged, nothing new, no fact.
    again = juror.emit("judging:score", {"team_id": kit.teams[1].id, "scores": GOOD, "nonce": "a"}, callback=True)
    assert again["ok"] and again["sheet"]["version"] == 1
    assert facts(organiser, "judging:progress") == []

    assert organiser.emit("judging:close", {"event": kit.event.slug}, callback=True)["ok"]
    refused = juror.emit("judging:score", {"team_id": kit.teams[0].id, "scores": GOOD}, callback=True)
    assert refused["error"]["code"] == "closed"
    assert sheets() == 1


@pytest.mark.parametrize("payload", [
    {"team_id": "5", "scores": GOOD},
    {"team_id": 5.0, "scores": GOOD},
    {"team_id": True, "scores": GOOD},
    {"team_id": [1], "scores": GOOD},
    {"scores": GOOD},
    {"team_id": "TEAM", "scores": {"impact": "7", "pitch": 4}},
    {"team_id": "TEAM", "scores": {"impact": 7.5, "pitch": 4}},
    {"team_id": "TEAM", "scores": [7, 4]},
    {"team_id": "TEAM", "scores": GOOD, "extra": 1},
    "not an object",
])
def test_wrong_shapes_are_invalid(app, make, kit, payload):
    kit.open()
    juror = connect(app, make, kit.jurors[0])
    if isinstance(payload, dict) and payload.get("team_id") == "TEAM":
        payload = {**payload, "team_id": kit.teams[0].id}
    ack = juror.emit("judging:score", payload, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "invalid", ack
    assert sheets() == 0


def test_refusals_by_role_conflict_and_value(app, make, kit):
    kit.open()
    with unit_of_work():
        conflicts.declare(kit.event, kit.jurors[0], team_id=kit.teams[0].id)
    juror = connect(app, make, kit.jurors[0])
    team = kit.teams[0].id
    assert juror.emit("judging:score", {"team_id": team, "scores": GOOD}, callback=True)["error"]["code"] == "forbidden"
    bad = juror.emit("judging:score", {"team_id": kit.teams[1].id, "scores": {"impact": 70, "pitch": 4}},
                     callback=True)
    assert bad["error"]["code"] == "invalid"
    unknown = juror.emit("judging:score", {"team_id": kit.teams[1].id, "scores": {**GOOD, "x": 1}}, callback=True)
    assert unknown["error"]["code"] == "invalid"
    assert juror.emit("judging:score", {"team_id": 999999, "scores": GOOD}, callback=True)["error"]["code"] \
        == "not_found"
    participant, _ = make.participant(kit.event)
    outsider = connect(app, make, participant)
    assert outsider.emit("judging:score", {"team_id": team, "scores": GOOD}, callback=True)["error"]["code"] \
        == "forbidden"
    assert outsider.emit("judging:open", {"event": kit.event.slug}, callback=True)["error"]["code"] == "forbidden"
    assert juror.emit("judging:current", {"team_id": team}, callback=True)["error"]["code"] == "forbidden"
    assert juror.emit("judging:close", {"event": "nope"}, callback=True)["error"]["code"] == "not_found"
    assert sheets() == 0


def test_sync_gives_each_role_its_view(app, make, kit):
    kit.open()
    juror = connect(app, make, kit.jurors[0])
    juror.emit("judging:score", {"team_id": kit.teams[0].id, "scores": GOOD}, callback=True)
    mine = juror.emit("judging:sync", {"event": kit.event.slug}, callback=True)
    assert mine["state"]["state"] == "open" and [s["team_id"] for s in mine["sheets"]] == [kit.teams[0].id]
    assert "teams" not in mine
    organiser = connect(app, make, kit.organiser)
    overview = organiser.emit("judging:sync", {"event": kit.event.slug}, callback=True)
    assert [t["scored"] for t in overview["teams"]] == [1, 0, 0]
    participant, _ = make.participant(kit.event)
    assert connect(app, make, participant).emit("judging:sync", {"event": kit.event.slug},
                                                callback=True)["error"]["code"] == "forbidden"
