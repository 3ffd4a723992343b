"""The console writes the audit log for every organiser action (and not for refused ones); the log page."""

from __future__ import annotations

import csv
import io

from hackathon.audit import services
from hackathon.transactions import unit_of_work
from tests.support.audit_log import entries
from tests.support.queries import count_queries


def as_organiser(client, make, event):
    make.login(client, make.organiser_of(event))
    return make.csrf(client, f"/events/{event.slug}/console/people")


def test_roles_and_invitations_are_logged(client, make, event):
    mentor = make.user(name="Mia Mentor", email="mia@example.org")
    token = as_organiser(client, make, event)
    people = f"/events/{event.slug}/console/people"
    client.post(people, data={"grant-csrf_token": token, "grant-email": "mia@example.org", "grant-role": "mentor"})
    (granted,) = entries("role.granted")
    assert granted.target == f"user:{mentor.id}" and granted.details == {"role": "mentor"}
    assert "Mia Mentor" in granted.summary and granted.actor_name == "Olga Organiser"

    client.post(f"{people.rsplit('/', 1)[0]}/people/{mentor.id}/mentor/revoke", data={"csrf_token": token})
    assert [e.target for e in entries("role.revoked")] == [f"user:{mentor.id}"]

    client.post(people, data={"invite-csrf_token": token, "invite-role": "jury", "invite-email": "judge@example.org",
                              "invite-max_uses": "1"})
    (created,) = entries("invitation.created")
    assert created.details == {"role": "jury", "max_uses": 1, "addressed": True}
    assert "judge@example.org" not in created.summary + str(created.details)
    invitation_id = int(created.target.split(":")[1])
    client.post(f"/events/{event.slug}/console/invitations/{invitation_id}/revoke", data={"csrf_token": token})
    assert [e.target for e in entries("invitation.revoked")] == [f"invitation:{invitation_id}"]


def test_refused_actions_write_nothing(client, make, event):
    organiser = make.organiser_of(event)
    token = as_organiser(client, make, event)
    before = len(entries())
    client.post(f"/events/{event.slug}/console/people/{organiser.id}/organiser/revoke", data={"csrf_token": token})
    client.post(f"/events/{event.slug}/console/people",
                data={"invite-csrf_token": token, "invite-role": "jury", "invite-max_uses": "0"})
    client.post(f"/events/{event.slug}/console/people",
                data={"grant-csrf_token": token, "grant-email": "ghost@example.org", "grant-role": "jury"})
    client.post(f"/events/{event.slug}/console/invitations/999999/revoke", data={"csrf_token": token})
    client.post(f"/events/{event.slug}/console/registrations/999999/cancel", data={"csrf_token": token})
    participant, registration = make.participant(event)
    client.post(f"/events/{event.slug}/console/registrations/{registration.id}/cancel", data={})  # no CSRF
    make.login(client, participant)  # not an organiser
    client.post(f"/events/{event.slug}/console/registrations/{registration.id}/cancel", data={"csrf_token": token})
    assert len(entries()) == before


def test_cancel_and_settings_are_logged(client, make):
    event = make.event(capacity=1)
    seated, registration = make.participant(event, name="Sam Seated")
    waiting, _waiting_reg = make.participant(event)
    token = as_organiser(client, make, event)
    client.post(f"/events/{event.slug}/console/registrations/{registration.id}/cancel", data={"csrf_token": token})
    (cancelled,) = entries("registration.cancelled")
    assert cancelled.target == f"user:{seated.id}" and cancelled.details["promoted"] == [waiting.id]
    assert "Sam Seated" in cancelled.summary
    client.post(f"/events/{event.slug}/console/registrations/{registration.id}/cancel", data={"csrf_token": token})
    assert len(entries("registration.cancelled")) == 1  # the second click is refused and not logged

    data = {"csrf_token": token, "name": "Test Hack", "tagline": "", "venue": "Hall 1", "capacity": "3",
            "registration_open": "y", "team_min_size": "2", "team_max_size": "5", "team_formation_closes_at": "",
            "language": "en"}
    assert client.post(f"/events/{event.slug}/console/settings", data=data).status_code == 302
    (changed,) = entries("settings.changed")
    assert changed.details == {"changes": {"capacity": [1, 3]}}
    for bad in ({"team_min_size": "6"}, {"capacity": "0"}, {"capacity": "abc"}):
        client.post(f"/events/{event.slug}/console/settings", data={**data, **bad})
    client.post(f"/events/{event.slug}/console/settings", data=data)  # nothing changed: nothing to log
    assert len(entries("settings.changed")) == 1


def test_log_page_is_for_organisers_searchable_and_exports(client, make, event):
    url = f"/events/{event.slug}/console/audit/"
    assert client.get(url).status_code == 302
    participant, _registration = make.participant(event)
    make.login(client, participant)
    assert client.get(url).status_code == 403
    assert client.get(url + "audit.csv").status_code == 403
    make.login(client, make.staff(event, "mentor"))
    assert client.get(url).status_code == 403
    organiser = make.organiser_of(event)
    with unit_of_work():
        services.record(event, organiser, "role.granted", "user:5", "Mia Mentor is now mentor.", role="mentor")
        services.record(event, organiser, "registration.cancelled", "user:6", "Registration of Bo cancelled.")
    make.login(client, organiser)
    page = client.get(url).get_data(as_text=True)
    assert "Mia Mentor is now mentor." in page and "Registration of Bo cancelled." in page
    assert 'href="/events/test-hack/console/audit/"' in page  # the console menu links it
    page = client.get(url + "?q=mia").get_data(as_text=True)
    assert "Mia Mentor" in page and "Bo cancelled" not in page
    page = client.get(url + "?action=registration.cancelled").get_data(as_text=True)
    assert "Bo cancelled" in page and "Mia Mentor is now" not in page
    page = client.get(url + f"?actor={organiser.id + 1000}").get_data(as_text=True)
    assert "Nothing has been logged" in page
    assert client.get(url + "?page=abc&actor=x&action=%FF").status_code == 200
    assert client.get(url + "?action=%00").status_code == 400  # a NUL is refused everywhere (docs/security.md)
    response = client.get(url + "audit.csv?q=mia")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == services.CSV_COLUMNS and len(rows) == 2 and rows[1][4] == "role.granted"


def test_log_page_queries_do_not_grow_with_rows(client, make, event):
    organiser = make.organiser_of(event)
    make.login(client, organiser)

    def add(n: int) -> None:
        with unit_of_work():
            for i in range(n):
                services.record(event, organiser, "role.granted", f"user:{i}", f"Person {i} is now mentor.")


    add(1)
    few = count_queries(client, f"/events/{event.slug}/console/audit/")
    add(30)
    assert count_queries(client, f"/events/{event.slug}/console/audit/") == few
