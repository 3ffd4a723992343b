"""The organiser console: authorisation, search and filters, counts, CSV, roles, invitations, settings."""

from __future__ import annotations

import csv
import io
import re
from zoneinfo import ZoneInfo

from hackathon.events.models import Event, Registration, Role
from hackathon.events.roles import roles_of
from hackathon.extensions import db
from tests.support.queries import count_queries


def organiser_client(client, make, event):
    return make.login(client, make.organiser_of(event))


def test_only_organisers_enter(client, make, event):
    for path in ("", "/people", "/settings", "/registrations.csv"):
        url = f"/events/{event.slug}/console{path or '/'}"
        assert client.get(url).status_code == 302  # to the login page
        participant, _ = make.participant(event)
        make.login(client, participant)
        assert client.get(url).status_code == 403
        mentor = make.staff(event, "mentor")
        make.login(client, mentor)
        assert client.get(url).status_code == 403
        client.get("/")
        with client.session_transaction() as session:
            session.clear()


def test_search_filters_and_counts(client, make, event):
    make.participant(event, name="Åsa Lindqvist", email="asa@coop.se", organisation="Coompanion", skills=["gis"])
    make.participant(event, name="Marco Rossi", email="marco@example.it", skills=["python"])
    organiser_client(client, make, event)
    page = client.get(f"/events/{event.slug}/console/").get_data(as_text=True)
    assert "Åsa Lindqvist" in page and "Marco Rossi" in page
    assert re.search(r'data-count="confirmed">2<', page)
    page = client.get(f"/events/{event.slug}/console/?q=coompanion").get_data(as_text=True)
    assert "Åsa Lindqvist" in page and "Marco Rossi" not in page
    page = client.get(f"/events/{event.slug}/console/?skill=python").get_data(as_text=True)
    assert "Marco Rossi" in page and "Åsa Lindqvist" not in page
    page = client.get(f"/events/{event.slug}/console/?status=waitlisted").get_data(as_text=True)
    assert "Nobody matches" in page
    assert client.get(f"/events/{event.slug}/console/?page=abc&status=%FF").status_code == 200
    assert client.get(f"/events/{event.slug}/console/?status=%00").status_code == 400  # NUL: refused everywhere


def test_console_queries_do_not_grow_with_rows(client, make, event):
    organiser_client(client, make, event)
    url, event_id = f"/events/{event.slug}/console/", event.id
    make.participant(event)
    few = count_queries(client, url)
    event = db.session.get(Event, event_id)  # counting starts each request with a fresh session
    for _ in range(15):
        make.participant(event)
    assert count_queries(client, url) == few


