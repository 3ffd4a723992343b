"""Mentors' hours and the grid generated from them; the mentoring window; the grid moves with the event."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from hackathon.commands import Actor
from hackathon.errors import Closed, Conflict, Forbidden, Invalid, NotFound
from hackathon.events import commands as event_commands
from hackathon.events import setup
from hackathon.extensions import db
from hackathon.mentoring import commands
from hackathon.mentoring.models import MentorHours, MentorSlot
from tests.events.test_event_setup import settings_of
from tests.support.audit_log import entries

BERLIN = ZoneInfo("Europe/Berlin")


def local(moment: dt.datetime) -> str:
    return f"{moment.astimezone(BERLIN):%H:%M}"


def test_mentors_give_hours_on_the_event_days(make, event, kit):
    mentor = Actor(kit.mentor())
    day = event.days[0].date
    commands.add_hours(mentor, event=event, day=day, start=dt.time(10), end=dt.time(12))
    for day_, start, end, error in ((day, dt.time(11), dt.time(13), Conflict),
                                    (day, dt.time(14), dt.time(13), Invalid),
                                    (day - dt.timedelta(days=5), dt.time(10), dt.time(11), Invalid),
                                    (day, dt.time(0), dt.time(13), Invalid)):
        with pytest.raises(error):
            commands.add_hours(mentor, event=event, day=day_, start=start, end=end)
    participant, _registration = make.participant(event)
    with pytest.raises(Forbidden):
        commands.add_hours(Actor(participant), event=event, day=day, start=dt.time(8), end=dt.time(9))
    (hours,) = db.session.scalars(select(MentorHours))
    other = Actor(kit.mentor())
    with pytest.raises(NotFound):  # nobody takes back another mentor's hours
        commands.remove_hours(other, event=event, hours_id=hours.id)
    commands.remove_hours(mentor, event=event, hours_id=hours.id)
    assert db.session.query(MentorHours).count() == 0


def test_the_grid_is_generated_from_the_hours_with_slots_claimed_for_their_mentors(make, event, kit):
    ana, bo = kit.mentor("Ana"), kit.mentor("Bo")
    day = event.days[1].date
    commands.add_hours(Actor(ana), event=event, day=day, start=dt.time(10), end=dt.time(11))
    commands.add_hours(Actor(bo), event=event, day=day, start=dt.time(10, 30), end=dt.time(11, 30))
    # Bo already claimed a slot at 11:00 elsewhere: that one of the generated slots stays open.
    other = kit.grid(day=1, start="11:00", end="11:30", minutes=30, location="Elsewhere")
    kit.claimed(bo, other[0])
    organiser = Actor(make.organiser_of(event))
    with pytest.raises(Forbidden):
        commands.generate_grid(Actor(ana), event=event, slot_minutes=30, location="Room B")
    outcome = commands.generate_grid(organiser, event=event, slot_minutes=30, location="Room B")
    assert outcome.value == {"sessions": 2, "claimed": 3, "left_open": 1}
    slots = db.session.scalars(select(MentorSlot).where(MentorSlot.session_id.is_not(None))
                               .order_by(MentorSlot.starts_at, MentorSlot.id)).all()
    mine = [(local(s.starts_at), s.status, s.mentor_id) for s in slots if s.id != other[0].id]
    assert sorted(mine) == sorted([("10:00", "available", ana.id), ("10:30", "available", ana.id),
                                   ("10:30", "available", bo.id), ("11:00", "open", None)])
    assert all(h.session_id for h in db.session.scalars(select(MentorHours)))
    with pytest.raises(Invalid):  # nothing left to put on the grid
        commands.generate_grid(organiser, event=event, slot_minutes=30, location="Room B")
    with pytest.raises(Conflict):  # hours on the grid stay
        commands.remove_hours(Actor(ana), event=event, hours_id=db.session.scalars(select(MentorHours)).first().id)
    assert entries("mentoring.grid_generated")[0].details["claimed"] == 3


def test_teams_book_only_within_the_mentoring_window(make, event, kit):
    organiser = Actor(make.organiser_of(event))
    (slot, *_rest) = kit.grid(day=1)
    kit.claimed(kit.mentor(), slot)
    team, (member, _other) = kit.team()
    opens = dt.datetime.combine(event.days[1].date, dt.time(9), BERLIN).astimezone(dt.UTC)
    event_commands.save_settings(organiser, event=event, settings=settings_of(event, windows={
        "mentoring": (opens, None)}))
    with pytest.raises(Closed) as refused:
        commands.book_slot(Actor(member), slot_id=slot.id)
    assert "Mentoring opens on" in refused.value.message
    with pytest.raises(Closed):
        commands.request_help(Actor(member), event=event, topic="Our pitch", location="Table 4")
    event_commands.save_settings(organiser, event=event, settings=settings_of(event, windows={
        "mentoring": (None, None)}))
    assert commands.book_slot(Actor(member), slot_id=slot.id).value["team_id"] == team.id


def test_the_grid_and_the_agenda_move_with_the_event_and_what_would_fall_outside_blocks(make, event, kit):
    from hackathon.programme import agenda
    from hackathon.programme.models import AgendaItem
    from hackathon.transactions import unit_of_work

    slots = kit.grid(day=2, start="10:00", end="11:00")
    team, (member, _other) = kit.team()
    kit.claimed(kit.mentor(), slots[0])
    kit.booked(member, slots[0])
    with unit_of_work():
        agenda.create_item(event, agenda.ItemFields(title="Pitches", kind="pitch", day=event.days[2].date,
                                                    start=dt.time(14), end=dt.time(16)))
    organiser = Actor(make.organiser_of(event))
    start = event.days[0].date + dt.timedelta(days=14)
    plan = setup.plan_dates(event, setup.DateChange(start, 3, "Europe/Berlin"))
    assert any("2 mentoring slots (1 booked by a team" in line for line in plan.warnings), plan.warnings
    assert any("1 agenda item" in line for line in plan.warnings)
    with pytest.raises(Conflict) as refused:  # two days: the third day's slots and pitches would be outside
        event_commands.move_dates(organiser, event=event, change=setup.DateChange(start, 2, "Europe/Berlin"))
    assert "agenda items would fall outside" in refused.value.message
    assert "mentoring sessions would fall outside" in refused.value.message
    outcome = event_commands.move_dates(organiser, event=event, change=setup.DateChange(start, 3, "Europe/Berlin"))
    assert outcome.value["days"][0] == start.isoformat()
    db.session.expire_all()
    moved = db.session.get(MentorSlot, slots[0].id)
    assert (moved.starts_at.astimezone(BERLIN).date(), local(moved.starts_at), moved.status) == (
        start + dt.timedelta(days=2), "10:00", "booked")
    item = db.session.scalars(select(AgendaItem)).one()
    assert item.starts_at.astimezone(BERLIN).date() == start + dt.timedelta(days=2)
    assert team.id
