"""Expo socket commands: acks in the contract's shape, facts to the right people, bad payloads refused."""

from __future__ import annotations

import pytest

from hackathon.extensions import socketio


def connect(app, make, user):
    return socketio.test_client(app, flask_test_client=make.login(app.test_client(), user))


def facts(sock, name):
    return [m["args"][0] for m in sock.get_received() if m["name"] == name]


def test_a_judges_walk_over_the_socket_with_facts(app, make, kit):
    round_id = kit.round()
    ana, ben = kit.jurors
    a_sock, b_sock, o_sock = connect(app, make, ana), connect(app, make, ben), connect(app, make, kit.organiser)
    for sock in (a_sock, b_sock, o_sock):
        sock.get_received()

    ack = a_sock.emit("expo:sync", {"round_id": round_id}, callback=True)
    assert ack["ok"] and ack["round"]["state"] == "open" and ack["judge"]["current"] is None
    assert "coverage" not in ack

    ack = a_sock.emit("expo:next", {"round_id": round_id}, callback=True)
    first = ack["judge"]["current"]
    assert ack["ok"] and first["table"].startswith("T") and ack["judge"]["previous"] is None
    assert facts(a_sock, "expo:judge")[-1] == ack["judge"]
    assert facts(b_sock, "expo:judge") == []
    coverage = facts(o_sock, "expo:coverage")[-1]
    assert coverage["round_id"] == round_id and sum(p["heading"] for p in coverage["projects"]) == 1

    ack = a_sock.emit("expo:next", {"round_id": round_id, "seen_team_id": first["team_id"]}, callback=True)
    assert ack["judge"]["previous"]["team_id"] == first["team_id"]
    current = ack["judge"]["current"]["team_id"]
    vote = {"round_id": round_id, "previous_team_id": first["team_id"], "current_team_id": current,
            "winner": "current", "reason": "clear user research", "nonce": "a1b2c3d4e5f6"}
    ack = a_sock.emit("expo:vote", vote, callback=True)
    assert ack["ok"] and ack["replayed"] is False and ack["judge"]["votes"] == 1
    assert ack["judge"]["undo"]["vote_id"] == ack["vote"]["id"]
    again = a_sock.emit("expo:vote", vote, callback=True)
    assert again["ok"] and again["replayed"] is True and again["vote"] == ack["vote"]
    coverage = facts(o_sock, "expo:coverage")[-1]
    assert coverage["votes"] == 1 and coverage["ranking"][0]["team_id"] == current

    ack = a_sock.emit("expo:undo", {"round_id": round_id, "vote_id": ack["vote"]["id"]}, callback=True)
    assert ack["ok"] and ack["judge"]["votes"] == 0 and ack["judge"]["current"]["team_id"] == current
    ack = a_sock.emit("expo:skip", {"round_id": round_id, "team_id": current}, callback=True)
    assert ack["ok"] and ack["judge"]["current"]["team_id"] != current
    ack = a_sock.emit("expo:break", {"round_id": round_id, "on_break": True}, callback=True)
    assert ack["ok"] and ack["judge"]["on_break"] and ack["judge"]["current"] is None

    ack = o_sock.emit("expo:sync", {"round_id": round_id}, callback=True)
    assert ack["ok"] and ack["coverage"]["walkers"][0]["on_break"] is True


def test_organisers_cannot_walk_and_strangers_see_nothing(app, make, kit):
    round_id = kit.round()
    o_sock = connect(app, make, kit.organiser)
    ack = o_sock.emit("expo:next", {"round_id": round_id}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    stranger = connect(app, make, make.user())
    ack = stranger.emit("expo:sync", {"round_id": round_id}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    ack = stranger.emit("expo:sync", {"round_id": 10**12}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "not_found"


@pytest.mark.parametrize(("command", "payload"), [
    ("expo:next", {"round_id": "1"}),
    ("expo:next", {"round_id": 1, "seen_team_id": 0}),
    ("expo:next", {"round_id": True}),
    ("expo:next", {}),
    ("expo:next", None),
    ("expo:skip", {"round_id": 1}),
    ("expo:break", {"round_id": 1, "on_break": "yes"}),
    ("expo:vote", {"round_id": 1, "previous_team_id": 1, "current_team_id": 2, "winner": "both", "nonce": "abcdefgh"}),
    ("expo:vote", {"round_id": 1, "previous_team_id": 1, "current_team_id": 2, "winner": "current", "nonce": "short"}),
    ("expo:vote", {"round_id": 1, "previous_team_id": 1, "current_team_id": 2, "winner": "current",
                   "nonce": "abcdefgh", "reason": "x" * 301}),
    ("expo:vote", {"round_id": 1, "previous_team_id": 1, "current_team_id": 2, "winner": "current",
                   "nonce": "abcdefgh", "extra": 1}),
    ("expo:undo", {"round_id": 1, "vote_id": 2**63}),
])
def test_bad_payloads_are_refused_as_invalid(app, make, kit, command, payload):
    sock = connect(app, make, kit.jurors[0])
    ack = sock.emit(command, payload, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "invalid"
