"""Event pages through the test client: the event page, registering, editing, cancelling, emails."""

from __future__ import annotations

from hackathon.events.models import Registration
from hackathon.extensions import db
from tests.support.smtp import body


def form(token, **fields):
    data = {"csrf_token": token, "country": "DE", "skills": "python, UX design", "interests": ["circular economy"],
            "languages": ["en", "de"], "consent_data": "y"}
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def test_home_redirects_to_the_only_event(client, event):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/events/{event.slug}")


def test_event_page_for_visitors(client, event):
    page = client.get(f"/events/{event.slug}").get_data(as_text=True)
    assert event.name in page and "Register now" in page


def test_unknown_event_is_a_404_page(client):
    response = client.get("/events/nope")
    assert response.status_code == 404
    assert "There is no event called nope" in response.get_data(as_text=True)


def test_register_with_consent_and_get_an_email(client, make, event, mailbox):
    user = make.user(email="ana@example.org", name="Ana Popescu")
    make.login(client, user)
    token = make.csrf(client, f"/events/{event.slug}/register")
    response = client.post(f"/events/{event.slug}/register", data=form(token, consent_photos="y"))
    assert response.status_code == 302
    registration = db.session.query(Registration).one()
    assert registration.status == "confirmed"
    assert registration.skills == ["python", "ux design"]
    assert registration.consent_photos is True
    assert [m["To"] for m in mailbox] == ["ana@example.org"]
    assert "You are registered for Test Hack" in mailbox[0]["Subject"]
    assert "/events/test-hack/register" in body(mailbox[0])
    page = client.get(f"/events/{event.slug}").get_data(as_text=True)
    assert "Registered" in page


def test_registration_without_consent_writes_nothing(client, make, event, mailbox):
    make.login(client, make.user())
    token = make.csrf(client, f"/events/{event.slug}/register")
    response = client.post(f"/events/{event.slug}/register", data=form(token, consent_data=None))
    assert response.status_code == 422
    assert "consent" in response.get_data(as_text=True)
    assert db.session.query(Registration).count() == 0
    assert mailbox == []


def test_bad_registration_forms(client, make, event):
    make.login(client, make.user())
    token = make.csrf(client, f"/events/{event.slug}/register")
    for bad in ({"country": "ZZ"}, {"country": ""}, {"interests": ["not-a-choice"]}, {"bio": "x" * 501},
                {"skills": ",".join(f"s{i}" for i in range(20))}, {"dietary": "d" * 201}):
        response = client.post(f"/events/{event.slug}/register", data=form(token, **bad))
        assert response.status_code == 422, bad
    assert db.session.query(Registration).count() == 0


def test_full_event_puts_people_on_the_waitlist_and_promotes_on_cancel(client, make, mailbox):
    event = make.event(capacity=1)
    first, _ = make.participant(event, email="first@example.org")
    second = make.user(email="second@example.org")
    make.login(client, second)
    token = make.csrf(client, f"/events/{event.slug}/register")
    client.post(f"/events/{event.slug}/register", data=form(token))
    assert "waitlist" in mailbox[-1]["Subject"]
    page = client.get(f"/events/{event.slug}").get_data(as_text=True)
    assert "number 1 on the waitlist" in page
    other = make.login(client.application.test_client(), first)
    token = make.csrf(other, f"/events/{event.slug}")
    other.post(f"/events/{event.slug}/registration/cancel", data={"csrf_token": token})
    promoted = [m for m in mailbox if m["To"] == "second@example.org" and "place opened up" in m["Subject"]]
    assert len(promoted) == 1


def test_edit_registration_keeps_consent_and_detects_stale_versions(client, make, event):
    user, registration = make.participant(event)
    make.login(client, user)
    page = client.get(f"/events/{event.slug}/register").get_data(as_text=True)
    assert "You consented" in page
    token = make.csrf(client, f"/events/{event.slug}/register")
    ok = client.post(f"/events/{event.slug}/register",
                     data=form(token, consent_data=None, organisation="Coop Örebro", version=str(registration.version)))
    assert ok.status_code == 302
    stale = client.post(f"/events/{event.slug}/register",
                        data=form(token, consent_data=None, organisation="Other", version="1"))
    assert stale.status_code == 422
    db.session.refresh(registration)
    assert registration.organisation == "Coop Örebro"


def test_double_cancel_is_a_clear_message(client, make, event):
    user, _ = make.participant(event)
    make.login(client, user)
    token = make.csrf(client, f"/events/{event.slug}")
    client.post(f"/events/{event.slug}/registration/cancel", data={"csrf_token": token})
    again = client.post(f"/events/{event.slug}/registration/cancel", data={"csrf_token": token},
                        follow_redirects=True)
    assert "already cancelled" in again.get_data(as_text=True)


def test_registering_needs_login(client, event):
    response = client.get(f"/events/{event.slug}/register")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
