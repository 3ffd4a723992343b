"""The demo seeder places the AGENDA on the event's days and sends a pinned welcome and a note to mentors."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hackathon import demo_content
from hackathon.demo.seeding import DemoPeople, seeders
from hackathon.programme import agenda, announcements
from hackathon.programme.demo import seed_programme
from hackathon.transactions import unit_of_work
from tests.programme.conftest import at


def test_demo_programme(app, make):
    start = date(2030, 9, 22)
    event = make.event(slug="demo-prog", days=[start + timedelta(days=i) for i in range(3)])
    people = DemoPeople(organiser=make.organiser_of(event))
    with unit_of_work():
        line = seed_programme(event, people, random.Random(1))
    assert "programme" in seeders(app) and line.startswith(f"Programme: {len(demo_content.AGENDA)} agenda items")
    items = agenda.agenda(event)
    assert len(items) == len(demo_content.AGENDA)
    first = items[0]
    assert (first.title, first.starts_at) == (demo_content.AGENDA[0]["title"], at(start, "08:30"))
    assert {agenda.local_day(i, event.timezone) for i in items} == {d.date for d in event.days}
    shown = announcements.visible(event, {"mentor"}, None)
    assert [a.pinned for a in shown] == [True, False] and shown[0].audience_kind == "event"
    assert [a.audience_kind for a in announcements.visible(event, {"participant"}, None)] == ["event"]
