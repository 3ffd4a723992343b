"""Pages, forms, calendars and the JSON API, through Flask's test client."""

from __future__ import annotations

import pytest

from hackathon.mentoring import grid
from hackathon.mentoring.models import MentoringSession, MentorSlot
from hackathon.mentoring.settings import profile_of, settings_of


def logged_in(app, make, user):
    return make.login(app.test_client(), user)


def test_pages_by_role(app, make, kit):
    mentor = kit.mentor()
    _team, (ana,) = kit.team(members=1)
    organiser = make.organiser_of(kit.event)
    outsider = make.user()
    kit.claimed(mentor, kit.grid()[0])
    slug = kit.event.slug
    assert logged_in(app, make, ana).get(f"/events/{slug}/mentoring/").status_code == 200
    assert logged_in(app, make, mentor).get(f"/events/{slug}/mentoring/mentor").status_code == 200
    assert logged_in(app, make, ana).get(f"/events/{slug}/mentoring/mentor").status_code == 403
    assert logged_in(app, make, outsider).get(f"/events/{slug}/mentoring/").status_code == 403
    assert logged_in(app, make, organiser).get(f"/events/{slug}/console/mentoring/").status_code == 200
    assert logged_in(app, make, mentor).get(f"/events/{slug}/console/mentoring/").status_code == 403
    assert app.test_client().get(f"/events/{slug}/mentoring/").status_code == 302  # to the login page
    page = logged_in(app, make, ana).get(f"/events/{slug}/mentoring/").get_data(as_text=True)
    assert 'data-slot-list="available"' in page and "Book" in page


def test_the_form_fallbacks_claim_and_book(app, make, kit):
    mentor = kit.mentor()
    team, (ana,) = kit.team(members=1)
    slot = kit.grid()[0]
    slug = kit.event.slug
    client = logged_in(app, make, mentor)
    token = make.csrf(client, f"/events/{slug}/mentoring/mentor")
    response = client.post(f"/events/{slug}/mentoring/slots/{slot.id}/claim", data={"csrf_token": token})
    assert response.status_code == 302 and grid.get_slot(slot.id).status == "available"
    client = logged_in(app, make, ana)
    token = make.csrf(client, f"/events/{slug}/mentoring/")
    client.post(f"/events/{slug}/mentoring/slots/{slot.id}/book", data={"csrf_token": token, "note": "Hi"})
    assert grid.get_slot(slot.id).team_id == team.id
    # A missing CSRF token, an unknown action or a double submit change nothing.
    before = grid.get_slot(slot.id).version
    client.post(f"/events/{slug}/mentoring/slots/{slot.id}/cancel", data={})
    client.post(f"/events/{slug}/mentoring/slots/{slot.id}/steal", data={"csrf_token": token})
    response = client.post(f"/events/{slug}/mentoring/slots/{slot.id}/book", data={"csrf_token": token},
                           follow_redirects=True)
    assert "Someone else got this slot first." in response.get_data(as_text=True)
    assert grid.get_slot(slot.id).version == before
    assert client.post(f"/events/{slug}/mentoring/slots/99999/book",
                       data={"csrf_token": token}).status_code == 404


def test_help_by_form(app, make, kit):
    _team, (ana,) = kit.team(members=1)
    slug = kit.event.slug
    client = logged_in(app, make, ana)
    token = make.csrf(client, f"/events/{slug}/mentoring/")
    response = client.post(f"/events/{slug}/mentoring/help", data={
        "csrf_token": token, "topic": "Which licence?", "location": "Table 2"}, follow_redirects=True)
    assert "Your request is in the queue" in response.get_data(as_text=True)
    response = client.post(f"/events/{slug}/mentoring/help", data={"csrf_token": token, "topic": "",
                                                                    "location": ""}, follow_redirects=True)
    assert "Please say what you need" in response.get_data(as_text=True)


def test_organiser_lays_out_the_grid(app, make, kit):
    organiser = make.organiser_of(kit.event)
    slug = kit.event.slug
    client = logged_in(app, make, organiser)
    token = make.csrf(client, f"/events/{slug}/console/mentoring/")
    day = kit.event.days[2].date.isoformat()
    response = client.post(f"/events/{slug}/console/mentoring/sessions", data={
        "csrf_token": token, "day": day, "start": "09:30", "end": "11:00", "slot_minutes": "30",
        "location": "Mentoring Corner"}, follow_redirects=True)
    assert "3 open slots" in response.get_data(as_text=True)
    response = client.post(f"/events/{slug}/console/mentoring/sessions", data={
        "csrf_token": token, "day": day, "start": "11:00", "end": "09:00", "slot_minutes": "30",
        "location": "X"}, follow_redirects=True)
    assert "must end after it starts" in response.get_data(as_text=True)
    client.post(f"/events/{slug}/console/mentoring/settings", data={
        "csrf_token": token, "cancel_cutoff_minutes": "15", "max_upcoming_bookings": "1",
        "help_expiry_minutes": "30"})
    assert settings_of(kit.event.id).max_upcoming_bookings == 1
    response = client.post(f"/events/{slug}/console/mentoring/settings", data={
        "csrf_token": token, "cancel_cutoff_minutes": "abc", "max_upcoming_bookings": "0",
        "help_expiry_minutes": "30"}, follow_redirects=True)
    assert "Please check the settings" in response.get_data(as_text=True)
    assert settings_of(kit.event.id).cancel_cutoff_minutes == 15
    from hackathon.extensions import db

    session_id = db.session.scalar(db.select(MentoringSession.id))
    client.post(f"/events/{slug}/console/mentoring/sessions/{session_id}/delete", data={"csrf_token": token})
    assert db.session.scalar(db.select(db.func.count()).select_from(MentorSlot)) == 0


