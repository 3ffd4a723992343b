"""The contract's project routes: who reads what, a member's PUT with its 200, 409, 403 closed and 403 forbidden."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hackathon.clock import clock
from hackathon.commands import Actor
from hackathon.projects import commands

BASE = "/api/v1"


def bearer(make, user):
    return {"Authorization": f"Bearer {make.token(user)}"}


def test_organisers_and_jurors_read_every_project_members_their_own(client, make, event, kit):
    team, (ana, _ben) = kit.team(name="Circular Pioneers")
    other, (carla,) = kit.team(members=1, name="Kilowatt Commons")
    kit.save(ana, team, links=[{"kind": "repository", "url": "https://code.example.org/fixcount"}])
    for reader in (make.organiser_of(event), make.staff(event, "jury")):
        body = client.get(f"{BASE}/events/{event.slug}/projects", headers=bearer(make, reader)).get_json()
        by_team = {p["team_id"]: p for p in body["projects"]}
        assert set(by_team) == {team.id, other.id}
        mine = by_team[team.id]
        assert {"team_id", "title", "summary", "challenge", "links", "submitted_at", "version"} <= set(mine)
        assert mine["links"] == [{"kind": "repository", "url": "https://code.example.org/fixcount"}]
        assert by_team[other.id]["version"] == 0 and by_team[other.id]["title"] == ""
    body = client.get(f"{BASE}/events/{event.slug}/projects", headers=bearer(make, carla)).get_json()
    assert [p["team_id"] for p in body["projects"]] == [other.id]


def test_before_the_gallery_strangers_are_refused_after_it_they_see_what_teams_chose(client, make, event, kit):
    team, (ana, _ben) = kit.team()
    hidden_team, (carla,) = kit.team(members=1)
    kit.save(ana, team)
    kit.save(carla, hidden_team)
    commands.set_consent(Actor(ana), team_id=team.id, show=True)
    url = f"{BASE}/events/{event.slug}/projects"
    assert client.get(url).status_code == 401
    stranger = make.user()
    assert client.get(url, headers=bearer(make, stranger)).get_json()["error"]["code"] == "forbidden"
    kit.publish_gallery()
    for headers in ({}, bearer(make, stranger)):
        body = client.get(url, headers=headers).get_json()
        assert [p["team_id"] for p in body["projects"]] == [team.id]
        assert "updated_by" not in body["projects"][0]  # who saved last is not for the public
    assert client.get(f"{BASE}/teams/{hidden_team.id}/project").status_code == 404
    assert client.get(f"{BASE}/teams/{team.id}/project").get_json()["title"] == "FixCount"


def test_put_saves_and_answers_with_the_new_version(client, make, kit):
    team, (ana, ben) = kit.team()
    url = f"{BASE}/teams/{team.id}/project"
    first = client.put(url, json={"title": "FixCount", "summary": "A repair log.", "version": 0},
                       headers=bearer(make, ana))
    assert first.status_code == 200
    version = first.get_json()["version"]
    assert first.get_json()["title"] == "FixCount"
    second = client.put(url, json={"title": "FixCount 2", "summary": "A repair log.", "version": version,
                                   "problem": "Nobody counts repairs.", "links": []}, headers=bearer(make, ben))
    assert second.status_code == 200 and second.get_json()["version"] == version + 1
    stale = client.put(url, json={"title": "Mine", "summary": "x", "version": version}, headers=bearer(make, ana))
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "conflict" and error["details"]["project"]["title"] == "FixCount 2"


def test_put_after_the_deadline_is_403_closed_and_for_others_403_forbidden(client, make, event, kit):
    team, (ana, _ben) = kit.team()
    url = f"{BASE}/teams/{team.id}/project"
    body = {"title": "FixCount", "summary": "A repair log."}
    assert client.put(url, json=body, headers=bearer(make, make.organiser_of(event))).get_json()["error"]["code"] \
        == "forbidden"
    moment = kit.deadline_in(60)
    clock.frozen = moment
    late = client.put(url, json=body, headers=bearer(make, ana))
    assert late.status_code == 403 and late.get_json()["error"]["code"] == "closed"
    clock.frozen = moment - timedelta(seconds=1)
    assert client.put(url, json=body, headers=bearer(make, ana)).status_code == 200
    assert client.put(f"{BASE}/teams/999999/project", json=body, headers=bearer(make, ana)).status_code == 404


@pytest.mark.parametrize("body", [
    {"summary": "no title"},
    {"title": 5, "summary": "x"},
    {"title": "x", "summary": "x", "version": "1"},
    {"title": "x", "summary": "x", "version": -1},
    {"title": "x", "summary": "x", "links": [{"kind": "demo"}]},
    {"title": "x", "summary": "x", "links": [{"kind": "demo", "url": "https://x.example", "extra": 1}]},
    {"title": "x", "summary": "x", "owner": "me"},
    {"title": "x", "summary": "x", "submit": "yes"},
])
def test_malformed_bodies_are_422_and_change_nothing(client, make, kit, body):
    team, (ana, _ben) = kit.team()
    response = client.put(f"{BASE}/teams/{team.id}/project", json=body, headers=bearer(make, ana))
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "invalid"
    assert client.get(f"{BASE}/teams/{team.id}/project", headers=bearer(make, ana)).get_json()["version"] == 0


def test_a_cookie_session_needs_the_csrf_header_to_put(client, make, kit):
    team, (ana, _ben) = kit.team()
    make.login(client, ana)
    response = client.put(f"{BASE}/teams/{team.id}/project", json={"title": "x", "summary": "y"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "csrf"
