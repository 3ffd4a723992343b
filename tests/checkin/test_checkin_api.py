"""POST /api/v1/checkins and GET /api/v1/me/badge as the contract names them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from hackathon.checkin.models import Checkin, ScanAnswer
from hackathon.clock import local_today
from hackathon.extensions import db


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Checkin)) + db.session.scalar(
        select(func.count()).select_from(ScanAnswer))


def auth(make, user) -> dict:
    return {"Authorization": f"Bearer {make.token(user)}"}


def test_checkin_201_then_200_and_nonce_replay(client, make, kit):
    _user, _registration, code = kit.person("Ana Popescu")
    headers = auth(make, kit.organiser)
    first = client.post("/api/v1/checkins", json={"code": code, "nonce": "n-00000001"}, headers=headers)
    assert first.status_code == 201, first.get_json()
    body = first.get_json()
    assert body["status"] == "checked_in" and body["participant"]["name"] == "Ana Popescu"
    assert body["day"] == local_today("Europe/Berlin").isoformat() and body["at"]
    replay = client.post("/api/v1/checkins", json={"code": code, "nonce": "n-00000001"}, headers=headers)
    assert replay.status_code == 201 and replay.get_json() == body
    second = client.post("/api/v1/checkins", json={"code": code}, headers=headers)
    assert second.status_code == 200
    assert second.get_json()["status"] == "already_checked_in"
    assert second.get_json()["at"] == body["at"] and second.get_json()["by"] == "Olga Organiser"


def test_each_refusal_has_its_own_answer_and_writes_nothing(client, make, kit):
    participant, _registration, code = kit.person()
    _other, _r, other_code = kit.person()
    headers = auth(make, kit.organiser)
    client.post("/api/v1/checkins", json={"code": other_code}, headers=headers)
    before = count()
    cases = [
        ({"code": "SIH1-forged000000000000000000"}, 404, "unknown_badge"),
        ({"code": code[:-2]}, 404, "unknown_badge"),
        ({"code": code, "day": (local_today("Europe/Berlin") + timedelta(days=9)).isoformat()}, 409,
         "not_registered_today"),
        ({"code": code, "day": "tomorrow"}, 422, "invalid"),
        ({"code": code, "day": "2026-02-30"}, 422, "invalid"),
        ({"code": 5}, 422, "invalid"),
        ({"code": [code]}, 422, "invalid"),
        ({"code": code, "nonce": 7}, 422, "invalid"),
        ({"code": code, "extra": 1}, 422, "invalid"),
        ({}, 422, "invalid"),
    ]
    for payload, status, error in cases:
        response = client.post("/api/v1/checkins", json=payload, headers=headers)
        assert response.status_code == status, (payload, response.get_json())
        assert response.get_json()["error"]["code"] == error, payload
    bad = client.post("/api/v1/checkins", data="[1]", content_type="application/json", headers=headers)
    assert bad.status_code == 400
    # A participant, even with a valid code (their own): forbidden.
    response = client.post("/api/v1/checkins", json={"code": code}, headers=auth(make, participant))
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    # Nobody logged in.
    assert client.post("/api/v1/checkins", json={"code": code}).status_code == 401
    assert count() == before


def test_revoked_badge_is_410(client, make, kit):
    from hackathon.checkin import badges
    from hackathon.transactions import unit_of_work

    _user, registration, code = kit.person()
    with unit_of_work():
        badges.reissue(registration)
    response = client.post("/api/v1/checkins", json={"code": code}, headers=auth(make, kit.organiser))
    assert response.status_code == 410 and response.get_json()["error"]["code"] == "revoked_badge"
    assert count() == 0


def test_an_organiser_of_another_event_gets_unknown_badge(client, make, kit):
    other = make.event(slug="elsewhere")
    _user, _registration, code = kit.person()
    response = client.post("/api/v1/checkins", json={"code": code}, headers=auth(make, make.organiser_of(other)))
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "unknown_badge"
    response = client.post("/api/v1/checkins", json={"code": code, "event": "elsewhere"},
                           headers=auth(make, make.organiser_of(other)))
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "unknown_badge"
    assert count() == 0


def test_cookie_sessions_need_the_csrf_token(client, make, kit):
    _user, _registration, code = kit.person()
    make.login(client, kit.organiser)
    assert client.post("/api/v1/checkins", json={"code": code}).status_code == 400
    token = make.csrf(client, f"/events/{kit.event.slug}/checkin/scan")
    response = client.post("/api/v1/checkins", json={"code": code}, headers={"X-CSRFToken": token})
    assert response.status_code == 201


def test_me_badge_is_the_code_the_qr_encodes(client, make, kit):
    user, _registration, code = kit.person()
    response = client.get("/api/v1/me/badge", headers=auth(make, user))
    assert response.status_code == 200 and response.get_json()["code"] == code
    me = client.get("/api/v1/me", headers=auth(make, user)).get_json()
    assert me["events"][0]["badge"] == {"code": code}
    stranger = make.user()
    response = client.get("/api/v1/me/badge", headers=auth(make, stranger))
    assert response.status_code == 404


def test_an_offline_scan_keeps_its_time(client, make, kit):
    from datetime import datetime

    from hackathon.clock import utcnow

    _user, _registration, code = kit.person()
    headers = auth(make, kit.organiser)
    for bad in ("yesterday", "2026-11-23T10:00:00", (utcnow() - timedelta(days=2)).isoformat(),
                (utcnow() + timedelta(hours=1)).isoformat()):
        response = client.post("/api/v1/checkins", json={"code": code, "scanned_at": bad}, headers=headers)
        assert response.status_code == 422, bad
    assert count() == 0
    when = utcnow() - timedelta(minutes=10)
    response = client.post("/api/v1/checkins", json={"code": code, "scanned_at": when.isoformat()}, headers=headers)
    assert response.status_code == 201
    assert datetime.fromisoformat(response.get_json()["at"]) == when.replace(microsecond=when.microsecond)
