"""Data rights through the browser's routes and the API: download, delete, notice, retention, purge."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from hackathon.accounts.models import User
from hackathon.audit.models import AuditEntry
from hackathon.clock import clock
from hackathon.events.models import Registration
from hackathon.events.registration import CONSENT_VERSION
from hackathon.extensions import db
from hackathon.privacy import retention
from hackathon.privacy.notice import NOTICE_VERSION
from hackathon.transactions import unit_of_work
from tests.privacy.helpers import mentions, with_team, with_token
from tests.support.factories import PASSWORD, event_today


def test_account_page_links_data_and_shows_consent_versions(client, make, event):
    user, _registration = make.participant(event)
    make.login(client, user)
    page = client.get("/account").get_data(as_text=True)
    assert "/account/data.json" in page and "/account/delete" in page and "/privacy" in page
    assert f"<td data-consent-version>{CONSENT_VERSION}" in page and "Test Hack" in page
    notice = client.get("/privacy")
    assert notice.status_code == 200
    assert NOTICE_VERSION in notice.get_data(as_text=True) and CONSENT_VERSION in notice.get_data(as_text=True)


def test_download_as_page_and_api(client, make, event):
    user, _registration = make.participant(event, organisation="Coompanion")
    with_team(event, user)
    with_token(user)
    assert client.get("/account/data.json").status_code == 302  # to the login page
    assert client.get("/api/v1/me/data").status_code == 401
    make.login(client, user)
    response = client.get("/account/data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert data["tables"]["registrations"][0]["organisation"] == "Coompanion"
    token = make.token(user)
    api = client.application.test_client().get("/api/v1/me/data", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200
    body = api.get_json()
    assert body["user"]["id"] == user.id and len(body["tables"]["api_tokens"]) == 2
    assert len(body["tables"]["team_memberships"]) == 1
    assert token not in api.get_data(as_text=True)


def test_delete_with_wrong_password_or_without_csrf_changes_nothing(client, make, event):
    user, _registration = make.participant(event, name="Keep Me")
    make.login(client, user)
    assert client.post("/account/delete", data={"password": PASSWORD}).status_code == 400  # no CSRF token
    csrf = make.csrf(client, "/account/delete")
    wrong = client.post("/account/delete", data={"csrf_token": csrf, "password": "wrong password"})
    assert wrong.status_code == 422 and "not right" in wrong.get_data(as_text=True)
    empty = client.post("/account/delete", data={"csrf_token": csrf, "password": ""})
    assert empty.status_code == 422
    db.session.expire_all()
    kept = db.session.get(User, user.id)
    assert kept.name == "Keep Me" and kept.active
    assert db.session.scalar(select(Registration.status).where(Registration.user_id == user.id)) == "confirmed"
    assert db.session.scalars(select(AuditEntry)).all() == []
    assert client.get("/account").status_code == 200  # still logged in


def test_delete_account_logs_out_and_promotes_the_waitlist(client, make, mailbox):
    event = make.event(slug="tiny-hack", capacity=1)
    user, _registration = make.participant(event, name="Gone Soon", email="gone@example.org")
    _waiting, waiting_reg = make.participant(event, email="waiting@example.org")
    make.login(client, user)
    csrf = make.csrf(client, "/account/delete")
    response = client.post("/account/delete", data={"csrf_token": csrf, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/account").status_code == 302  # the session ended
    db.session.expire_all()
    assert db.session.get(Registration, waiting_reg.id).status == "confirmed"
    assert any("waiting@example.org" in m["To"] for m in mailbox)
    assert mentions("gone@example.org") == [] and mentions("Gone Soon") == []
    (entry,) = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "account.deleted")).all()
    assert entry.actor_id == user.id and entry.actor_name == f"Deleted person #{user.id}"


def test_retention_page_is_for_organisers(client, make, event):
    url = f"/events/{event.slug}/console/privacy"
    participant, _registration = make.participant(event)
    make.login(client, participant)
    assert client.get(url).status_code == 403
    make.login(client, make.organiser_of(event))
    assert "Data retention" in client.get(url).get_data(as_text=True)
    csrf = make.csrf(client, url)
    assert client.post(url, data={"csrf_token": csrf, "retention_days": "-3"}).status_code == 422
    assert client.post(url, data={"csrf_token": csrf, "retention_days": "abc"}).status_code == 422
    assert retention.retention_of(event) is None
    assert client.post(url, data={"csrf_token": csrf, "retention_days": "90"}).status_code == 302
    assert retention.retention_of(event) == 90
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "privacy.retention_changed"))
    assert entry.details == {"before": None, "after": 90}


def test_purge_command(app, make):
    past = make.event(slug="past-hack")  # tomorrow and the two days after
    recent = make.event(slug="recent-hack", days=[event_today() + timedelta(days=40)])
    gone, _ = make.participant(past, name="Purged Person", email="purged@example.org")
    both, _ = make.participant(past, name="Still Here")
    with unit_of_work():
        from hackathon.events import registration as reg

        reg.register(recent, both, reg.Profile(country="DE"), consent_data=True)
        retention.set_retention(past, 30)
        retention.set_retention(recent, 30)
    organiser = make.organiser_of(past)
    with unit_of_work():
        reg.register(past, organiser, reg.Profile(country="DE"), consent_data=True)
    # Forty days on: the first event's 30 days have passed, the second event's have not even begun.
    clock.frozen = datetime.now(UTC) + timedelta(days=40)
    runner = app.test_cli_runner()

    dry = runner.invoke(args=["privacy", "purge", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"past-hack: Would anonymise 1 participant(s): #{gone.id}" in dry.output
    assert "Kept 1 organiser" in dry.output and "Kept 1 person" in dry.output
    db.session.expire_all()
    assert db.session.get(User, gone.id).name == "Purged Person"

    done = runner.invoke(args=["privacy", "purge"])
    assert done.exit_code == 0, done.output
    assert f"past-hack: Anonymised 1 participant(s): #{gone.id}" in done.output
    db.session.expire_all()
    assert mentions("purged@example.org") == [] and mentions("Purged Person") == []
    assert db.session.get(User, both.id).name == "Still Here"
    assert db.session.get(User, organiser.id).active
    (purged,) = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "privacy.purged")).all()
    assert purged.event_id == past.id and purged.details == {"user_ids": [gone.id]} and purged.actor_id is None
    again = runner.invoke(args=["privacy", "purge"])
    assert "Anonymised 0" in again.output or "nothing to purge" in again.output


def test_deleting_the_account_closes_its_sockets(app, client, make, event):
    from hackathon.extensions import socketio

    user, _registration = make.participant(event)
    make.login(client, user)
    socket = socketio.test_client(app, flask_test_client=client)
    assert socket.is_connected()
    csrf = make.csrf(client, "/account/delete")
    assert client.post("/account/delete", data={"csrf_token": csrf, "password": PASSWORD}).status_code == 302
    assert not socket.is_connected()
