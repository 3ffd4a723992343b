"""Socket commands: acks in the contract's shape, facts to the right rooms, bad payloads refused and harmless."""

from __future__ import annotations

import pytest

from hackathon.extensions import socketio
from hackathon.mentoring import grid


def connect(app, make, user):
    return socketio.test_client(app, flask_test_client=make.login(app.test_client(), user))


def facts(sock, name):
    return [m["args"][0] for m in sock.get_received() if m["name"] == name]


def test_claim_book_cancel_release_with_facts(app, make, kit):
    mentor = kit.mentor()
    team, (ana, ben) = kit.team()
    outsider = make.user()  # no role at the event: no event room
    slot = kit.grid()[0]
    m_sock, a_sock, b_sock = connect(app, make, mentor), connect(app, make, ana), connect(app, make, ben)
    o_sock = connect(app, make, outsider)
    for sock in (m_sock, a_sock, b_sock, o_sock):
        sock.get_received()

    ack = m_sock.emit("mentoring:claim", {"slot_id": slot.id}, callback=True)
    assert ack["ok"] is True and ack["slot"]["status"] == "available" and ack["slot"]["version"] == 2
    assert facts(a_sock, "mentoring:slot") == [ack["slot"]]  # no team yet: one fact, to the event room
    assert facts(o_sock, "mentoring:slot") == []

    ack = a_sock.emit("mentoring:book", {"slot_id": slot.id, "note": "Pitch help"}, callback=True)
    assert ack["ok"] and ack["slot"]["team"]["id"] == team.id and ack["slot"]["note"] == "Pitch help"
    # the mentor and the team get the note first; the event room's copy (same version) has none
    assert facts(m_sock, "mentoring:slot")[-2:] == [ack["slot"], {**ack["slot"], "note": ""}]
    assert facts(b_sock, "mentoring:slot")[-2:] == [ack["slot"], {**ack["slot"], "note": ""}]

    ack = m_sock.emit("mentoring:cancel", {"slot_id": slot.id, "reason": "Running late"}, callback=True)
    assert ack["ok"] and ack["slot"]["status"] == "available"
    (notice,) = facts(b_sock, "mentoring:cancelled")
    assert notice["reason"] == "Running late" and notice["slot"]["id"] == slot.id

    ack = m_sock.emit("mentoring:release", {"slot_id": slot.id}, callback=True)
    assert ack["ok"] and ack["slot"]["status"] == "open" and ack["slot"]["version"] == 5


