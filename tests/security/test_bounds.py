"""Bounds on input: ids beyond 64 bits and JSON nested 20,000 deep get `invalid`/404, never a 500 or silence."""

from __future__ import annotations

import json

import pytest

from hackathon.extensions import socketio
from hackathon.payloads import MAX_DEPTH, nesting_depth_exceeds
from tests.support.routes import json_write_rules, socket_commands

HUGE = 99999999999999999999  # > 2**64
DEEP = "[" * 20000 + "]" * 20000


def test_nesting_is_measured_without_parsing():
    assert not nesting_depth_exceeds('{"a": [1, {"b": "[[[[[[[[[[[[[[[[[[[[[[[[["}]}')
    assert nesting_depth_exceeds(DEEP)
    assert not nesting_depth_exceeds("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert nesting_depth_exceeds("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert nesting_depth_exceeds(('{"a":' * 40) + "1" + "}" * 40)


@pytest.mark.parametrize("path", [f"/api/v1/teams/{HUGE}/join", f"/api/v1/teams/{2**63}/join"])
def test_ids_beyond_64_bits_in_api_paths_are_not_found(client, make, event, path):
    user, _ = make.participant(event)
    response = client.post(path, json={}, headers={"Authorization": f"Bearer {make.token(user)}"})
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_ids_beyond_64_bits_in_pages_are_not_found(client, event):
    assert client.get(f"/events/{event.slug}/challenges/{HUGE}").status_code == 404
    assert client.get(f"/events/{event.slug}/teams/{HUGE}").status_code in (302, 404)
    assert client.get(f"/events/{event.slug}/challenges/{2**63 - 1}").status_code == 404  # in range: no such row


def _organiser_api(app, make, event):
    client = app.test_client()
    make.login(client, make.organiser_of(event))
    return client, {"X-CSRFToken": make.csrf(client, f"/events/{event.slug}")}


def test_every_json_route_refuses_deep_bodies_and_huge_numbers(app, make, event):
    client, headers = _organiser_api(app, make, event)
    failures, read = [], 0
    for method, path in json_write_rules(app, event.slug):
        deep = client.open(path, method=method, data=DEEP, content_type="application/json", headers=headers)
        # 400 `invalid` where the body is read; routes that refuse first (no such object, no token) may say so
        if deep.status_code >= 500 or (deep.status_code == 400 and deep.get_json()["error"]["code"] != "invalid"):
            failures.append(f"deep {method} {path} → {deep.status_code} {deep.get_data(as_text=True)[:200]}")
        read += deep.status_code == 400
        huge = client.open(path, method=method, data=json.dumps({"team_id": HUGE, "id": HUGE, "code": "x"}),
                           content_type="application/json", headers=headers)
        if huge.status_code >= 500 or (huge.status_code == 400 and huge.get_json()["error"]["code"] != "invalid"):
            failures.append(f"huge {method} {path} → {huge.status_code}")
    assert failures == [], "\n".join(failures)
    assert read >= 5  # the routes that read a body refused it


def test_every_socket_command_answers_deep_packets_and_huge_ids(app, make, event):
    client = make.login(app.test_client(), make.organiser_of(event))
    sock = socketio.test_client(app, flask_test_client=client)
    names = socket_commands()
    assert names
    for n, name in enumerate(names, start=1):
        sock.acks = None
        socketio.server._handle_eio_message(sock.eio_sid, f'2{n}["{name}",{DEEP}]')
        ack = sock.acks["args"][0] if sock.acks else None
        assert ack and ack["ok"] is False and ack["error"]["code"] == "invalid", (name, ack)
        for field in ("slot_id", "team_id", "request_id", "checkin_id", "registration_id", "announcement_id",
                      "criterion_id"):
            ack = sock.emit(name, {field: HUGE}, callback=True)
            assert ack["ok"] is False and ack["error"]["code"] in ("invalid", "forbidden", "not_found"), (name, ack)
            assert "2^63" in ack["error"]["message"] or ack["error"]["code"] != "internal"


def test_malformed_packets_are_answered_and_do_not_reach_the_log(app, make, event, caplog):
    client = make.login(app.test_client(), make.organiser_of(event))
    sock = socketio.test_client(app, flask_test_client=client)
    for n, raw in enumerate(['["checkin:scan", {"code": ', '["checkin:scan", {"code": "x"}]]]', "[1e999999]", "[]",
                                   "{}", "5", '"checkin:scan"', '[["checkin:scan"]]'], 1):
        sock.acks = None
        socketio.server._handle_eio_message(sock.eio_sid, f"2{n}{raw}")
        ack = sock.acks["args"][0] if sock.acks else None
        assert ack is not None and ack["error"]["code"] == "invalid", (raw, ack)
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL") or r.exc_info]


def test_nul_characters_are_refused_everywhere(app, make, event):
    """PostgreSQL's text cannot hold NUL: a slug, query, form field, JSON string or socket payload with one is
    refused as invalid input (it was a 500 on PostgreSQL)."""
    client, headers = _organiser_api(app, make, event)
    assert client.get("/api/v1/events/x%00y/teams", headers=headers).status_code == 400
    assert client.get(f"/events/{event.slug}/challenges/?tag=a%00b").status_code == 400
    page = client.post("/login", data={"csrf_token": headers["X-CSRFToken"], "email": "a\x00@example.org",
                                       "password": "x"})
    assert page.status_code == 400
    body = client.post(f"/api/v1/events/{event.slug}/announcements", data='{"text": "hi\\u0000", "audience": "all"}',
                       content_type="application/json", headers=headers)
    assert body.status_code == 400 and "NUL" in body.get_json()["error"]["message"]
    sock = socketio.test_client(app, flask_test_client=client)
    ack = sock.emit("teams:sync", {"event": "a\x00b"}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "invalid"
