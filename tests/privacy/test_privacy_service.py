"""Data rights services: the export is complete and keeps secrets out; erasure leaves no personal data."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from hackathon.accounts.models import ApiToken, User
from hackathon.accounts.services import authenticate
from hackathon.accounts.tokens import user_for_token
from hackathon.errors import Conflict, Invalid
from hackathon.events.models import Invitation, Registration
from hackathon.extensions import db
from hackathon.privacy import erasure, retention
from hackathon.privacy.export import is_secret, personal_data, tables_pointing_at_users
from hackathon.teams.models import Team, TeamMembership
from hackathon.transactions import unit_of_work
from tests.privacy.helpers import mentions, with_team, with_token
from tests.support.factories import PASSWORD


def test_export_holds_registration_team_and_token_without_secrets(make, event):
    user, registration = make.participant(event, name="Åsa Lindqvist", email="asa@coop.se",
                                          organisation="Coompanion", dietary="vegan", skills=["gis"])
    friend = make.user()
    team = with_team(event, user, friend)
    token, raw = with_token(user, "door laptop")

    data = personal_data(user)
    text = json.dumps(data)
    assert data["user"]["email"] == "asa@coop.se" and data["user"]["name"] == "Åsa Lindqvist"
    assert "password_hash" not in data["user"]
    (row,) = data["tables"]["registrations"]
    assert row["id"] == registration.id and row["organisation"] == "Coompanion" and row["dietary"] == "vegan"
    assert row["skills"] == ["gis"] and row["consent_data_version"] == registration.consent_data_version
    assert row["created_at"] == registration.created_at.isoformat()  # ISO 8601
    (membership,) = data["tables"]["team_memberships"]
    assert membership["team_id"] == team.id and membership["user_id"] == user.id
    (exported_token,) = data["tables"]["api_tokens"]
    assert exported_token["id"] == token.id and exported_token["name"] == "door laptop"
    assert "token_hash" not in exported_token
    assert raw not in text and token.token_hash not in text and "secret-invite-code" not in text
    assert user.password_hash not in text
    assert friend.email not in text  # only rows that point at the person


def test_every_table_with_a_key_to_users_is_walked():
    names = {table.name for table, _columns in tables_pointing_at_users()}
    assert {"registrations", "api_tokens", "team_memberships", "roles", "audit_entries"} <= names
    assert "users" not in names
    assert is_secret("token_hash") and is_secret("invite_code") and is_secret("Badge_Code")
    assert not is_secret("name") and not is_secret("email")


def test_erasure_leaves_no_personal_data(make, event):
    make.event(slug="other-hack", capacity=1, organiser=False)
    user, registration = make.participant(event, name="Zebulon Quartermaine", email="zebulon@coop.example",
                                          organisation="Zebulon Coop", bio="I build bikes", dietary="no nuts",
                                          accessibility="ramp", skills=["welding"], interests=["mobility"])
    friend = make.user(name="Friend")
    team = with_team(event, user, friend)
    with_token(user)
    with unit_of_work():
        db.session.add(Invitation(event_id=event.id, role="mentor", email="zebulon@coop.example",
                                  token_hash="x" * 64, expires_at=registration.created_at))
    epoch = user.session_epoch

    with unit_of_work():
        erased = erasure.erase_account(user)

    assert erased.events == [event]
    assert mentions("zebulon") == []
    assert mentions("Quartermaine") == []
    assert mentions("I build bikes") == [] and mentions("no nuts") == [] and mentions("welding") == []
    db.session.expire_all()
    gone = db.session.get(User, user.id)
    assert gone.name == f"Deleted person #{user.id}" and gone.email == f"deleted-{user.id}@invalid"
    assert not gone.active and gone.session_epoch == epoch + 1
    assert authenticate(f"deleted-{user.id}@invalid", PASSWORD) is None
    assert db.session.scalar(select(func.count()).select_from(ApiToken)) == 0
    kept = db.session.get(Registration, registration.id)
    assert kept.status == "cancelled" and kept.organisation == "" and kept.skills == [] and kept.country == ""
    members = db.session.scalars(select(TeamMembership.user_id).where(TeamMembership.team_id == team.id)).all()
    assert sorted(members) == sorted([user.id, friend.id])
    assert db.session.get(Team, team.id).member_count == 2
    with unit_of_work(), pytest.raises(Conflict):
        erasure.erase_account(gone)


def test_erasure_moves_the_waitlist_up(make):
    event = make.event(slug="small-hack", capacity=1)
    seated, _reg = make.participant(event)
    waiting, waiting_reg = make.participant(event)
    assert waiting_reg.status == "waitlisted"
    with unit_of_work():
        erased = erasure.erase_account(seated)
    assert [r.user_id for r in erased.promoted] == [waiting.id]
    db.session.expire_all()
    assert db.session.get(Registration, waiting_reg.id).status == "confirmed"


def test_tokens_stop_working_and_wrong_password_changes_nothing(make, event):
    user, _registration = make.participant(event)
    _token, raw = with_token(user)
    with pytest.raises(Invalid) as refused, unit_of_work():
        erasure.delete_own_account(user, "not my password")
    assert refused.value.code == "wrong_password"
    db.session.expire_all()
    assert db.session.get(User, user.id).active and user_for_token(raw) is not None
    with unit_of_work():
        erasure.delete_own_account(user, PASSWORD)
    assert user_for_token(raw) is None


def test_registered_erasers_run_before_the_row_is_anonymised(app, make, event):
    user = make.user(name="Seen By Eraser")
    email = user.email
    seen = []
    eraser = lambda person: seen.append((person.name, person.email))  # noqa: E731
    erasure.register_eraser(app, eraser)
    erasure.register_eraser(app, eraser)  # idempotent
    with unit_of_work():
        erasure.erase_account(user)
    assert seen == [("Seen By Eraser", email)]


def test_retention_setting_and_refusals(make, event):
    with unit_of_work():
        retention.set_retention(event, 30)
    assert retention.retention_of(event) == 30
    last = max(day.date for day in event.days)
    assert (retention.purge_date(event) - last).days == 31
    for bad in (-1, 10_000):
        with pytest.raises(Invalid), unit_of_work():
            retention.set_retention(event, bad)
    assert retention.retention_of(event) == 30
    with unit_of_work():
        retention.set_retention(event, None)
    assert retention.retention_of(event) is None and retention.purge_date(event) is None


def test_the_only_organiser_cannot_delete_their_account(make, event):
    organiser = make.organiser_of(event)
    with pytest.raises(Conflict) as refused, unit_of_work():
        erasure.delete_own_account(organiser, PASSWORD)
    assert refused.value.code == "last_organiser" and "Test Hack" in refused.value.message
    db.session.expire_all()
    assert db.session.get(User, organiser.id).active
    second = make.staff(event, "organiser")
    with unit_of_work():
        erasure.delete_own_account(organiser, PASSWORD)
    assert not db.session.get(User, organiser.id).active and db.session.get(User, second.id).active