@pytest.mark.parametrize(("command", "payload"), [
    ("mentoring:claim", {"slot_id": "SLOT"}),
    ("mentoring:claim", {"slot_id": 1.0}),
    ("mentoring:claim", {"slot_id": True}),
    ("mentoring:claim", {"slot_id": [1]}),
    ("mentoring:claim", {}),
    ("mentoring:claim", {"slot_id": 1, "extra": 1}),
    ("mentoring:claim", "1"),
    ("mentoring:claim", None),
    ("mentoring:book", {"slot_id": 1, "note": 5}),
    ("mentoring:book", {"slot_id": 1, "note": "x" * 501}),
    ("mentoring:cancel", {"slot_id": 1, "reason": ["r"]}),
    ("mentoring:help_rate", {"request_id": 1, "rating": 6}),
    ("mentoring:help_rate", {"request_id": 1, "rating": "5"}),
    ("mentoring:help_request", {"event": "test-hack", "topic": "ok topic"}),
    ("mentoring:sync", {"event": 5}),
])
def test_malformed_payloads_are_invalid_and_change_nothing(app, make, kit, command, payload):
    mentor = kit.mentor()
    slot = kit.grid()[0]
    sock = connect(app, make, mentor)
    if isinstance(payload, dict) and payload.get("slot_id") == "SLOT":
        payload = {"slot_id": str(slot.id)}
    ack = sock.emit(command, payload, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "invalid", ack
    assert grid.get_slot(slot.id).version == 1


def test_refusals_are_clear_acks(app, make, kit):
    mentor = kit.mentor()
    _team, (ana,) = kit.team(members=1)
    loner, _ = make.participant(kit.event)
    outsider = make.user()
    made = kit.grid()
    m_sock, a_sock = connect(app, make, mentor), connect(app, make, ana)
    l_sock, o_sock = connect(app, make, loner), connect(app, make, outsider)

    def error(sock, command, payload):
        ack = sock.emit(command, payload, callback=True)
        assert ack["ok"] is False, ack
        return ack["error"]["code"]

    assert error(m_sock, "mentoring:claim", {"slot_id": 999999}) == "not_found"
    assert error(a_sock, "mentoring:claim", {"slot_id": made[0].id}) == "forbidden"
    assert error(o_sock, "mentoring:claim", {"slot_id": made[0].id}) == "forbidden"
    assert error(a_sock, "mentoring:book", {"slot_id": made[0].id}) == "conflict"  # open: nobody to meet
    m_sock.emit("mentoring:claim", {"slot_id": made[0].id}, callback=True)
    assert error(m_sock, "mentoring:claim", {"slot_id": made[0].id}) == "conflict"
    assert error(l_sock, "mentoring:book", {"slot_id": made[0].id}) == "not_in_team"
    assert error(a_sock, "mentoring:release", {"slot_id": made[0].id}) == "forbidden"
    assert error(a_sock, "mentoring:cancel", {"slot_id": made[0].id}) == "not_booked"
    assert error(o_sock, "mentoring:sync", {"event": kit.event.slug}) == "forbidden"
    assert error(m_sock, "mentoring:sync", {"event": "nope"}) == "not_found"
    assert grid.get_slot(made[0].id).version == 2
    assert error(m_sock, "mentoring:help_claim", {"request_id": 424242}) == "not_found"
    assert error(l_sock, "mentoring:help_request", {"event": kit.event.slug, "topic": "Help please",
                                                   "location": "T1"}) == "not_in_team"


def test_help_queue_over_sockets(app, make, kit):
    mentor, other = kit.mentor("Maria"), kit.mentor()
    organiser = make.organiser_of(kit.event)
    team, (ana, ben) = kit.team()
    m_sock, x_sock, a_sock, b_sock = (connect(app, make, u) for u in (mentor, other, ana, ben))
    org_sock = connect(app, make, organiser)
    for sock in (m_sock, x_sock, a_sock, b_sock, org_sock):
        sock.get_received()
    ack = a_sock.emit("mentoring:help_request", {"event": kit.event.slug, "topic": "Our demo won't run",
                                                 "location": "Table 7", "tried": "Rebooting"}, callback=True)
    assert ack["ok"] and ack["request"]["status"] == "waiting"
    request_id = ack["request"]["id"]
    assert facts(m_sock, "mentoring:help")[-1]["id"] == request_id
    assert facts(org_sock, "mentoring:help_stats")[-1]["waiting"] == 1

    ack = m_sock.emit("mentoring:help_claim", {"request_id": request_id}, callback=True)
    assert ack["ok"] and ack["request"]["mentor"]["name"] == "Maria"
    told = facts(b_sock, "mentoring:help")
    assert told[-1]["status"] == "claimed" and told[-1]["mentor"]["name"] == "Maria"
    ack = x_sock.emit("mentoring:help_claim", {"request_id": request_id}, callback=True)
    assert ack["error"]["code"] == "conflict"
    assert m_sock.emit("mentoring:help_resolve", {"request_id": request_id}, callback=True)["ok"]
    ack = b_sock.emit("mentoring:help_rate", {"request_id": request_id, "rating": 5}, callback=True)
    assert ack["ok"] and ack["request"]["rating"] == 5

    sync = org_sock.emit("mentoring:sync", {"event": kit.event.slug}, callback=True)
    assert sync["ok"] and sync["stats"]["counts"]["resolved"] == 1 and sync["help"] == []
    sync = a_sock.emit("mentoring:sync", {"event": kit.event.slug}, callback=True)
    assert sync["team_id"] == team.id and [r["id"] for r in sync["help"]] == [request_id]
    assert "stats" not in sync


def test_an_expired_request_is_told_and_the_team_may_ask_again(app, make, kit):
    from datetime import timedelta

    from hackathon.clock import clock, utcnow

    mentor = kit.mentor()
    _team, (ana,) = kit.team(members=1)
    m_sock, a_sock = connect(app, make, mentor), connect(app, make, ana)
    ask = {"event": kit.event.slug, "topic": "Which licence?", "location": "Table 2"}
    first = a_sock.emit("mentoring:help_request", ask, callback=True)["request"]
    assert a_sock.emit("mentoring:help_request", ask, callback=True)["error"]["code"] == "already_waiting"
    clock.frozen = utcnow() + timedelta(minutes=46)
    m_sock.get_received()
    second = a_sock.emit("mentoring:help_request", ask, callback=True)
    assert second["ok"] and second["request"]["id"] != first["id"]
    told = {f["id"]: f["status"] for f in facts(m_sock, "mentoring:help")}
    assert told == {first["id"]: "expired", second["request"]["id"]: "waiting"}
    ack = m_sock.emit("mentoring:help_claim", {"request_id": first["id"]}, callback=True)
    assert ack["error"]["code"] == "expired"