def test_mentor_edits_the_profile(app, make, kit):
    mentor = kit.mentor()
    slug = kit.event.slug
    client = logged_in(app, make, mentor)
    token = make.csrf(client, f"/events/{slug}/mentoring/profile")
    response = client.post(f"/events/{slug}/mentoring/profile", data={
        "csrf_token": token, "expertise": "Legal, GDPR", "bio": "Cooperative lawyer.", "organisation": "Juridik"})
    assert response.status_code == 302
    assert profile_of(kit.event.id, mentor.id).expertise == ["legal", "gdpr"]
    response = client.post(f"/events/{slug}/mentoring/profile", data={
        "csrf_token": token, "expertise": "x", "bio": "b", "version": "99"})
    assert response.status_code == 422 and profile_of(kit.event.id, mentor.id).version == 1


def test_calendars(app, make, kit):
    mentor = kit.mentor()
    _team, (ana,) = kit.team(members=1, name="Green; Coders")
    slot = kit.booked(ana, kit.claimed(mentor, kit.grid()[0]), "Funding, please")
    slug = kit.event.slug
    text = logged_in(app, make, mentor).get(f"/events/{slug}/mentoring/agenda.ics").get_data(as_text=True)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert f"DTSTART:{slot.starts_at:%Y%m%dT%H%M%SZ}" in text
    assert "SUMMARY:Mentoring: Green\\; Coders" in text and "Funding\\, please" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    text = logged_in(app, make, ana).get(f"/events/{slug}/mentoring/team.ics").get_data(as_text=True)
    assert text.count("BEGIN:VEVENT") == 1 and f"UID:mentor-slot-{slot.id}@" in text
    loner, _ = make.participant(kit.event)
    assert logged_in(app, make, loner).get(f"/events/{slug}/mentoring/team.ics").status_code == 404


def test_api_lists_every_slot(app, make, kit):
    mentor = kit.mentor()
    team, (ana,) = kit.team(members=1)
    made = kit.grid()
    kit.booked(ana, kit.claimed(mentor, made[0]))
    kit.claimed(mentor, made[1])
    token = make.token(ana)
    response = app.test_client().get(f"/api/v1/events/{kit.event.slug}/mentoring/slots",
                                     headers={"Authorization": f"Bearer {token}"})
    body = response.get_json()
    assert response.status_code == 200
    assert [s["status"] for s in body["slots"]] == ["booked", "available", "open", "open"]
    assert body["slots"][0]["team"]["id"] == team.id and body["slots"][2]["mentor"] is None
    outsider = make.user()
    response = app.test_client().get(f"/api/v1/events/{kit.event.slug}/mentoring/slots",
                                     headers={"Authorization": f"Bearer {make.token(outsider)}"})
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    assert app.test_client().get(f"/api/v1/events/{kit.event.slug}/mentoring/slots").status_code == 401
    response = app.test_client().get(f"/api/v1/events/{kit.event.slug}/mentoring/stats",
                                     headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/api/v1/events/nope/mentoring/slots", "/api/v1/events/nope/mentoring/help"])
def test_api_unknown_event(app, make, kit, path):
    token = make.token(kit.mentor())
    response = app.test_client().get(path, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_help_actions_through_the_page_forms(app, make, kit):
    """Claim, resolve, rate and cancel by the forms (the form fallback once read a rating off every form: 500)."""
    from hackathon.mentoring import helpqueue
    from hackathon.transactions import unit_of_work

    mentor = kit.mentor()
    _team, (ana,) = kit.team(members=1)
    with unit_of_work():
        request_id = helpqueue.post_request(kit.event.id, ana, topic="Deploying", location="Table 4").id
    slug = kit.event.slug
    as_mentor, as_ana = logged_in(app, make, mentor), logged_in(app, make, ana)
    steps = ((as_mentor, "claim", {}), (as_mentor, "resolve", {}), (as_ana, "rate", {"rating": "5"}))
    for client, action, data in steps:
        token = make.csrf(client, f"/events/{slug}/mentoring/")
        response = client.post(f"/events/{slug}/mentoring/help/{request_id}/{action}",
                               data={"csrf_token": token, **data})
        assert response.status_code == 302, (action, response.status_code)
    done = helpqueue.get_request(request_id)
    assert done.status == "resolved" and done.rating == 5
    with unit_of_work():
        second = helpqueue.post_request(kit.event.id, ana, topic="Testing", location="Table 4").id
    token = make.csrf(as_ana, f"/events/{slug}/mentoring/")
    assert as_ana.post(f"/events/{slug}/mentoring/help/{second}/cancel", data={"csrf_token": token}).status_code == 302
    assert helpqueue.get_request(second).status == "cancelled"
