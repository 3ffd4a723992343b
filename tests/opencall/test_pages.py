"""The open call's pages through the test client: set-up, applying, the list, reviewing, deciding, the mail."""

from __future__ import annotations

from sqlalchemy import func, select

from hackathon.commands import Actor
from hackathon.events import registration as reg
from hackathon.extensions import db
from hackathon.opencall import commands
from hackathon.opencall.models import Application, ApplicationQuestion
from hackathon.opencall.questions import QuestionFields
from tests.support.smtp import body


def _organiser_client(app, make, event):
    client = make.login(app.test_client(), make.organiser_of(event))
    return client, make.csrf(client, f"/events/{event.slug}/console/open-call/")


def _setup(make, event) -> list[int]:
    organiser = Actor(make.organiser_of(event))
    commands.set_mode(organiser, event=event, mode="open_call")
    return [commands.add_question(organiser, event=event, fields=QuestionFields(kind=kind, label=label)
                                  ).value["question_id"]
            for kind, label in (("long_text", "Why you?"), ("country", "Where from?"),
                                ("organisation_type", "Who are you?"))]


def test_the_organiser_switches_to_open_call_from_the_settings_and_adds_a_question(app, make, event):
    client, token = _organiser_client(app, make, event)
    settings = client.get(f"/events/{event.slug}/console/settings").get_data(as_text=True)
    assert 'id="admission"' in settings
    response = client.post(f"/events/{event.slug}/console/open-call/mode",
                           data={"admission-csrf_token": token, "admission-mode": "open_call"}, follow_redirects=True)
    assert "Add your questions below" in response.get_data(as_text=True)
    response = client.post(f"/events/{event.slug}/console/open-call/questions",
                           data={"csrf_token": token, "label": "Your project idea?", "kind": "long_text",
                                 "required": "y"}, follow_redirects=True)
    assert "Your project idea?" in response.get_data(as_text=True)


def test_a_bad_question_gets_a_clear_message_and_saves_nothing(app, make, event):
    client, token = _organiser_client(app, make, event)
    response = client.post(f"/events/{event.slug}/console/open-call/questions",
                           data={"csrf_token": token, "label": "Pick", "kind": "choice", "choices": "only one"})
    assert response.status_code == 422
    assert "2 to 20 different options" in response.get_data(as_text=True)
    response = client.post(f"/events/{event.slug}/console/open-call/questions",
                           data={"csrf_token": token, "label": "Pick", "kind": "nonsense"})
    assert response.status_code == 422
    assert db.session.scalar(select(func.count()).select_from(ApplicationQuestion)) == 0


def test_registering_leads_to_the_application_form_and_applying_shows_on_the_event_page(app, make, event):
    ids = _setup(make, event)
    person = make.user(name="Ada Applicant")
    client = make.login(app.test_client(), person)
    assert client.get(f"/events/{event.slug}/register").headers["Location"].endswith(f"/events/{event.slug}/apply")
    page = client.get(f"/events/{event.slug}").get_data(as_text=True)
    assert "Apply now" in page and "Register now" not in page
    token = make.csrf(client, f"/events/{event.slug}/apply")
    bad = client.post(f"/events/{event.slug}/apply", data={"csrf_token": token, f"q-{ids[0]}": "Because",
                                                            f"q-{ids[1]}": "DE", "consent_data": "y"})
    assert bad.status_code == 422 and "Please answer: Who are you?" in bad.get_data(as_text=True)
    assert "Because" in bad.get_data(as_text=True)  # what was typed stays
    assert db.session.scalar(select(func.count()).select_from(Application)) == 0
    client.post(f"/events/{event.slug}/apply", data={"csrf_token": token, f"q-{ids[0]}": "Because",
                                                      f"q-{ids[1]}": "DE", f"q-{ids[2]}": "maker",
                                                      "consent_data": "y"})
    page = client.get(f"/events/{event.slug}").get_data(as_text=True)
    assert "Your application is in" in page


def test_the_api_refuses_self_registration_in_an_open_call(app, make, event):
    _setup(make, event)
    person = make.user()
    response = app.test_client().post(f"/api/v1/events/{event.slug}/registration", json={"consent_data": True},
                                      headers={"Authorization": f"Bearer {make.token(person)}"})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "open_call"


def _applicant(make, event, ids, name, country="DE", kind="maker"):
    person = make.user(name=name)
    outcome = commands.apply(Actor(person), event=event, consent_data=True,
                             answers={str(ids[0]): "Because", str(ids[1]): country, str(ids[2]): kind})
    return person, outcome.value["application_id"]