def test_csv_export_escapes_formulas(client, make, event):
    make.participant(event, name="=HYPERLINK(1)", organisation="+Coop", dietary="vegan")
    organiser_client(client, make, event)
    response = client.get(f"/events/{event.slug}/console/registrations.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:4] == ["id", "name", "email", "status"]
    assert rows[1][1] == "'=HYPERLINK(1)"
    assert rows[1][4] == "'+Coop"
    assert rows[1][9] == "vegan"


def test_organiser_cancels_a_registration(client, make, event, mailbox):
    _user, registration = make.participant(event, email="p@example.org")
    organiser_client(client, make, event)
    token = make.csrf(client, f"/events/{event.slug}/console/")
    client.post(f"/events/{event.slug}/console/registrations/{registration.id}/cancel", data={"csrf_token": token})
    db.session.refresh(registration)
    assert registration.status == "cancelled"
    assert any("cancelled" in m["Subject"] for m in mailbox)
    other = make.event(slug="other")
    _, foreign = make.participant(other)
    response = client.post(f"/events/{event.slug}/console/registrations/{foreign.id}/cancel",
                           data={"csrf_token": token}, follow_redirects=True)
    assert "No such registration" in response.get_data(as_text=True)
    db.session.refresh(foreign)
    assert foreign.status == "confirmed"


def test_grant_role_and_invitation_links(client, make, event, mailbox):
    mentor = make.user(email="mentor@example.org")
    organiser_client(client, make, event)
    token = make.csrf(client, f"/events/{event.slug}/console/people")
    client.post(f"/events/{event.slug}/console/people",
                data={"grant-csrf_token": token, "grant-email": "MENTOR@example.org", "grant-role": "mentor"})
    assert roles_of(mentor, event) == {"mentor"}
    missing = client.post(f"/events/{event.slug}/console/people",
                          data={"grant-csrf_token": token, "grant-email": "ghost@example.org", "grant-role": "jury"})
    assert missing.status_code == 422
    page = client.post(f"/events/{event.slug}/console/people",
                       data={"invite-csrf_token": token, "invite-role": "jury", "invite-email": "judge@example.org",
                             "invite-max_uses": "1"}).get_data(as_text=True)
    link = re.search(r"http://localhost(/invitations/[A-Za-z0-9_\-]+)", page).group(1)
    assert mailbox[-1]["To"] == "judge@example.org"
    judge = make.user(email="judge@example.org")
    judge_client = make.login(client.application.test_client(), judge)
    assert "You are invited" in judge_client.get(link).get_data(as_text=True)
    judge_token = make.csrf(judge_client, link)
    judge_client.post(link, data={"csrf_token": judge_token})
    assert roles_of(judge, event) == {"jury"}
    bad = client.post(f"/events/{event.slug}/console/people",
                      data={"invite-csrf_token": token, "invite-role": "jury", "invite-max_uses": "0"})
    assert bad.status_code == 422


def test_settings_raise_capacity_promotes(client, make):
    event = make.event(capacity=1)
    make.participant(event)
    _, waiting = make.participant(event)
    organiser_client(client, make, event)
    token = make.csrf(client, f"/events/{event.slug}/console/settings")
    last_day = event.days[-1].date.isoformat()
    data = {"csrf_token": token, "name": "Test Hack", "tagline": "", "venue": "Hall", "capacity": "2",
            "registration_open": "y", "team_min_size": "2", "team_max_size": "5", "language": "en",
            "team_formation_closes_at": f"{last_day}T16:00"}
    assert client.post(f"/events/{event.slug}/console/settings", data=data).status_code == 302
    db.session.refresh(waiting)
    assert waiting.status == "confirmed"
    db.session.refresh(event)
    assert event.team_formation_closes_at.astimezone(ZoneInfo("Europe/Berlin")).isoformat() == \
        f"{last_day}T16:00:00" + event.team_formation_closes_at.astimezone(ZoneInfo("Europe/Berlin")).isoformat()[19:]
    for bad in ({"capacity": "-1"}, {"capacity": "abc"}, {"team_min_size": "6"}, {"capacity": "0"}):
        response = client.post(f"/events/{event.slug}/console/settings", data={**data, **bad})
        assert response.status_code in (302, 422), bad
        db.session.refresh(event)
        assert event.capacity == 2 and event.team_min_size == 2


def test_revoking_roles(client, make, event):
    mentor = make.staff(event, "mentor")
    organiser = make.organiser_of(event)
    organiser_client(client, make, event)
    token = make.csrf(client, f"/events/{event.slug}/console/people")
    client.post(f"/events/{event.slug}/console/people/{mentor.id}/mentor/revoke", data={"csrf_token": token})
    assert roles_of(mentor, event) == set()
    response = client.post(f"/events/{event.slug}/console/people/{organiser.id}/organiser/revoke",
                           data={"csrf_token": token}, follow_redirects=True)
    assert "at least one organiser" in response.get_data(as_text=True)
    assert db.session.query(Role).filter_by(role="organiser").count() == 1
    assert db.session.query(Registration).count() == 0


def test_pages_keep_the_filters(client, make, event):
    for _ in range(51):
        make.participant(event, skills=["gis"])
    organiser_client(client, make, event)
    first = client.get(f"/events/{event.slug}/console/?skill=gis").get_data(as_text=True)
    assert f'href="/events/{event.slug}/console/?skill=gis&amp;page=2"' in first
    second = client.get(f"/events/{event.slug}/console/?skill=gis&page=2").get_data(as_text=True)
    assert second.count('data-label="Name"') == 1
