"""The teams JSON API and socket commands: the contract's codes, emails for organisers, facts, sync."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hackathon.clock import utcnow
from hackathon.extensions import socketio
from hackathon.teams import membership
from hackathon.transactions import unit_of_work

_tokens: dict[int, str] = {}


@pytest.fixture(autouse=True)
def _fresh_tokens():
    _tokens.clear()


def bearer(make, user) -> dict:
    """A bearer header, one token per user and test (the token endpoint is rate limited)."""
    if user.id not in _tokens:
        _tokens[user.id] = make.token(user)
    return {"Authorization": f"Bearer {_tokens[user.id]}"}


def test_list_teams_with_emails_only_for_organisers(client, make, kit):
    challenge = kit.challenge()
    ana = kit.participant("Ana")
    team = kit.team(ana, challenge, pitch="Fix it")
    body = client.get(f"/api/v1/events/{kit.event.slug}/teams", headers=bearer(make, ana)).get_json()
    (item,) = body["teams"]
    assert item["id"] == team.id and item["name"] == "Fixers" and item["join_policy"] == "open"
    assert item["challenge"] == {"id": challenge.id, "title": challenge.title}
    assert item["members"] == [{"id": ana.id, "name": "Ana"}]
    assert item["max_size"] == kit.event.team_max_size and item["open_places"] == item["max_size"] - 1
    assert item["version"] == 1
    organiser = make.organiser_of(kit.event)
    body = client.get(f"/api/v1/events/{kit.event.slug}/teams", headers=bearer(make, organiser)).get_json()
    assert body["teams"][0]["members"][0]["email"] == ana.email
    assert client.get(f"/api/v1/events/{kit.event.slug}/teams").status_code == 401
    assert client.get("/api/v1/events/nope/teams", headers=bearer(make, ana)).status_code == 404


def test_join_codes(client, make, kit):
    challenge = kit.challenge()
    ana, ben, cleo, dan = (kit.participant(n) for n in ("Ana", "Ben", "Cleo", "Dan"))
    open_team = kit.team(ana, challenge, max_size=2)
    asking = kit.team(ben, challenge, name="Askers", join_policy="request")

    response = client.post(f"/api/v1/teams/{open_team.id}/join", json={}, headers=bearer(make, cleo))
    assert response.status_code == 201 and response.get_json()["status"] == "joined"
    assert response.get_json()["team"]["open_places"] == 0

    response = client.post(f"/api/v1/teams/{open_team.id}/join", json={}, headers=bearer(make, dan))
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "team_full"

    response = client.post(f"/api/v1/teams/{asking.id}/join", json={"message": "hi"}, headers=bearer(make, cleo))
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "already_in_team"

    response = client.post(f"/api/v1/teams/{asking.id}/join", json={"message": "I do GIS"}, headers=bearer(make, dan))
    assert response.status_code == 202 and response.get_json()["request"]["status"] == "pending"

    response = client.post(f"/api/v1/teams/{asking.id}/join", json={"invite_code": "wrong"}, headers=bearer(make, dan))
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "bad_invite_code"

    response = client.post(f"/api/v1/teams/{asking.id}/join", json={"invite_code": asking.invite_code},
                           headers=bearer(make, dan))
    assert response.status_code == 201

    mentor = make.staff(kit.event, "mentor")
    response = client.post(f"/api/v1/teams/{asking.id}/join", json={}, headers=bearer(make, mentor))
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "not_participant"

    for bad in ([], {"invite_code": 5}, {"extra": 1}, {"message": "x" * 501}):
        response = client.post(f"/api/v1/teams/{asking.id}/join", json=bad, headers=bearer(make, dan))
        assert response.status_code in (400, 422) and response.get_json()["error"]["code"] == "invalid"
    assert client.post("/api/v1/teams/999999/join", json={}, headers=bearer(make, dan)).status_code == 404
    assert client.post(f"/api/v1/teams/{asking.id}/join", json={}).status_code == 401


def test_join_after_formation_closed(client, make, kit):
    challenge = kit.challenge()
    team = kit.team(kit.participant("Ana"), challenge)
    ben = kit.participant("Ben")
    with unit_of_work():
        kit.event.team_formation_closes_at = utcnow() - timedelta(seconds=1)
    response = client.post(f"/api/v1/teams/{team.id}/join", json={}, headers=bearer(make, ben))
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "closed"
    assert membership.team_of(ben, kit.event.id) is None
    phases = client.get(f"/api/v1/events/{kit.event.slug}").get_json()["phases"]
    assert phases["teams"] == "closed"


def test_me_shows_the_team(client, make, kit):
    ana = kit.participant("Ana")
    team = kit.team(ana, kit.challenge())
    body = client.get("/api/v1/me", headers=bearer(make, ana)).get_json()
    assert body["events"][0]["team"]["id"] == team.id
    ben = kit.participant("Ben")
    assert client.get("/api/v1/me", headers=bearer(make, ben)).get_json()["events"][0]["team"] is None


def test_facts_sync_and_team_rooms(app, client, make, kit):
    challenge = kit.challenge()
    ana, ben = kit.participant("Ana"), kit.participant("Ben")
    team = kit.team(ana, challenge, join_policy="request")
    make.login(client, ana)
    ana_socket = socketio.test_client(app, flask_test_client=client)
    other = app.test_client()
    make.login(other, ben)
    ben_socket = socketio.test_client(app, flask_test_client=other)
    assert ana_socket.is_connected() and ben_socket.is_connected()

    ack = ben_socket.emit("teams:sync", {"event": kit.event.slug}, callback=True)
    assert ack["ok"] and [t["id"] for t in ack["teams"]] == [team.id]
    for bad in (None, [], {"event": 5}, {"event": kit.event.slug, "x": 1}, {}):
        ack = ben_socket.emit("teams:sync", bad, callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "invalid"
    assert ben_socket.emit("teams:sync", {"event": "nope"}, callback=True)["error"]["code"] == "not_found"
    stranger = app.test_client()
    make.login(stranger, make.user())
    stranger_socket = socketio.test_client(app, flask_test_client=stranger)
    assert stranger_socket.emit("teams:sync", {"event": kit.event.slug}, callback=True)["error"]["code"] == "forbidden"

    ana_socket.get_received()
    ben_socket.get_received()
    # Ben asks: Ana (in the team room) hears of it; then Ana accepts through the page and Ben is told.
    response = other.post(f"/api/v1/teams/{team.id}/join", json={"message": "hello"},
                          headers={"X-CSRFToken": make.csrf(other, f"/events/{kit.event.slug}/teams")})
    assert response.status_code == 202, response.get_json()
    request_id = response.get_json()["request"]["id"]
    heard = [m for m in ana_socket.get_received() if m["name"] == "teams:request"]
    assert heard and heard[0]["args"][0]["user"]["name"] == "Ben"
    page = client.post(f"/events/{kit.event.slug}/requests/{request_id}/accept",
                       data={"csrf_token": make.csrf(client, f"/events/{kit.event.slug}/teams/{team.id}")})
    assert page.status_code == 302
    received = ben_socket.get_received()
    answers = [m["args"][0] for m in received if m["name"] == "teams:request"]
    assert answers[-1]["status"] == "accepted"
    facts = [m["args"][0] for m in received if m["name"] == "teams:team"]
    assert facts[-1]["id"] == team.id and [m["name"] for m in facts[-1]["members"]] == ["Ana", "Ben"]
    assert facts[-1]["version"] == 2 and facts[-1]["open_places"] == facts[-1]["max_size"] - 2
    # Ben's socket is now in the team room.
    from hackathon.realtime import team_room

    rooms = socketio.server.manager.rooms["/"]
    ben_sids = set(rooms[f"user:{ben.id}"])
    assert ben_sids and ben_sids <= set(rooms.get(team_room(team.id), {}))


def test_dissolving_publishes_the_last_fact_and_empties_the_room(app, client, make, kit):
    challenge = kit.challenge()
    ana = kit.participant("Ana")
    team = kit.team(ana, challenge)
    watcher = app.test_client()
    make.login(watcher, kit.participant("Watcher"))
    watching = socketio.test_client(app, flask_test_client=watcher)
    make.login(client, ana)
    ana_socket = socketio.test_client(app, flask_test_client=client)
    from hackathon.realtime import team_room

    rooms = socketio.server.manager.rooms["/"]
    assert set(rooms[f"user:{ana.id}"]) <= set(rooms.get(team_room(team.id), {}))
    watching.get_received()
    page = f"/events/{kit.event.slug}/teams/{team.id}"
    response = client.post(f"{page}/leave", data={"csrf_token": make.csrf(client, page)})
    assert response.status_code == 302
    facts = [m["args"][0] for m in watching.get_received() if m["name"] == "teams:team"]
    assert facts == [{**facts[0], "id": team.id, "dissolved": True, "members": [], "open_places": 0}]
    assert facts[0]["version"] > 1  # newer than every fact before it
    assert not set(rooms[f"user:{ana.id}"]) & set(rooms.get(team_room(team.id), {}))
    assert ana_socket.emit("teams:sync", {"event": kit.event.slug}, callback=True)["teams"] == []
