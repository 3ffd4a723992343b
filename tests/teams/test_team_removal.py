"""A team that goes away (dissolved, merged, left by its last member) frees the mentoring slots it booked.

Found by the authorisation table: the slot's `booked_has_team` constraint refused the team's delete (HTTP 500).
"""

from __future__ import annotations

import datetime as dt

import pytest

from hackathon.mentoring import grid, slots
from hackathon.teams import organiser, services
from hackathon.transactions import unit_of_work


@pytest.fixture
def booked(make, event):
    mentor = make.staff(event, "mentor")
    ana, _ = make.participant(event)
    team = make.team_of(event, [ana])
    with unit_of_work():
        session = grid.create_session(event, day=event.days[0].date, start=dt.time(10), end=dt.time(10, 30),
                                      slot_minutes=30, location="Corner")
        session_id = session.id
    (slot,) = [s for s in grid.load_slots(event.id) if s.session_id == session_id]
    with unit_of_work():
        slots.claim(grid.get_slot(slot.id), mentor, {"mentor"})
    with unit_of_work():
        slots.book(grid.get_slot(slot.id), ana, "Please")
    return team, ana, slot.id


def test_dissolving_a_team_frees_its_bookings(booked):
    team, _ana, slot_id = booked
    with unit_of_work():
        organiser.dissolve(team)
    slot = grid.get_slot(slot_id)
    assert slot.status == "available" and slot.team_id is None and slot.note == "" and slot.version == 4


def test_the_last_member_leaving_frees_its_bookings(booked):
    team, ana, slot_id = booked
    with unit_of_work():
        assert services.leave(team, ana).status == "dissolved"
    assert grid.get_slot(slot_id).status == "available"


def test_dissolving_through_the_console_answers(client, make, event, booked):
    team, _ana, slot_id = booked
    make.login(client, make.organiser_of(event))
    token = make.csrf(client, f"/events/{event.slug}/console/teams/")
    response = client.post(f"/events/{event.slug}/console/teams/{team.id}/dissolve", data={"csrf_token": token})
    assert response.status_code == 302
    assert grid.get_slot(slot_id).status == "available"
