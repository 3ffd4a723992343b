"""Each registration, role and invitation command run without any transport (what pages, the API and the
console all call): success, the main refusal, the audit entry."""

from __future__ import annotations

import pytest

from hackathon.commands import Actor
from hackathon.errors import Conflict, Forbidden, Gone, NotFound
from hackathon.events import commands, registration_commands
from hackathon.events import registration as reg
from hackathon.events.invitations import find_invitation
from hackathon.events.models import Registration
from hackathon.events.roles import roles_of
from hackathon.extensions import db
from tests.support.audit_log import entries, only


def _profile() -> reg.Profile:
    return reg.Profile(country="DE", skills=["Python"])


def test_register_seats_then_waitlists_and_refuses_twice(make):
    event = make.event(slug="small-hack", capacity=1)
    first, second = make.user(), make.user()
    seated = registration_commands.register(Actor(first), event=event, profile=_profile(), consent_data=True)
    assert seated.value["status"] == "confirmed" and seated.value["promoted"] == []
    assert seated.payload("events:registrations", event.id)["counts"]["confirmed"] == 1
    waiting = registration_commands.register(Actor(second), event=event, profile=_profile(), consent_data=True)
    assert waiting.value["status"] == "waitlisted"
    with pytest.raises(Conflict) as refused:
        registration_commands.register(Actor(first), event=event, profile=_profile(), consent_data=True)
    assert refused.value.code == "already_registered"
    assert entries() == []  # registering is the person's own doing: not logged


def test_update_registration_is_ones_own_and_checks_the_version(make, event):
    user, registration = make.participant(event)
    other, _registration = make.participant(event)
    done = registration_commands.update_registration(
        Actor(user), event=event, registration_id=registration.id, profile=reg.Profile(country="FR"),
        expected_version=registration.version)
    assert done.value["registration_id"] == registration.id
    assert db.session.get(Registration, registration.id).country == "FR"
    with pytest.raises(NotFound):
        registration_commands.update_registration(Actor(other), event=event, registration_id=registration.id,
                                                  profile=reg.Profile(country="IT"))
    with pytest.raises(Conflict):
        registration_commands.update_registration(Actor(user), event=event, registration_id=registration.id,
                                                  profile=reg.Profile(country="IT"), expected_version=1)


def test_cancelling_ones_own_registration_moves_the_waitlist_up(make):
    event = make.event(slug="small-hack", capacity=1)
    seated, _registration = make.participant(event)
    _waiting, waiting_registration = make.participant(event)
    done = registration_commands.cancel_own_registration(Actor(seated), event=event)
    assert done.value["status"] == "cancelled" and done.value["promoted"] == [waiting_registration.id]
    assert done.payload("events:registrations", event.id)["counts"] == {"confirmed": 1, "waitlisted": 0,
                                                                       "cancelled": 1}
    with pytest.raises(Conflict):
        registration_commands.cancel_own_registration(Actor(seated), event=event)
    with pytest.raises(NotFound):
        registration_commands.cancel_own_registration(Actor(make.user()), event=event)
    assert entries() == []


def test_organisers_cancel_a_registration_logged(make, event):
    user, registration = make.participant(event, name="Paula Participant")
    with pytest.raises(Forbidden):
        registration_commands.cancel_registration(Actor(user), event=event, registration_id=registration.id)
    organiser = make.organiser_of(event)
    done = registration_commands.cancel_registration(Actor(organiser), event=event, registration_id=registration.id)
    assert done.value["name"] == "Paula Participant" and done.value["status"] == "cancelled"
    logged = only("registration.cancelled")
    assert logged.target == f"user:{user.id}" and "Paula Participant" in logged.summary
    assert logged.actor_id == organiser.id and logged.event_id == event.id
    assert logged.details == {"registration_id": registration.id, "promoted": []}


def test_grant_and_revoke_a_role_logged(make, event):
    organiser = Actor(make.organiser_of(event))
    mentor = make.user(name="Mia Mentor", email="mia@example.org")
    with pytest.raises(NotFound):
        commands.grant_role(organiser, event=event, email="nobody@example.org", role="mentor")
    with pytest.raises(Forbidden):
        commands.grant_role(Actor(mentor), event=event, email="mia@example.org", role="mentor")
    done = commands.grant_role(organiser, event=event, email="MIA@example.org", role="mentor")
    assert done.value == {"user_id": mentor.id, "name": "Mia Mentor", "role": "mentor"}
    assert "mentor" in roles_of(mentor, event)
    assert only("role.granted").target == f"user:{mentor.id}"
    commands.revoke_role(organiser, event=event, user_id=mentor.id, role="mentor")
    assert "mentor" not in roles_of(mentor, event)
    assert only("role.revoked").details == {"role": "mentor"}
    with pytest.raises(Conflict) as refused:
        commands.revoke_role(organiser, event=event, user_id=organiser.id, role="organiser")
    assert refused.value.code == "last_organiser"
    with pytest.raises(NotFound):
        commands.revoke_role(organiser, event=event, user_id=10**9, role="mentor")


def test_invitations_created_accepted_and_revoked(make, event):
    organiser = Actor(make.organiser_of(event))
    with pytest.raises(Forbidden):
        commands.create_invitation(Actor(make.user()), event=event, role="jury")
    made = commands.create_invitation(organiser, event=event, role="jury", email="Jo@example.org", max_uses=1).value
    assert made["role"] == "jury" and made["email"] == "jo@example.org"
    created = only("invitation.created")
    assert created.details == {"role": "jury", "max_uses": 1, "addressed": True}
    assert "jo@example.org" not in str(created.details) + created.summary  # the address stays out of the log
    with pytest.raises(Forbidden):
        commands.accept_invitation(Actor(make.user()), code=made["code"])  # sent to another address
    juror = make.user(email="jo@example.org")
    assert commands.accept_invitation(Actor(juror), code=made["code"]).value == {"event_id": event.id,
                                                                                 "role": "jury"}
    assert "jury" in roles_of(juror, event)
    second = commands.create_invitation(organiser, event=event, role="mentor").value
    commands.revoke_invitation(organiser, event=event, invitation_id=second["invitation_id"])
    assert only("invitation.revoked").target == f"invitation:{second['invitation_id']}"
    with pytest.raises(Gone):
        find_invitation(second["code"])
    with pytest.raises(NotFound):
        commands.revoke_invitation(organiser, event=event, invitation_id=10**9)


def test_a_person_is_made_with_a_role_all_or_nothing(make):
    from hackathon.accounts.models import User
    from hackathon.errors import Invalid
    from hackathon.events.commands import cli_actor
    from hackathon.events.users_cli import create_person

    event = make.event(slug="people-hack")
    with pytest.raises(Forbidden):  # only the command line (or an administrator) makes people
        create_person(Actor(make.user()), email="mia@example.org", name="Mia", password="a long passphrase",
                      role="mentor", event=event)
    made = create_person(cli_actor(), email="Mia@Example.org", name="Mia", password="a long passphrase",
                         role="mentor", event=event)
    assert made.value["created"] and made.value["status"]
    mia = db.session.scalar(db.select(User).where(User.name == "Mia"))
    assert "mentor" in roles_of(mia, event)
    with pytest.raises((Invalid, Conflict)):  # a role that does not exist: no account is left behind
        create_person(cli_actor(), email="nobody@example.org", name="No", password="a long passphrase",
                      role="wizard", event=event)
    assert db.session.scalar(db.select(User).where(User.name == "No")) is None
