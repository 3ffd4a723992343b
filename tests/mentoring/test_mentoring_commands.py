"""Each mentoring command run without any transport (what sockets, pages and the API all call)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hackathon import outbox
from hackathon.clock import clock, utcnow
from hackathon.commands import Actor, publish_changes
from hackathon.errors import Closed, Conflict, Forbidden, NotFound
from hackathon.extensions import db, socketio
from hackathon.mentoring import commands as mentoring
from hackathon.mentoring import helpqueue
from hackathon.mentoring.models import MentorSlot


def test_claim_release_book_cancel(app, make, kit):
    mentor = kit.mentor()
    _team, (ana,) = kit.team(members=1)
    slot = kit.grid()[0]
    assert mentoring.claim_slot(Actor(mentor), slot_id=slot.id).payload("mentoring:slot", slot.id)["status"] == \
        "available"
    with pytest.raises(Forbidden):
        mentoring.claim_slot(Actor(ana), slot_id=kit.grid(start="13:00", end="14:00")[0].id)
    booked = mentoring.book_slot(Actor(ana), slot_id=slot.id, note="Our pitch")
    assert booked.payload("mentoring:slot", slot.id)["status"] == "booked"
    with pytest.raises(Conflict):
        mentoring.book_slot(Actor(ana), slot_id=slot.id)
    with pytest.raises(Conflict):
        mentoring.release_slot(Actor(mentor), slot_id=slot.id)  # booked: cancel first
    mentoring.cancel_slot(Actor(mentor), slot_id=slot.id, reason="Ill")
    mentoring.release_slot(Actor(mentor), slot_id=slot.id)
    # Read afresh: the commands change slots with conditional UPDATEs, which the session's identity map does not see.
    assert db.session.get(MentorSlot, slot.id, populate_existing=True).status == "open"
    with pytest.raises(NotFound):
        mentoring.claim_slot(Actor(mentor), slot_id=10**12)


def test_help_queue_commands(app, make, kit):
    mentor = kit.mentor()
    _team, (ana,) = kit.team(members=1)
    asked = mentoring.request_help(Actor(ana), event=kit.event, topic="Our API", location="Table 4")
    request_id = asked.value["request_id"]
    assert asked.payload("mentoring:help", request_id)["status"] == "waiting"
    mentoring.claim_help(Actor(mentor), request_id=request_id)
    mentoring.resolve_help(Actor(mentor), request_id=request_id)
    mentoring.rate_help(Actor(ana), request_id=request_id, rating=5)
    assert helpqueue.get_request(request_id).rating == 5


def test_a_request_is_withdrawn_by_its_team_and_expires_when_it_waited_too_long(app, make, kit):
    _team, (ana,) = kit.team(members=1)
    _other, (bo,) = kit.team(members=1)
    first = mentoring.request_help(Actor(ana), event=kit.event, topic="Our API", location="Table 4").value
    with pytest.raises(Forbidden):  # not their team's request
        mentoring.cancel_help(Actor(bo), request_id=first["request_id"])
    withdrawn = mentoring.cancel_help(Actor(ana), request_id=first["request_id"])
    assert withdrawn.payload("mentoring:help", first["request_id"])["status"] == "cancelled"
    with pytest.raises(Conflict):
        mentoring.cancel_help(Actor(ana), request_id=first["request_id"])

    second = mentoring.request_help(Actor(ana), event=kit.event, topic="Pitch", location="Table 4").value
    assert mentoring.expire_help(Actor(ana), event_id=kit.event.id).value["expired"] == []  # not stale yet
    clock.frozen = utcnow() + timedelta(hours=3)  # longer than any help expiry
    expired = mentoring.expire_help(Actor(ana), event_id=kit.event.id)
    assert expired.value["expired"] == [second["request_id"]]
    assert expired.payload("mentoring:help", second["request_id"])["status"] == "expired"


def test_a_mentor_describes_what_they_help_with_and_an_edit_elsewhere_is_a_conflict(app, make, kit):
    mentor = kit.mentor()
    _team, (ana,) = kit.team(members=1)
    with pytest.raises(Forbidden):
        mentoring.save_mentor_profile(Actor(ana), event=kit.event, expertise="ux", bio="")
    saved = mentoring.save_mentor_profile(Actor(mentor), event=kit.event, expertise="UX, data", bio="Designer")
    again = mentoring.save_mentor_profile(Actor(mentor), event=kit.event, expertise="ux", bio="Designer",
                                          expected_version=saved.value["version"])
    assert again.value["version"] > saved.value["version"]
    with pytest.raises(Conflict):  # saved from a stale page
        mentoring.save_mentor_profile(Actor(mentor), event=kit.event, expertise="ux", bio="Old",
                                      expected_version=saved.value["version"])


def test_settings_and_sessions_are_organisers_and_audited(app, make, kit):
    import datetime as dt

    organiser = make.organiser_of(kit.event)
    with pytest.raises(Forbidden):
        mentoring.save_settings(Actor(kit.mentor()), event=kit.event, cancel_cutoff_minutes=10,
                                max_upcoming_bookings=2, help_expiry_minutes=20)
    assert mentoring.save_settings(Actor(organiser), event=kit.event, cancel_cutoff_minutes=10,
                                   max_upcoming_bookings=2, help_expiry_minutes=20).value["changes"]
    added = mentoring.add_session(Actor(organiser), event=kit.event, day=kit.event.days[0].date,
                                  start=dt.time(15), end=dt.time(16), slot_minutes=20, location="Room B2")
    assert added.value["slots"] == 3
    removed = mentoring.remove_session(Actor(organiser), event=kit.event, session_id=added.value["session_id"])
    (gone,) = {removed.payload("mentoring:slot", i)["removed"] for i in removed.value["removed"]}
    assert gone is True


def test_a_started_slot_cannot_be_booked(app, make, kit):
    mentor = kit.mentor()
    _team, (ana,) = kit.team(members=1)
    slot = kit.claimed(mentor, kit.grid()[0])
    clock.frozen = slot.starts_at + timedelta(minutes=1)
    with pytest.raises(Closed):
        mentoring.book_slot(Actor(ana), slot_id=slot.id)


def test_a_crash_between_commit_and_publish_is_published_by_another_worker(app, make, kit):
    """A worker killed after its commit leaves its outbox rows: any worker's sweeper publishes the slot."""
    mentor = kit.mentor()
    slot = kit.grid()[0]
    watcher = socketio.test_client(app, flask_test_client=make.login(app.test_client(), kit.team()[1][0]))
    watcher.get_received()
    publishers = dict(app.extensions["hackathon.registry"].facts)
    app.extensions["hackathon.registry"].facts.clear()  # this "worker" dies before publishing anything
    mentoring.claim_slot(Actor(mentor), slot_id=slot.id)
    assert [m for m in watcher.get_received() if m["name"] == "mentoring:slot"] == []
    app.extensions["hackathon.registry"].facts.update(publishers)  # another worker, same database
    clock.frozen = utcnow() + timedelta(seconds=30)
    assert outbox.sweep(publish_changes, timedelta(seconds=10)) == 1
    (fact,) = [m["args"][0] for m in watcher.get_received() if m["name"] == "mentoring:slot"]
    assert fact["id"] == slot.id and fact["status"] == "available" and fact["event"] == kit.event.slug


