"""Slot rules: the grid, claim, release, book, cancel, and every refusal changing nothing."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from hackathon.clock import clock, utcnow
from hackathon.errors import Closed, Conflict, Forbidden, Invalid, NotFound
from hackathon.mentoring import grid, settings, slots
from hackathon.transactions import unit_of_work


def state(slot_id: int) -> tuple:
    slot = grid.get_slot(slot_id)
    return slot.status, slot.mentor_id, slot.team_id, slot.version


def test_a_session_is_cut_into_open_slots_in_the_event_zone(kit):
    made = kit.grid(day=1, start="10:00", end="11:45", minutes=30)
    assert [s.status for s in made] == ["open"] * 3  # the last quarter hour is not a whole slot
    first = made[0].starts_at.astimezone(ZoneInfo("Europe/Berlin"))
    assert (first.date(), first.time()) == (kit.event.days[1].date, dt.time(10, 0))
    assert made[1].starts_at - made[0].starts_at == timedelta(minutes=30)
    assert all(s.version == 1 and s.session.location == "Mentoring Corner" for s in made)


@pytest.mark.parametrize(("fields", "message"), [
    (dict(start="12:00", end="10:00"), "end after"),
    (dict(minutes=3), "between 5 and 240"),
    (dict(location=""), "a place or a video link"),
])
def test_a_bad_session_is_refused(kit, fields, message):
    with pytest.raises(Invalid, match=message):
        kit.grid(**fields)


def test_a_session_on_another_day_is_refused(kit):
    with pytest.raises(Invalid), unit_of_work():
        grid.create_session(kit.event, day=kit.event.days[0].date - timedelta(days=5), start=dt.time(10),
                            end=dt.time(11), slot_minutes=30, location="Hall")


def test_claim_book_cancel_release_round_trip(kit):
    mentor = kit.mentor()
    team, (ana, ben) = kit.team()
    slot = kit.grid()[0]
    slot = kit.claimed(mentor, slot)
    assert state(slot.id) == ("available", mentor.id, None, 2)
    slot = kit.booked(ana, slot, "Our pitch")
    assert state(slot.id) == ("booked", mentor.id, team.id, 3) and slot.note == "Our pitch"
    with unit_of_work():
        assert slots.cancel(grid.get_slot(slot.id), ben, {"participant"}) == team.id
    assert state(slot.id) == ("available", mentor.id, None, 4)
    assert grid.get_slot(slot.id).note == ""
    with unit_of_work():
        slots.release(grid.get_slot(slot.id), mentor, {"mentor"})
    assert state(slot.id) == ("open", None, None, 5)


def refused(error, action, slot_id):
    before = state(slot_id)
    with pytest.raises(error) as info, unit_of_work():
        action(grid.get_slot(slot_id))
    assert state(slot_id) == before
    return info.value


def test_claim_refusals_change_nothing(kit, make):
    mentor, other = kit.mentor(), kit.mentor()
    participant, _ = make.participant(kit.event)
    first, second = kit.grid()[:2]
    refused(Forbidden, lambda s: slots.claim(s, participant, {"participant"}), first.id)
    kit.claimed(mentor, first)
    assert refused(Conflict, lambda s: slots.claim(s, other, {"mentor"}), first.id).code == "conflict"
    # The same mentor in a parallel session at the same time:
    parallel = kit.grid(location="Room B")[0]
    assert refused(Conflict, lambda s: slots.claim(s, mentor, {"mentor"}), parallel.id).code == "overlap"
    kit.claimed(mentor, second)  # the next slot does not overlap
    clock.frozen = utcnow() + timedelta(days=10)
    assert refused(Closed, lambda s: slots.claim(s, other, {"mentor"}), parallel.id).code == "past"


def test_booking_refusals_change_nothing(kit, make):
    mentor = kit.mentor()
    _team, (ana,) = kit.team(members=1)
    loner, _ = make.participant(kit.event)
    made = kit.grid(minutes=20)
    open_slot = made[0]
    slot = kit.claimed(mentor, made[1])
    assert refused(Forbidden, lambda s: slots.book(s, loner), slot.id).code == "not_in_team"
    assert refused(Conflict, lambda s: slots.book(s, ana), open_slot.id).code == "conflict"
    assert refused(Invalid, lambda s: slots.book(s, ana, "x" * 501), slot.id).code == "invalid"
    kit.booked(ana, slot)
    _other_team, (cleo,) = kit.team(members=1)
    assert refused(Conflict, lambda s: slots.book(s, cleo), slot.id).code == "conflict"
    late = kit.claimed(mentor, made[3])
    clock.frozen = late.starts_at
    assert refused(Closed, lambda s: slots.book(s, cleo), late.id).code == "past"


def test_the_fairness_limit(kit):
    mentor = kit.mentor()
    with unit_of_work():
        settings.update_settings(kit.event, cancel_cutoff_minutes=30, max_upcoming_bookings=2,
                                 help_expiry_minutes=45)
    team, (ana, ben) = kit.team()
    made = [kit.claimed(mentor, s) for s in kit.grid()]
    kit.booked(ana, made[0])
    kit.booked(ben, made[1])
    error = refused(Conflict, lambda s: slots.book(s, ana), made[2].id)
    assert error.code == "booking_limit"
    # Once a booking is over, the team may book again.
    clock.frozen = made[0].ends_at + timedelta(minutes=1)
    kit.booked(ana, made[2])
    assert slots.upcoming_bookings(team.id) == 2


def test_cancel_rules(kit, make):
    mentor, other_mentor = kit.mentor(), kit.mentor()
    _team, (ana,) = kit.team(members=1)
    _stranger_team, (cleo,) = kit.team(members=1)
    made = kit.grid()
    slot = kit.booked(ana, kit.claimed(mentor, made[0]))
    refused(Forbidden, lambda s: slots.cancel(s, cleo, {"participant"}), slot.id)
    refused(Forbidden, lambda s: slots.cancel(s, other_mentor, {"mentor"}), slot.id)
    assert refused(Invalid, lambda s: slots.cancel(s, mentor, {"mentor"}, "r" * 301), slot.id).code == "invalid"
    clock.frozen = slot.starts_at - timedelta(minutes=29)
    assert refused(Closed, lambda s: slots.cancel(s, ana, {"participant"}), slot.id).code == "too_late"
    # Its mentor may still cancel, with a reason.
    with unit_of_work():
        slots.cancel(grid.get_slot(slot.id), mentor, {"mentor"}, "Ill, sorry")
    assert grid.get_slot(slot.id).cancel_reason == "Ill, sorry"
    assert refused(Conflict, lambda s: slots.cancel(s, mentor, {"mentor"}), slot.id).code == "not_booked"


def test_release_rules(kit):
    mentor, other = kit.mentor(), kit.mentor()
    _team, (ana,) = kit.team(members=1)
    made = kit.grid()
    slot = kit.claimed(mentor, made[0])
    refused(Forbidden, lambda s: slots.release(s, other, {"mentor"}), slot.id)
    assert refused(Conflict, lambda s: slots.release(s, mentor, {"mentor"}), made[1].id).code == "not_claimed"
    kit.booked(ana, slot)
    assert refused(Conflict, lambda s: slots.release(s, mentor, {"mentor"}), slot.id).code == "booked"
    organiser = kit.make.organiser_of(kit.event)
    second = kit.claimed(mentor, made[1])
    with unit_of_work():
        slots.release(grid.get_slot(second.id), organiser, {"organiser"})
    assert state(second.id)[0] == "open"


def test_unknown_slot(kit):
    with pytest.raises(NotFound):
        grid.get_slot(987654)


def test_slot_json_has_the_contract_fields(kit):
    mentor = kit.mentor("Maria Mentor")
    with unit_of_work():
        settings.save_profile(kit.event, mentor, expertise="Fundraising, legal", bio="Helps with money.")
    team, (ana,) = kit.team(members=1, name="Green Coders")
    slot = kit.booked(ana, kit.claimed(mentor, kit.grid()[0]), "About funding")
    (payload,) = grid.slots_json(kit.event.id, [slot.id], grid.STAFF)
    assert set(payload) >= {"id", "starts_at", "ends_at", "status", "mentor", "team", "version"}
    assert payload["starts_at"].endswith("+00:00") and payload["status"] == "booked"
    assert payload["mentor"] == {"id": mentor.id, "name": "Maria Mentor", "expertise": ["fundraising", "legal"],
                                 "bio": "Helps with money.", "organisation": ""}
    assert payload["team"] == {"id": team.id, "name": "Green Coders", "challenge": None}
    assert payload["note"] == "About funding" and payload["version"] == 3
    # the note is the team's word to its mentor: the team, the mentor and organisers read it, nobody else
    readers = {"anyone": grid.ANYONE, "team": grid.NoteReader(user_id=ana.id, team_id=team.id),
               "mentor": grid.NoteReader(user_id=mentor.id), "organiser": grid.NoteReader(organiser=True),
               "other team": grid.NoteReader(user_id=999, team_id=team.id + 1)}
    notes = {who: grid.slots_json(kit.event.id, [slot.id], reader)[0]["note"] for who, reader in readers.items()}
    assert notes == {"anyone": "", "team": "About funding", "mentor": "About funding", "organiser": "About funding",
                     "other team": ""}


def test_profiles_and_settings(kit):
    mentor = kit.mentor()
    with unit_of_work():
        profile = settings.save_profile(kit.event, mentor, expertise=["UX design", "ux design"], bio=" Hi ")
    assert profile.expertise == ["ux design"] and profile.bio == "Hi" and profile.version == 1
    with pytest.raises(Conflict), unit_of_work():
        settings.save_profile(kit.event, mentor, expertise="x", bio="", expected_version=7)
    with unit_of_work():
        profile = settings.save_profile(kit.event, mentor, expertise="x", bio="", expected_version=1)
    assert profile.version == 2
    with pytest.raises(Invalid), unit_of_work():
        settings.save_profile(kit.event, mentor, expertise="a", bio="b" * 601)
    assert settings.settings_of(kit.event.id).max_upcoming_bookings == 2
    with pytest.raises(Invalid), unit_of_work():
        settings.update_settings(kit.event, cancel_cutoff_minutes=-1, max_upcoming_bookings=2,
                                 help_expiry_minutes=45)
    with unit_of_work():
        settings.update_settings(kit.event, cancel_cutoff_minutes=10, max_upcoming_bookings=3,
                                 help_expiry_minutes=20)
    assert settings.settings_of(kit.event.id).help_expiry_minutes == 20
