"""The JSON API of accounts and events: tokens, /me, events, the error shape, CSRF for cookie sessions."""

from __future__ import annotations

from hackathon.events.models import Event
from hackathon.extensions import db
from tests.support.factories import PASSWORD


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_token_flow(client, make, event):
    user = make.user(email="t@example.org")
    response = client.post("/api/v1/tokens", json={"email": "T@example.org", "password": PASSWORD, "name": "cli"})
    assert response.status_code == 201
    token = response.get_json()["token"]
    me = client.get("/api/v1/me", headers=bearer(token))
    assert me.status_code == 200
    assert me.get_json()["email"] == "t@example.org"
    assert client.delete("/api/v1/tokens/current", headers=bearer(token)).status_code == 204
    gone = client.get("/api/v1/me", headers=bearer(token))
    assert gone.status_code == 401
    assert gone.get_json() == {"error": {"code": "unauthorized", "message": "Please log in first."}}
    assert user.id


def test_token_refusals_have_the_error_shape(client, make):
    make.user(email="u@example.org")
    cases = [
        ({"email": "u@example.org", "password": "wrong"}, 401),
        ({"email": "u@example.org"}, 422),
        ({"email": 5, "password": PASSWORD}, 422),
        ([1, 2], 400),
        ("just a string", 400),
        ({"email": "u@example.org", "password": "x" * 500}, 422),
    ]
    for body, status in cases:
        response = client.post("/api/v1/tokens", json=body)
        assert response.status_code == status, body
        error = response.get_json()["error"]
        assert set(error) >= {"code", "message"} and error["message"]
    raw = client.post("/api/v1/tokens", data=b"{not json", content_type="application/json")
    assert raw.status_code == 400 and raw.get_json()["error"]["code"] == "invalid"


def test_token_endpoint_is_rate_limited(client, make):
    make.user(email="v@example.org")
    statuses = [client.post("/api/v1/tokens", json={"email": "v@example.org", "password": "nope"}).status_code
                for _ in range(11)]
    assert statuses[-1] == 429
    assert client.post("/api/v1/tokens", json={"email": "v@example.org", "password": "nope"}).get_json() == {
        "error": {"code": "rate_limited", "message": "Too many attempts. Please wait a minute."}}


def test_me_lists_roles_and_registration(client, make, event):
    user, _registration = make.participant(event, skills=["gis"])
    token = make.token(user)
    body = client.get("/api/v1/me", headers=bearer(token)).get_json()
    [entry] = body["events"]
    assert entry["slug"] == event.slug
    assert entry["roles"] == ["participant"]
    assert entry["registration"]["status"] == "confirmed"
    assert entry["registration"]["skills"] == ["gis"]
    assert entry["registration"]["consent"]["data_version"]


def test_event_json(client, event):
    body = client.get(f"/api/v1/events/{event.slug}").get_json()
    assert body["name"] == "Test Hack"
    assert body["timezone"] == "Europe/Berlin"
    assert body["days"] == [d.date.isoformat() for d in db.session.get(Event, event.id).days]
    assert body["phases"]["registration"] == "open"
    assert body["phases"]["checkin"] == "upcoming"
    assert client.get("/api/v1/events/nope").get_json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/nothing-here").status_code == 404
    assert client.get("/api/v1/nothing-here").get_json()["error"]["code"] == "not_found"


def test_cookie_sessions_need_the_csrf_header_for_api_writes(client, make):
    user = make.user()
    make.login(client, user)
    assert client.get("/api/v1/me").status_code == 200  # reads are fine
    response = client.delete("/api/v1/tokens/current")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "csrf"
    token = make.csrf(client, "/account")
    response = client.delete("/api/v1/tokens/current", headers={"X-CSRFToken": token})
    assert response.status_code == 401  # a cookie session has no token to revoke: a clear refusal


def test_forged_bearer_tokens(client):
    for header in ("Bearer hk_forged", "Bearer ", "Basic abc", "Bearer " + "x" * 5000):
        response = client.get("/api/v1/me", headers={"Authorization": header})
        assert response.status_code == 401


def test_register_and_cancel_through_the_api(client, make, mailbox):
    event = make.event(capacity=1)
    first, second = make.user(), make.user()
    headers_first, headers_second = bearer(make.token(first)), bearer(make.token(second))
    url = f"/api/v1/events/{event.slug}/registration"
    ok = client.post(url, json={"consent_data": True, "country": "IT", "skills": ["GIS"]}, headers=headers_first)
    assert ok.status_code == 201 and ok.get_json()["status"] == "confirmed"
    assert ok.get_json()["skills"] == ["gis"]
    waiting = client.post(url, json={"consent_data": True}, headers=headers_second)
    assert waiting.get_json()["status"] == "waitlisted"
    again = client.post(url, json={"consent_data": True}, headers=headers_first)
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_registered"
    for bad in ({"consent_data": "yes"}, {"consent_data": True, "extra": 1}, {"consent_data": True, "skills": "x"},
                {"consent_data": False}, {}):
        response = client.post(url, json=bad, headers=bearer(make.token(make.user())))
        assert response.status_code == 422, bad
    cancelled = client.delete(url, headers=headers_first)
    assert cancelled.get_json()["status"] == "cancelled"
    assert client.get("/api/v1/me", headers=headers_second).get_json()["events"][0]["registration"]["status"] == \
        "confirmed"
    assert client.delete(url, headers=headers_first).status_code == 409


def test_an_unconfirmed_address_gets_no_token(client, make):
    from hackathon.accounts import services
    from hackathon.transactions import unit_of_work

    with unit_of_work():
        services.create_user("new@example.org", "New Person", "a long enough secret", verified=False)
    response = client.post("/api/v1/tokens", json={"email": "new@example.org", "password": "a long enough secret"})
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "email_unverified"
