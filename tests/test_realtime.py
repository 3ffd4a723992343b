"""Socket.IO connection: session cookie or token, refusal otherwise, rooms by role, command acks."""

from __future__ import annotations

from hackathon import realtime
from hackathon.accounts import tokens
from hackathon.extensions import socketio
from hackathon.transactions import unit_of_work


def connect(app, client=None, auth=None):
    return socketio.test_client(app, flask_test_client=client, auth=auth)


def test_a_connection_without_login_or_token_is_refused(app):
    sock = connect(app)
    assert not sock.is_connected()
    sock = connect(app, auth={"token": "hk_forged"})
    assert not sock.is_connected()
    sock = connect(app, auth={"token": ["not", "a", "string"]})
    assert not sock.is_connected()


def test_the_session_cookie_authenticates_the_socket(app, client, make, event):
    organiser = make.organiser_of(event)
    make.login(client, organiser)
    sock = connect(app, client)
    assert sock.is_connected()
    ack = sock.emit("session:whoami", {}, callback=True)
    assert ack == {"ok": True, "user": {"id": organiser.id, "name": organiser.name}}


def test_a_token_authenticates_the_socket_until_revoked(app, make):
    user = make.user()
    with unit_of_work():
        token, raw = tokens.issue_token(user, "phone", days=1)
    sock = connect(app, auth={"token": raw})
    assert sock.is_connected()
    assert sock.emit("session:whoami", {}, callback=True)["ok"] is True
    with unit_of_work():
        tokens.revoke_token(user, token.id)
    # Revoking the token ends its socket at once, not at its next command (it would still receive facts).
    assert not sock.is_connected()


def test_rooms_follow_roles(app, make, event):
    organiser = make.organiser_of(event)
    participant, _ = make.participant(event)
    assert realtime.rooms_for(organiser) == {
        realtime.user_room(organiser.id), realtime.event_room(event.id),
        realtime.role_room(event.id, "organiser"),
    }
    assert realtime.role_room(event.id, "participant") in realtime.rooms_for(participant)


def test_facts_reach_only_their_room(app, client, make, event):
    organiser = make.organiser_of(event)
    participant, _ = make.participant(event)
    org_sock = connect(app, make.login(app.test_client(), organiser))
    part_sock = connect(app, make.login(app.test_client(), participant))
    org_sock.get_received()
    part_sock.get_received()
    realtime.publish("events:test", realtime.envelope(event.id, {"x": 1, "version": 1}),
                     realtime.role_room(event.id, "organiser"))
    assert [m["name"] for m in org_sock.get_received()] == ["events:test"]
    assert part_sock.get_received() == []


def test_ending_all_sessions_stops_socket_commands(app, client, make):
    from hackathon.accounts import services

    user = make.user()
    make.login(client, user)
    sock = connect(app, client)
    assert sock.emit("session:whoami", {}, callback=True)["ok"] is True
    with unit_of_work():
        services.end_all_sessions(user)
    assert not sock.is_connected()  # at once, not at its next command


def test_logging_out_closes_the_users_sockets(app, client, make):
    user = make.user()
    make.login(client, user)
    sock = connect(app, client)
    assert sock.is_connected()
    token = make.csrf(client, "/account")
    client.post("/logout", data={"csrf_token": token})
    assert not sock.is_connected()
    assert not connect(app, client).is_connected()  # and the browser cannot open a new one


def test_commands_validate_payloads_and_answer_every_failure(app, client, make, caplog):
    from types import SimpleNamespace

    from pydantic import BaseModel, ConfigDict, StrictInt

    from hackathon.realtime.dispatch import bind, register_socket_commands, socket_command

    class Payload(BaseModel):
        model_config = ConfigDict(extra="forbid")
        slot_id: StrictInt

    @socket_command("test:echo", Payload)
    def echo(actor, payload):
        return {"slot_id": payload.slot_id}

    @socket_command("test:boom", Payload)
    def boom(actor, payload):
        raise RuntimeError("a bug")

    register_socket_commands(app, SimpleNamespace(echo=echo, boom=boom))
    bind(app)

    make.login(client, make.user())
    sock = connect(app, client)
    assert sock.emit("test:echo", {"slot_id": 5}, callback=True) == {"ok": True, "slot_id": 5}
    for bad in (None, [], "x", {"slot_id": "5"}, {"slot_id": 5.0}, {"slot_id": True}, {}, {"slot_id": 1, "x": 2}):
        ack = sock.emit("test:echo", bad, callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "invalid", bad
        assert ack["error"]["message"]
    # A bug in a handler is logged and answered in the contract's shape, never left unanswered.
    assert sock.emit("test:boom", {"slot_id": 1}, callback=True)["error"]["code"] == "internal"
    assert "socket command test:boom failed" in caplog.text