def test_the_list_filters_and_a_decision_mails_the_applicant(app, make, event, mailbox):
    ids = _setup(make, event)
    ada, ada_id = _applicant(make, event, ids, "Ada", "DE", "maker")
    _ben, _ben_id = _applicant(make, event, ids, "Ben", "FR", "student")
    client, token = _organiser_client(app, make, event)
    page = client.get(f"/events/{event.slug}/console/open-call/applications?country=FR").get_data(as_text=True)
    assert "Ben" in page and "Ada" not in page
    page = client.get(f"/events/{event.slug}/console/open-call/applications?organisation_type=maker"
                      ).get_data(as_text=True)
    assert "Ada" in page and "Ben" not in page
    client.post(f"/events/{event.slug}/console/open-call/applications/{ada_id}/review",
                data={"csrf_token": token, "score": "4", "notes": "Good fit"})
    detail = client.get(f"/events/{event.slug}/console/open-call/applications/{ada_id}").get_data(as_text=True)
    assert "Good fit" in detail and "average 4.0" in detail
    version = db.session.get(Application, ada_id).version
    client.post(f"/events/{event.slug}/console/open-call/applications/{ada_id}/decide",
                data={"csrf_token": token, "decision": "accepted", "version": str(version)})
    assert reg.registration_of(event, ada).status == "confirmed"
    [mail] = [m for m in mailbox if m["To"] == ada.email]
    assert "accepted" in mail["Subject"] and "confirmed place" in body(mail)
    stale = client.post(f"/events/{event.slug}/console/open-call/applications/{ada_id}/decide",
                        data={"csrf_token": token, "decision": "declined", "version": str(version)},
                        follow_redirects=True)
    assert "in the meantime" in stale.get_data(as_text=True)
    assert db.session.get(Application, ada_id).status == "accepted"


def test_bulk_decisions_from_the_list(app, make, event, mailbox):
    ids = _setup(make, event)
    people = [_applicant(make, event, ids, name) for name in ("Ann", "Bo")]
    client, token = _organiser_client(app, make, event)
    picks = [f"{i}:{db.session.get(Application, i).version}" for _p, i in people]
    response = client.post(f"/events/{event.slug}/console/open-call/applications/decide",
                           data={"csrf_token": token, "pick": picks, "decision": "waitlisted"}, follow_redirects=True)
    assert "2 applications decided" in response.get_data(as_text=True)
    assert {m["To"] for m in mailbox} >= {p.email for p, _i in people}
    bad = client.post(f"/events/{event.slug}/console/open-call/applications/decide",
                      data={"csrf_token": token, "pick": ["x:y"], "decision": "accepted"}, follow_redirects=True)
    assert "not valid" in bad.get_data(as_text=True)


def test_an_accepted_applicant_sees_they_are_in(app, make, event):
    ids = _setup(make, event)
    person, application_id = _applicant(make, event, ids, "Cleo")
    commands.decide(Actor(make.organiser_of(event)), event=event, application_id=application_id, decision="accepted")
    page = make.login(app.test_client(), person).get(f"/events/{event.slug}").get_data(as_text=True)
    assert "Registered" in page


def test_quotas_and_question_edits_through_the_pages(app, make, event):
    ids = _setup(make, event)
    client, _token = _organiser_client(app, make, event)
    page = client.get(f"/events/{event.slug}/console/open-call/").get_data(as_text=True)
    country_token = page.split('name="country-csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(f"/events/{event.slug}/console/open-call/quotas",
                           data={"country-csrf_token": country_token, "country-dimension": "country",
                                 "country-value": "DE", "country-maximum": "-1"})
    assert response.status_code == 422  # a negative quota: said, nothing saved
    response = client.post(f"/events/{event.slug}/console/open-call/quotas",
                           data={"country-csrf_token": country_token, "country-dimension": "country",
                                 "country-value": "DE", "country-maximum": "2"}, follow_redirects=True)
    assert "Germany: <strong>0 / 2</strong>" in response.get_data(as_text=True)
    edit = f"/events/{event.slug}/console/open-call/questions/{ids[0]}"
    assert "Why you?" in client.get(edit).get_data(as_text=True)
    token = make.csrf(client, edit)
    bad = client.post(edit, data={"csrf_token": token, "label": "", "kind": "long_text"})
    assert bad.status_code == 422
    client.post(edit, data={"csrf_token": token, "label": "Why you, in a few lines?", "kind": "long_text",
                            "version": "1"})
    assert db.session.get(ApplicationQuestion, ids[0]).label == "Why you, in a few lines?"
    stale = client.post(edit, data={"csrf_token": token, "label": "Again", "kind": "long_text", "version": "1"})
    assert stale.status_code == 422 and "in the meantime" in stale.get_data(as_text=True)
    client.post(f"/events/{event.slug}/console/open-call/questions/{ids[2]}/remove", data={"csrf_token": token})
    assert db.session.get(ApplicationQuestion, ids[2]) is None
    assert client.post(f"/events/{event.slug}/console/open-call/questions/999999/remove",
                       data={"csrf_token": token}).status_code == 404
