"""checkin:scan and friends over Socket.IO: acknowledgements, bad payloads, and the stats fact."""

from __future__ import annotations

import pytest

from hackathon.checkin.models import Checkin
from hackathon.extensions import db, socketio


def connect(app, make, user):
    client = make.login(app.test_client(), user)
    return socketio.test_client(app, flask_test_client=client)


def test_scan_acknowledges_and_organisers_get_the_stats(app, make, kit):
    _user, _registration, code = kit.person("Ana Popescu")
    door = connect(app, make, kit.organiser)
    watcher = connect(app, make, make.staff(kit.event, "organiser"))
    ack = door.emit("checkin:scan", {"code": code, "door": "North", "nonce": "sock-0001"}, callback=True)
    assert ack["ok"] is True and ack["status"] == "checked_in", ack
    assert ack["participant"]["name"] == "Ana Popescu"
    facts = [m["args"][0] for m in watcher.get_received() if m["name"] == "checkin:stats"]
    assert facts and facts[-1]["checked_in"] == 1 and facts[-1]["doors"] == {"North": 1}
    assert facts[-1]["expected"] == 1 and facts[-1]["version"] >= 1
    again = door.emit("checkin:scan", {"code": code, "nonce": "sock-0001"}, callback=True)
    assert again == ack
    second = door.emit("checkin:scan", {"code": code}, callback=True)
    assert second["ok"] is True and second["status"] == "already_checked_in" and second["door"] == "North"
    undo = door.emit("checkin:undo", {"event": kit.event.slug, "checkin_id": ack["checkin_id"]}, callback=True)
    assert undo["ok"] is True
    facts = [m["args"][0] for m in watcher.get_received() if m["name"] == "checkin:stats"]
    assert facts[-1]["checked_in"] == 0


@pytest.mark.parametrize("payload", [None, [], "code", {"code": 5}, {"code": True}, {"code": 5.0}, {},
                                     {"code": "x", "day": 20260101}, {"code": "x", "sneaky": 1},
                                     {"code": "x", "point_id": "3"}])
def test_wrong_shapes_are_invalid(app, make, kit, payload):
    door = connect(app, make, kit.organiser)
    ack = door.emit("checkin:scan", payload, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "invalid", ack
    assert db.session.query(Checkin).count() == 0


def test_refusals_over_the_socket(app, make, kit):
    participant, _registration, code = kit.person()
    door = connect(app, make, kit.organiser)
    ack = door.emit("checkin:scan", {"code": "SIH1-nope"}, callback=True)
    assert ack == {"ok": False, "error": {"code": "unknown_badge", "message": ack["error"]["message"]}}
    ack = door.emit("checkin:scan", {"code": code, "day": "2001-01-01"}, callback=True)
    assert ack["error"]["code"] == "not_registered_today"
    sneaky = connect(app, make, participant)
    ack = sneaky.emit("checkin:scan", {"code": code}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    for name, payload in [("checkin:search", {"event": kit.event.slug, "q": "person"}),
                          ("checkin:undo", {"event": kit.event.slug, "checkin_id": 1}),
                          ("checkin:manual", {"event": kit.event.slug, "registration_id": 1}),
                          ("checkin:sync", {"event": kit.event.slug})]:
        ack = sneaky.emit(name, payload, callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden", (name, ack)
    assert db.session.query(Checkin).count() == 0


def test_lost_badge_search_and_manual_checkin(app, make, kit):
    _user, registration, _code = kit.person("Ben Larsson")
    door = connect(app, make, kit.organiser)
    found = door.emit("checkin:search", {"event": kit.event.slug, "q": "larss"}, callback=True)
    assert found["ok"] and [p["name"] for p in found["people"]] == ["Ben Larsson"]
    ack = door.emit("checkin:manual", {"event": kit.event.slug, "registration_id": registration.id,
                                       "nonce": "manual-01"}, callback=True)
    assert ack["ok"] and ack["status"] == "checked_in"
    ack = door.emit("checkin:manual", {"event": kit.event.slug, "registration_id": 99999}, callback=True)
    assert ack["error"]["code"] == "not_found"
    sync = door.emit("checkin:sync", {"event": kit.event.slug}, callback=True)
    assert sync["stats"]["checked_in"] == 1
    late = door.emit("checkin:undo", {"event": kit.event.slug, "checkin_id": 424242}, callback=True)
    assert late["error"]["code"] == "not_found"
