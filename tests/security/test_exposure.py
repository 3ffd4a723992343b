"""Data shown only to those it is for: the teams list, team rooms, mentors' notes, the check-in nonce store."""

from __future__ import annotations

from hackathon import realtime
from hackathon.extensions import socketio
from hackathon.transactions import unit_of_work


def announce(team) -> None:
    realtime.publish("programme:announcement", realtime.envelope(team.event_id, {"text": "Team meeting at the stage"}),
                     realtime.team_room(team.id))


def heard(sock) -> list:
    return [m for m in sock.get_received() if m["name"] == "programme:announcement"]


def test_the_teams_list_is_for_people_at_the_event(client, make, event):
    member, _ = make.participant(event, name="Ana Member")
    make.team_of(event, [member])
    outsider = make.user()  # signed up, no role at this event
    refused = client.get(f"/api/v1/events/{event.slug}/teams",
                         headers={"Authorization": f"Bearer {make.token(outsider)}"})
    assert refused.status_code == 403 and "Ana Member" not in refused.get_data(as_text=True)
    allowed = client.get(f"/api/v1/events/{event.slug}/teams",
                         headers={"Authorization": f"Bearer {make.token(member)}"})
    assert allowed.status_code == 200 and "Ana Member" in allowed.get_data(as_text=True)


def test_a_cancelled_participant_hears_no_more_team_announcements(app, make, event):
    ana, _registration = make.participant(event)
    ben, _ = make.participant(event)
    team = make.team_of(event, [ana, ben])
    ana_sock = socketio.test_client(app, flask_test_client=make.login(app.test_client(), ana))
    ben_sock = socketio.test_client(app, flask_test_client=make.login(app.test_client(), ben))
    client = make.login(app.test_client(), ana)
    response = client.delete(f"/api/v1/events/{event.slug}/registration",
                             headers={"X-CSRFToken": make.csrf(client, f"/events/{event.slug}")})
    assert response.status_code == 200
    for sock in (ana_sock, ben_sock):
        sock.get_received()
    announce(team)
    assert heard(ben_sock) and heard(ana_sock) == []
    # and a socket opened after the cancellation never joins the team's room
    late = socketio.test_client(app, flask_test_client=make.login(app.test_client(), ana))
    announce(team)
    assert heard(late) == []


def test_a_teams_note_for_its_mentor_reaches_only_the_team_the_mentor_and_organisers(app, make, event):
    import datetime as dt

    from hackathon.mentoring import grid, slots
    from hackathon.transactions import unit_of_work

    mentor = make.staff(event, "mentor")
    ana, _ = make.participant(event)
    make.team_of(event, [ana])
    other, _ = make.participant(event)
    make.team_of(event, [other])
    with unit_of_work():
        session = grid.create_session(event, day=event.days[0].date, start=dt.time(10), end=dt.time(11),
                                      slot_minutes=30, location="Corner")
        session_id = session.id
    slot = next(s for s in grid.load_slots(event.id) if s.session_id == session_id)
    with unit_of_work():
        slots.claim(grid.get_slot(slot.id), mentor, {"mentor"})
    socks = {who: socketio.test_client(app, flask_test_client=make.login(app.test_client(), person))
             for who, person in (("mentor", mentor), ("other", other), ("organiser", make.organiser_of(event)))}
    ana_sock = socketio.test_client(app, flask_test_client=make.login(app.test_client(), ana))
    ack = ana_sock.emit("mentoring:book", {"slot_id": slot.id, "note": "Our funding gap is 40k"}, callback=True)
    assert ack["ok"]
    first = {who: next(m["args"][0]["note"] for m in sock.get_received() if m["name"] == "mentoring:slot")
             for who, sock in socks.items()}
    assert first == {"mentor": "Our funding gap is 40k", "other": "", "organiser": "Our funding gap is 40k"}
    listing = app.test_client().get(f"/api/v1/events/{event.slug}/mentoring/slots",
                                    headers={"Authorization": f"Bearer {make.token(other)}"}).get_json()
    assert "40k" not in str(listing)


def test_the_checkin_nonce_store_keeps_no_personal_data(app, client, make, event):
    from datetime import UTC, datetime, time
    from zoneinfo import ZoneInfo

    from sqlalchemy import text

    from hackathon.checkin.badges import ensure_badge
    from hackathon.clock import clock
    from hackathon.extensions import db
    from hackathon.privacy.erasure import erase_account

    person, registration = make.participant(event, name="Dana Diet", dietary="no nuts, coeliac",
                                            accessibility="wheelchair")
    with unit_of_work():
        code = ensure_badge(registration).code
    # Noon of the event's first day in its own zone (counting from the machine's UTC date fails near midnight).
    clock.frozen = datetime.combine(event.days[0].date, time(12), tzinfo=ZoneInfo(event.timezone)).astimezone(UTC)
    headers = {"Authorization": f"Bearer {make.token(make.organiser_of(event))}"}
    first = client.post("/api/v1/checkins", json={"code": code, "nonce": "door-1-0001"}, headers=headers)
    assert first.status_code == 201 and first.get_json()["participant"]["dietary"] == "no nuts, coeliac"
    stored = db.session.execute(text("SELECT * FROM checkin_scan_answers")).mappings().all()
    assert len(stored) == 1 and "coeliac" not in str(dict(stored[0])) and "Dana" not in str(dict(stored[0]))
    again = client.post("/api/v1/checkins", json={"code": code, "nonce": "door-1-0001"}, headers=headers)
    assert again.status_code == 201 and again.get_json() == first.get_json()  # a retry gets the first answer
    with unit_of_work():
        erase_account(person)
    erased = client.post("/api/v1/checkins", json={"code": code, "nonce": "door-1-0001"}, headers=headers)
    assert "coeliac" not in erased.get_data(as_text=True) and "Dana" not in erased.get_data(as_text=True)
