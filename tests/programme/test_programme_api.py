"""Programme JSON API and socket commands: reading, sending, pinning, rooms, and refusals of bad input."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hackathon.clock import clock
from hackathon.extensions import db, socketio
from hackathon.programme.models import Announcement
from tests.programme.conftest import DAYS, at, make_team


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Announcement))


_tokens: dict[int, str] = {}


def bearer(make, user) -> dict:
    """A bearer header for the user, issued directly (the token endpoint is rate limited)."""
    from hackathon.accounts.tokens import issue_token
    from hackathon.transactions import unit_of_work

    if user.id not in _tokens:
        with unit_of_work():
            _tokens[user.id] = issue_token(user, "test", days=1)[1]
    return {"Authorization": f"Bearer {_tokens[user.id]}"}


def test_programme_json_with_now_and_next(client, kit):
    opening = kit.item(0, "09:30", "10:15", title="Opening", place="Main Hall")
    lunch = kit.item(0, "12:30", "13:30", title="Lunch", kind="meal")
    clock.frozen = at(DAYS[0], "10:00")
    body = client.get(f"/api/v1/events/{kit.event.slug}/programme").get_json()
    assert body["timezone"] == "Europe/Berlin" and body["state"] == "during"
    assert body["now"] == [opening.id] and body["next"] == [lunch.id]
    first = body["items"][0]
    assert first == {"id": opening.id, "title": "Opening", "kind": "plenary", "day": "2030-09-22",
                     "starts_at": "2030-09-22T09:30:00+02:00", "ends_at": "2030-09-22T10:15:00+02:00",
                     "place": "Main Hall", "description": "", "version": 1}
    assert client.get("/api/v1/events/nope/programme").status_code == 404


def test_send_read_and_pin_through_the_api(app, make, kit):
    _tokens.clear()
    event, slug = kit.event, kit.event.slug
    organiser, mentor = make.organiser_of(event), make.staff(event, "mentor")
    participant, _registration = make.participant(event)
    api = app.test_client()
    url = f"/api/v1/events/{slug}/announcements"
    assert api.post(url, json={"text": "Hi", "audience": {"kind": "event"}}).status_code == 401
    response = api.post(url, json={"text": "Mentors: coffee", "audience": {"kind": "role", "value": "mentor"}},
                        headers=bearer(make, organiser))
    assert response.status_code == 201, response.get_json()
    sent = response.get_json()
    assert sent["audience"] == {"kind": "role", "value": "mentor"} and sent["version"] == 1
    assert sent["sender"]["id"] == organiser.id and sent["pinned"] is False
    for bad, status in (({"text": "Hi"}, 422), ({"text": 5, "audience": {"kind": "event"}}, 422),
                        ({"text": "Hi", "audience": {"kind": "crowd"}}, 422),
                        ({"text": "Hi", "audience": {"kind": "team", "value": 424242}}, 422),
                        ({"text": "x" * 501, "audience": {"kind": "event"}}, 422),
                        ({"text": "Hi", "audience": {"kind": "event"}, "extra": 1}, 422)):
        response = api.post(url, json=bad, headers=bearer(make, organiser))
        assert response.status_code == status and "code" in response.get_json()["error"], bad
    assert api.post(url, data="nope", headers=bearer(make, organiser)).status_code == 400
    response = api.post(url, json={"text": "Hi", "audience": {"kind": "event"}}, headers=bearer(make, mentor))
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    assert count() == 1
    # Reading: the mentor sees it, the participant does not, a stranger may not read.
    listed = api.get(url, headers=bearer(make, mentor)).get_json()["announcements"]
    assert [a["text"] for a in listed] == ["Mentors: coffee"]
    assert api.get(url, headers=bearer(make, participant)).get_json()["announcements"] == []
    assert api.get(url, headers=bearer(make, make.user())).status_code == 403
    # Pinning: organisers only; the same state twice is no new version.
    pin = f"/api/v1/announcements/{sent['id']}/pin"
    assert api.post(pin, json={"pinned": True}, headers=bearer(make, mentor)).status_code == 403
    response = api.post(pin, json={"pinned": True}, headers=bearer(make, organiser))
    assert response.status_code == 200 and response.get_json()["pinned"] is True
    assert response.get_json()["version"] == 2 and response.get_json()["changed"] is True
    again = api.post(pin, json={"pinned": True}, headers=bearer(make, organiser)).get_json()
    assert again["version"] == 2 and again["changed"] is False
    for bad in ({"pinned": "yes"}, {"pinned": 1}, {}, {"pinned": True, "x": 1}):
        assert api.post(pin, json=bad, headers=bearer(make, organiser)).status_code == 422
    assert api.post("/api/v1/announcements/99999/pin", json={"pinned": True},
                    headers=bearer(make, organiser)).status_code == 404


def sockets_for(app, make, *users):
    found = []
    for user in users:
        client = app.test_client()
        make.login(client, user)
        sock = socketio.test_client(app, flask_test_client=client)
        assert sock.is_connected()
        sock.get_received()
        found.append(sock)
    return found


def heard(sock) -> list[dict]:
    return [m["args"][0] for m in sock.get_received() if m["name"] == "programme:announcement"]


def test_announcement_to_mentors_reaches_mentors_only(app, make, kit):
    event = kit.event
    organiser, mentor = make.organiser_of(event), make.staff(event, "mentor")
    participant, _registration = make.participant(event)
    team, founder = make_team(make, event)
    boss, mentor_sock, participant_sock, founder_sock = sockets_for(app, make, organiser, mentor, participant,
                                                                   founder)

    ack = boss.emit("programme:announce", {"event": event.slug, "text": "Mentors: claim your slots",
                                           "audience": {"kind": "role", "value": "mentor"}}, callback=True)
    assert ack["ok"] is True and ack["announcement"]["audience"] == {"kind": "role", "value": "mentor"}
    assert [a["text"] for a in heard(mentor_sock)] == ["Mentors: claim your slots"]
    assert heard(participant_sock) == [] and heard(founder_sock) == []

    ack = boss.emit("programme:announce", {"event": event.slug, "text": "Fixers: table 4",
                                           "audience": {"kind": "team", "value": team.id}}, callback=True)
    assert ack["ok"], ack
    assert [a["text"] for a in heard(founder_sock)] == ["Fixers: table 4"]
    assert heard(participant_sock) == [] and heard(mentor_sock) == []

    ack = boss.emit("programme:announce", {"event": event.slug, "text": "Lunch!", "audience": {"kind": "event"}},
                    callback=True)
    everyone = ack["announcement"]
    for sock in (mentor_sock, participant_sock, founder_sock):
        (fact,) = heard(sock)
        assert fact == everyone and fact["version"] == 1

    # Pinning re-sends the whole state with a newer version; pinning again is acked without a fact.
    ack = boss.emit("programme:pin", {"announcement_id": everyone["id"], "pinned": True}, callback=True)
    assert ack["ok"] and ack["changed"] and ack["announcement"]["version"] == 2
    (fact,) = heard(participant_sock)
    assert fact["pinned"] is True and fact["version"] == 2
    ack = boss.emit("programme:pin", {"announcement_id": everyone["id"], "pinned": True}, callback=True)
    assert ack["ok"] and ack["changed"] is False and heard(participant_sock) == []


@pytest.mark.parametrize(("name", "payload"), [
    ("programme:announce", None),
    ("programme:announce", []),
    ("programme:announce", {"event": "prog-hack", "text": "Hi"}),
    ("programme:announce", {"event": "prog-hack", "text": 5, "audience": {"kind": "event"}}),
    ("programme:announce", {"event": "prog-hack", "text": "Hi", "audience": {"kind": "crowd"}}),
    ("programme:announce", {"event": "prog-hack", "text": "Hi", "audience": {"kind": "role", "value": 5.0}}),
    ("programme:announce", {"event": "prog-hack", "text": "Hi", "audience": {"kind": "event"}, "x": 1}),
    ("programme:announce", {"event": "prog-hack", "text": "Hi", "audience": "event"}),
    ("programme:pin", {"announcement_id": "1", "pinned": True}),
    ("programme:pin", {"announcement_id": 1.0, "pinned": True}),
    ("programme:pin", {"announcement_id": 1, "pinned": "yes"}),
    ("programme:pin", {"announcement_id": 1}),
    ("programme:pin", {"announcement_id": [1], "pinned": True}),
])
def test_wrong_shaped_payloads_are_refused(app, make, kit, name, payload):
    (boss,) = sockets_for(app, make, make.organiser_of(kit.event))
    ack = boss.emit(name, payload, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "invalid", ack
    assert count() == 0


def test_refusals_by_role_and_meaning(app, make, kit):
    event = kit.event
    organiser, mentor = make.organiser_of(event), make.staff(event, "mentor")
    boss, mentor_sock = sockets_for(app, make, organiser, mentor)
    good = {"event": event.slug, "text": "Hi", "audience": {"kind": "event"}}
    assert mentor_sock.emit("programme:announce", good, callback=True)["error"]["code"] == "forbidden"
    assert boss.emit("programme:announce", {**good, "event": "nope"}, callback=True)["error"]["code"] == "not_found"
    too_long = boss.emit("programme:announce", {**good, "text": "x" * 501}, callback=True)
    assert too_long["error"]["code"] == "too_long"
    unknown = boss.emit("programme:announce", {**good, "audience": {"kind": "team", "value": 4242}}, callback=True)
    assert unknown["error"]["code"] == "unknown_team"
    wizard = boss.emit("programme:announce", {**good, "audience": {"kind": "role", "value": "wizard"}}, callback=True)
    assert wizard["error"]["code"] == "invalid"
    assert count() == 0
    sent = boss.emit("programme:announce", good, callback=True)["announcement"]
    pin = {"announcement_id": sent["id"], "pinned": True}
    assert mentor_sock.emit("programme:pin", pin, callback=True)["error"]["code"] == "forbidden"
    missing = boss.emit("programme:pin", {"announcement_id": 99999, "pinned": True}, callback=True)
    assert missing["error"]["code"] == "not_found"
    # An organiser of another event cannot pin this event's announcement.
    other = make.event(slug="other-hack")
    (other_boss,) = sockets_for(app, make, make.organiser_of(other))
    assert other_boss.emit("programme:pin", pin, callback=True)["error"]["code"] == "forbidden"
    db.session.expire_all()
    assert db.session.get(Announcement, sent["id"]).pinned is False
