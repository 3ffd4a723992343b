"""Each privacy command run without any transport (what the pages call)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hackathon.accounts.models import User
from hackathon.audit.models import AuditEntry
from hackathon.commands import Actor, system_actor
from hackathon.errors import Forbidden, Invalid
from hackathon.events.models import Registration
from hackathon.extensions import db
from hackathon.privacy import commands as privacy
from hackathon.privacy import retention
from tests.support.factories import PASSWORD


def test_delete_account_checks_the_password_logs_and_moves_the_waitlist_up(make):
    event = make.event(slug="small-hack", capacity=1)
    seated, _registration = make.participant(event)
    _waiting, waiting_registration = make.participant(event)
    with pytest.raises(Invalid):
        privacy.delete_account(Actor(seated), password="not my password")
    assert db.session.get(User, seated.id).active
    outcome = privacy.delete_account(Actor(seated), password=PASSWORD)
    assert outcome.value == {"promoted": [{"event_id": event.id, "registration_id": waiting_registration.id}]}
    assert outcome.payload("events:registrations", event.id)["counts"]["confirmed"] == 1
    assert db.session.get(Registration, waiting_registration.id).status == "confirmed"
    assert not db.session.get(User, seated.id).active
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.actor_id == seated.id)) == "account.deleted"


def test_set_retention_is_organisers_and_logged(make, event):
    with pytest.raises(Forbidden):
        privacy.set_retention(Actor(make.participant(event)[0]), event=event, days=30)
    organiser = make.organiser_of(event)
    with pytest.raises(Invalid):
        privacy.set_retention(Actor(organiser), event=event, days=-1)
    privacy.set_retention(Actor(organiser), event=event, days=30)
    assert retention.retention_of(event) == 30
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "privacy.retention_changed"))
    assert entry.details == {"before": None, "after": 30}


def test_purge_event_is_the_platforms_and_logged_with_the_erasures(make, event):
    gone, _registration = make.participant(event, name="Purged Person")
    with pytest.raises(Forbidden):
        privacy.purge_event(Actor(make.organiser_of(event)), event=event, user_ids=[gone.id])
    assert db.session.get(User, gone.id).active
    assert privacy.purge_event(system_actor(), event=event, user_ids=[gone.id]).value == {"user_ids": [gone.id]}
    db.session.expire_all()
    assert not db.session.get(User, gone.id).active and db.session.get(User, gone.id).name != "Purged Person"
    (purged,) = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "privacy.purged")).all()
    assert purged.event_id == event.id and purged.actor_id is None and purged.details == {"user_ids": [gone.id]}