def test_a_booking_retried_after_a_lost_answer_is_not_booked_twice(app, make, kit):
    mentor = kit.mentor()
    _team, (ana,) = kit.team(members=1)
    slot = kit.claimed(mentor, kit.grid()[0])
    first = mentoring.book_slot(Actor(ana, idempotency_key="phone-retry-1"), slot_id=slot.id)
    retry = mentoring.book_slot(Actor(ana, idempotency_key="phone-retry-1"), slot_id=slot.id)
    assert retry.replayed and retry.value == first.value
    assert retry.payload("mentoring:slot", slot.id)["status"] == "booked"
    fresh = db.session.get(MentorSlot, slot.id, populate_existing=True)
    assert fresh.version == first.payload("mentoring:slot", slot.id)["version"]




def test_a_started_slot_cannot_be_claimed(app, make, kit):
    """No team could book it any more (found on a phone walk: mentors claimed slots already under way)."""
    slot = kit.grid()[0]
    clock.frozen = slot.starts_at + timedelta(minutes=1)
    with pytest.raises(Closed):
        mentoring.claim_slot(Actor(kit.mentor()), slot_id=slot.id)


def test_answers_say_what_happened(app, make, kit):
    mentor = kit.mentor("Anouk de Vries")
    _team, (ana,) = kit.team(members=1)
    slot = kit.grid(start="14:00", end="15:00", location="Room B2")[0]
    claimed = mentoring.claim_slot(Actor(mentor), slot_id=slot.id).value["message"]
    booked = mentoring.book_slot(Actor(ana), slot_id=slot.id).value["message"]
    day = slot.starts_at.astimezone(__import__("zoneinfo").ZoneInfo(kit.event.timezone)).strftime("%a")
    assert claimed == f"Claimed: {day} 14:00, Room B2. Teams can book it now."
    assert booked == f"Booked: {day} 14:00 with Anouk de Vries, Room B2."
