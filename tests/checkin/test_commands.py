"""Each check-in command run without any transport (what the sockets, the JSON API and the console call)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hackathon.audit.models import AuditEntry
from hackathon.checkin import commands as checkin
from hackathon.checkin.facts import publish_stats_of, stats_subject, subject_day_point
from hackathon.checkin.models import Badge, Checkin, CheckinPoint
from hackathon.clock import local_today
from hackathon.commands import Actor, system_actor
from hackathon.errors import Conflict, Forbidden, Invalid, NotFound
from hackathon.events import registration as reg
from hackathon.extensions import db
from hackathon.outbox import OutboxEntry


def actions(event) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.event_id == event.id)
                                   .order_by(AuditEntry.id)))


def test_scan_checks_in_once_and_a_retry_gets_the_first_answer(make, kit):
    _user, _registration, code = kit.person("Ana")
    first = checkin.scan_badge(Actor(kit.organiser), code=code, nonce="door-0001")
    assert first["status"] == 201 and first["body"]["participant"]["name"] == "Ana"
    assert checkin.scan_badge(Actor(kit.organiser), code=code, nonce="door-0001") == first
    assert checkin.scan_badge(Actor(kit.organiser), code=code)["status"] == 200
    with pytest.raises(NotFound):
        checkin.scan_badge(Actor(kit.organiser), code="QR-nothing")
    with pytest.raises(Forbidden):
        checkin.scan_badge(Actor(make.user()), code=code, event_slug=kit.event.slug)
    assert db.session.scalar(select(func.count()).select_from(Checkin)) == 1
    assert db.session.scalar(select(func.count()).select_from(OutboxEntry)) == 0  # published, then cleared
    assert actions(kit.event) == []  # scans are not logged one by one; the row says who scanned


def test_manual_checks_in_by_registration(make, kit):
    _user, registration, _code = kit.person("Ben")
    answer = checkin.check_in_by_name(Actor(kit.organiser), event=kit.event, registration_id=registration.id)
    assert answer["status"] == 201 and answer["body"]["participant"]["name"] == "Ben"
    with pytest.raises(NotFound):
        checkin.check_in_by_name(Actor(kit.organiser), event=kit.event, registration_id=10**9)
    with pytest.raises(Forbidden):
        checkin.check_in_by_name(Actor(registration.user), event=kit.event, registration_id=registration.id)


def test_undo_within_the_minute_is_logged(kit):
    _user, _registration, code = kit.person("Cleo")
    checkin_id = checkin.scan_badge(Actor(kit.organiser), code=code)["body"]["checkin_id"]
    with pytest.raises(Forbidden):
        checkin.undo(Actor(_user), event=kit.event, checkin_id=checkin_id)
    assert checkin.undo(Actor(kit.organiser), event=kit.event, checkin_id=checkin_id).value == {"undone": checkin_id}
    with pytest.raises(Conflict):
        checkin.undo(Actor(kit.organiser), event=kit.event, checkin_id=checkin_id)
    assert actions(kit.event) == ["checkin.checkin_undone"]


def test_add_point_is_organisers(make, kit):
    door = make.staff(kit.event, "door")
    today = local_today(kit.event.timezone)
    with pytest.raises(Forbidden):
        checkin.add_point(Actor(door), event=kit.event, name="Lunch", kind="meal", day=today)
    with pytest.raises(Invalid):
        checkin.add_point(Actor(kit.organiser), event=kit.event, name="Lunch", kind="meal", day=dt.date(2001, 1, 1))
    point_id = checkin.add_point(Actor(kit.organiser), event=kit.event, name="Lunch", kind="meal",
                                 day=today).value["point_id"]
    assert db.session.get(CheckinPoint, point_id).name == "Lunch"
    assert actions(kit.event) == ["checkin.point_added"]


def test_walk_in_registers_with_a_badge_and_publishes_the_counts(kit):
    outcome = checkin.walk_in(Actor(kit.organiser), event=kit.event, name="Dana Walk", email="dana@example.org",
                              profile=reg.Profile(), password_hash="x")
    registration = reg.get_registration(kit.event, outcome.value["registration_id"])
    assert registration.status == "confirmed" and registration.user.name == "Dana Walk"
    assert db.session.scalar(select(Badge).where(Badge.registration_id == registration.id)) is not None
    assert outcome.payload("events:registrations", kit.event.id)["counts"]["confirmed"] >= 1
    assert actions(kit.event)[-1] == "checkin.walkin_registered"


def test_reissue_badge_revokes_the_old_code(kit):
    _user, registration, code = kit.person("Eve")
    with pytest.raises(Forbidden):
        checkin.reissue_badge(Actor(_user), event=kit.event, registration_id=registration.id)
    checkin.reissue_badge(Actor(kit.organiser), event=kit.event, registration_id=registration.id)
    assert db.session.scalar(select(Badge.status).where(Badge.code == code)) == "revoked"
    assert actions(kit.event) == ["checkin.badge_reissued"]


def test_the_stats_subject_is_a_day_at_a_point(kit):
    day = local_today(kit.event.timezone)
    assert subject_day_point(stats_subject(day, 42)) == (day, 42)
    assert subject_day_point(stats_subject(day, None)) == (day, None)
    assert publish_stats_of(kit.event.id, [stats_subject(day, None)]) == {}  # a summary: sent, nothing returned


def test_own_badge_is_issued_once_to_confirmed_participants(make, kit):
    user, registration = make.participant(kit.event)
    code = checkin.own_badge(Actor(user), event=kit.event).value["code"]
    assert code and checkin.own_badge(Actor(user), event=kit.event).value == {"code": code,
                                                                               "registration_id": registration.id}
    assert checkin.own_badge(Actor(make.user()), event=kit.event).value["code"] is None


def test_badge_for_mail_is_the_platforms_and_issued_once(make, kit):
    user, registration = make.participant(kit.event)
    with pytest.raises(Forbidden):  # a person would read someone else's badge code
        checkin.badge_for_mail(Actor(user), event=kit.event, registration_id=registration.id)
    code = checkin.badge_for_mail(system_actor(), event=kit.event, registration_id=registration.id).value["code"]
    assert code == checkin.own_badge(Actor(user), event=kit.event).value["code"]
    assert checkin.badge_for_mail(system_actor(), event=kit.event, registration_id=registration.id).value == {
        "code": code}
    assert actions(kit.event) == []  # a first badge is no decision: not logged


def test_issue_badges_is_organisers(make, kit):
    make.participant(kit.event)
    _user, registration = make.participant(kit.event)
    with pytest.raises(Forbidden):
        checkin.issue_badges(Actor(make.staff(kit.event, "door")), event=kit.event)
    checkin.issue_badges(Actor(kit.organiser), event=kit.event, registration_id=registration.id)
    assert checkin.issue_badges(Actor(kit.organiser), event=kit.event).value == {"issued": 1}
