"""Door staff: the scanner, the name search and today's attendance, and nothing else of the console."""

from __future__ import annotations

import re

import pytest

from hackathon.checkin.models import Checkin
from hackathon.extensions import db, socketio
from tests.support.factories import PASSWORD


@pytest.fixture
def door(make, kit):
    return make.staff(kit.event, "door", name="Dora Door", email="dora@example.org")


def test_door_staff_open_the_scanner_and_today_but_no_console_page(client, make, kit, door):
    make.login(client, door)
    slug = kit.event.slug
    assert client.get(f"/events/{slug}/checkin/scan").status_code == 200
    today = client.get(f"/events/{slug}/checkin/today")
    assert today.status_code == 200 and "Today at the door" in today.get_data(as_text=True)
    console = ["/console/", "/console/people", "/console/settings", "/console/rooms", "/console/checkin/",
               "/console/checkin/badges", "/console/teams/", "/console/mentoring/", "/console/judging/",
               "/console/programme/", "/console/audit/", "/console/overview", "/console/registrations.csv"]
    for path in console:
        response = client.get(f"/events/{slug}{path}")
        assert response.status_code == 403, (path, response.status_code)
    page = client.get(f"/events/{slug}").get_data(as_text=True)
    assert "Door scanner" in page and "Today at the door" in page
    assert "/console" not in page  # no console links for door staff


def test_people_without_the_role_stay_out(client, make, kit):
    mentor = make.staff(kit.event, "mentor")
    make.login(client, mentor)
    for path in ("/checkin/scan", "/checkin/today"):
        assert client.get(f"/events/{kit.event.slug}{path}").status_code == 403


def test_door_staff_scan_by_the_json_api(app, make, kit, door):
    _user, _registration, code = kit.person("Ana Popescu")
    token = make.token(door)
    response = app.test_client().post("/api/v1/checkins", json={"code": code},
                                      headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["participant"]["name"] == "Ana Popescu"
    mentor_token = make.token(make.staff(kit.event, "mentor"))
    refused = app.test_client().post("/api/v1/checkins", json={"code": code},
                                     headers={"Authorization": f"Bearer {mentor_token}"})
    assert refused.status_code == 403


def test_door_staff_use_every_scanner_command_and_get_the_counters(app, make, kit, door):
    _user, registration, code = kit.person("Ana Popescu")
    _other, lost, _code = kit.person("Bo Lost")
    phone = socketio.test_client(app, flask_test_client=make.login(app.test_client(), door))
    ack = phone.emit("checkin:scan", {"code": code, "door": "Main"}, callback=True)
    assert ack["ok"] is True and ack["status"] == "checked_in", ack
    stats = [m["args"][0] for m in phone.get_received() if m["name"] == "checkin:stats"]
    assert stats and stats[-1]["checked_in"] == 1
    found = phone.emit("checkin:search", {"event": kit.event.slug, "q": "bo l"}, callback=True)
    assert [p["registration_id"] for p in found["people"]] == [lost.id]
    manual = phone.emit("checkin:manual", {"event": kit.event.slug, "registration_id": lost.id}, callback=True)
    assert manual["ok"] is True and manual["status"] == "checked_in"
    undo = phone.emit("checkin:undo", {"event": kit.event.slug, "checkin_id": manual["checkin_id"]}, callback=True)
    assert undo["ok"] is True
    synced = phone.emit("checkin:sync", {"event": kit.event.slug}, callback=True)
    assert synced["ok"] is True and synced["stats"]["checked_in"] == 1
    assert db.session.query(Checkin).filter(Checkin.undone_at.is_(None)).count() == 1
    assert registration.id != lost.id


def test_door_staff_land_on_the_scanner_after_login(app, make, kit, door):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"csrf_token": token, "email": door.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/events/{kit.event.slug}/checkin/scan")
    # Someone with another role as well lands as before.
    make.staff(kit.event, "mentor", email="both@example.org")
    from hackathon.accounts.services import find_user
    from hackathon.events.roles import grant_role
    from hackathon.transactions import unit_of_work

    both = find_user("both@example.org")
    with unit_of_work():
        grant_role(kit.event, both, "door")
    other = app.test_client()
    page = other.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    response = other.post("/login", data={"csrf_token": token, "email": both.email, "password": PASSWORD})
    assert "/checkin/scan" not in response.headers["Location"]
