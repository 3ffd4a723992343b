"""The agenda's rules: placing items in the event's zone, now/next at frozen clocks, edits, and the ICS feed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from hackathon.clock import clock
from hackathon.errors import Conflict, Invalid, NotFound
from hackathon.events.services import create_event
from hackathon.extensions import db
from hackathon.programme import agenda
from hackathon.programme.ics import calendar
from hackathon.programme.models import AgendaItem
from hackathon.transactions import unit_of_work
from tests.programme.conftest import DAYS, AgendaKit, at


def titles(items) -> list[str]:
    return [i.title for i in items]


def test_items_are_placed_in_the_event_zone_and_after_midnight_ends_next_day(kit):
    opening = kit.item(0, "09:30", "10:15", title="Opening")
    party = kit.item(1, "22:00", "01:30", title="Night hack", kind="hacking")
    # September in Berlin is UTC+2.
    assert opening.starts_at == dt.datetime(2030, 9, 22, 7, 30, tzinfo=dt.UTC)
    assert party.ends_at == dt.datetime(2030, 9, 23, 23, 30, tzinfo=dt.UTC)  # 01:30 on the 24th in Berlin
    assert party.ends_at - party.starts_at == dt.timedelta(hours=3, minutes=30)
    assert agenda.local_day(party, "Europe/Berlin") == DAYS[1]


@pytest.mark.parametrize(("moment", "now", "upcoming", "state"), [
    (at(DAYS[0], "07:00"), [], ["Opening"], "before"),
    (at(DAYS[0], "09:30"), ["Opening"], ["Hacking"], "during"),
    (at(DAYS[0], "10:14"), ["Opening"], ["Hacking"], "during"),
    (at(DAYS[0], "10:15"), [], ["Hacking"], "between"),
    (at(DAYS[0], "11:00"), ["Hacking"], ["Mentoring"], "during"),
    (at(DAYS[0], "12:00"), ["Hacking", "Mentoring"], ["Deadline", "Lunch"], "during"),
    (at(DAYS[0], "13:00"), ["Lunch"], ["Breakfast"], "during"),
    (at(DAYS[0], "23:00"), [], ["Breakfast"], "between"),  # overnight: next is the next day's first item
    (at(DAYS[1], "08:45"), ["Breakfast"], ["Awards"], "during"),
    (at(DAYS[2], "18:00"), [], [], "after"),
])
def test_now_and_next_at_frozen_clocks_across_days(kit, moment, now, upcoming, state):
    kit.item(0, "09:30", "10:15", title="Opening")
    kit.item(0, "10:30", "13:00", title="Hacking", kind="hacking")
    kit.item(0, "11:30", "12:30", title="Mentoring", kind="mentoring")
    kit.item(0, "13:00", "13:00", title="Deadline", kind="deadline")
    kit.item(0, "13:00", "14:00", title="Lunch", kind="meal")
    kit.item(1, "08:30", "09:00", title="Breakfast", kind="meal")
    kit.item(2, "15:45", "16:30", title="Awards", kind="award")
    clock.frozen = moment
    found = agenda.event_now_next(kit.event)
    assert (titles(found.now), sorted(titles(found.next)), found.state) == (now, upcoming, state)
    expected_phase = " + ".join(now) if state == "during" else state
    assert agenda.programme_phase(kit.event) == expected_phase


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Tokyo", "Pacific/Auckland"])
def test_now_next_follows_the_event_zone(app, zone):
    with unit_of_work():
        event = create_event("zone-hack", "Zone Hack", timezone=zone, days=DAYS, capacity=10)
    kit = AgendaKit(event)
    kit.item(0, "00:30", "01:30", title="Midnight snack", kind="meal")
    kit.item(0, "23:30", "00:30", title="Late pitch", kind="pitch")
    snack = agenda.get_item(event, agenda.agenda(event)[0].id)
    # Placed on the event's first day in its own zone, whatever the date in UTC.
    assert agenda.local_day(snack, zone) == DAYS[0]
    clock.frozen = at(DAYS[0], "00:45", zone)
    assert titles(agenda.event_now_next(event).now) == ["Midnight snack"]
    clock.frozen = at(DAYS[1], "00:15", zone)
    assert titles(agenda.event_now_next(event).now) == ["Late pitch"]
    clock.frozen = at(DAYS[0], "00:15", zone)
    found = agenda.event_now_next(event)
    assert found.state == "before" and titles(found.next) == ["Midnight snack"]


def test_empty_agenda(fixed_event):
    found = agenda.event_now_next(fixed_event)
    assert (found.now, found.next, found.state) == ([], [], "empty")
    assert agenda.programme_phase(fixed_event) == "empty"
    assert [day for day, _items in agenda.by_day(fixed_event, [])] == DAYS


@pytest.mark.parametrize("change", [
    {"title": "   "}, {"title": "x" * 201}, {"kind": "party"}, {"day": dt.date(2030, 9, 25)},
    {"place": "p" * 161},
])
def test_bad_items_are_refused_and_nothing_is_written(fixed_event, change):
    fields = {"title": "Talk", "kind": "plenary", "day": DAYS[0], "start": dt.time(9), "end": dt.time(10),
              **change}
    with pytest.raises(Invalid), unit_of_work():
        agenda.create_item(fixed_event, agenda.ItemFields(**fields))
    assert db.session.scalar(select(func.count()).select_from(AgendaItem)) == 0


def test_update_checks_the_version_and_delete_the_item(kit):
    item = kit.item(0, "09:00", "10:00", title="Talk")
    fields = agenda.ItemFields(title="Keynote", kind="plenary", day=DAYS[1], start=dt.time(11), end=dt.time(12))
    with unit_of_work():
        changed = agenda.update_item(kit.event, item.id, fields, expected_version=1)
    assert (changed.title, changed.version, changed.starts_at) == ("Keynote", 2, at(DAYS[1], "11:00"))
    with pytest.raises(Conflict) as stale, unit_of_work():
        agenda.update_item(kit.event, item.id, replace(fields, title="Stale"), expected_version=1)
    assert stale.value.code == "stale"
    db.session.expire_all()
    assert agenda.get_item(kit.event, item.id).title == "Keynote"
    with pytest.raises(NotFound), unit_of_work():
        agenda.update_item(kit.event, 99999, fields, expected_version=None)
    with unit_of_work():
        agenda.delete_item(kit.event, item.id)
    with pytest.raises(NotFound), unit_of_work():
        agenda.delete_item(kit.event, item.id)


def test_ics_is_rfc5545_crlf_folded_utc_with_stable_uids(kit):
    long_title = "Opening: the social economy, the twin transition; and what Über-cooperatives need " * 2
    kit.item(0, "09:30", "10:15", title=long_title.strip(), place="Main Hall, Geisenhausen",
             description="Line one\nLine two")
    kit.item(2, "11:30", "11:30", title="Submission deadline", kind="deadline")
    body = calendar(kit.event, agenda.agenda(kit.event), "Test Hack programme")
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:") and body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "") and "\r" not in body.replace("\r\n", "")
    lines = body.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)  # the long summary was folded
    unfolded = body.replace("\r\n ", "")
    escaped = long_title.strip().replace(",", "\\,").replace(";", "\\;")
    assert f"SUMMARY:{escaped}\r\n" in unfolded
    assert "LOCATION:Main Hall\\, Geisenhausen\r\n" in unfolded
    assert "DESCRIPTION:Line one\\nLine two\r\n" in unfolded
    assert "DTSTART:20300922T073000Z\r\nDTEND:20300922T081500Z\r\n" in unfolded
    deadline = unfolded.split("BEGIN:VEVENT")[2]
    assert "DTSTART:20300924T093000Z" in deadline and "DTEND" not in deadline
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") == 2
    uids = [line for line in unfolded.split("\r\n") if line.startswith("UID:")]
    assert len(set(uids)) == 2
    again = calendar(kit.event, agenda.agenda(kit.event), "Test Hack programme").replace("\r\n ", "")
    assert [line for line in again.split("\r\n") if line.startswith("UID:")] == uids
