"""Fixtures for the overview tests: an event running today, seeded through each capability's services."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest

from hackathon.checkin import badges, scanning
from hackathon.clock import clock, local_today
from hackathon.judging import criteria, scoring, session
from hackathon.mentoring import grid, helpqueue, slots
from hackathon.teams.models import Team
from hackathon.transactions import unit_of_work

ZONE = "Europe/Berlin"


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of the day in the event's zone, as the UTC datetime the clock holds."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(ZONE)).astimezone(UTC)


class OverviewKit:
    """kit.person(), kit.team_of(users), kit.check_in(registration, at=…), kit.grid(), kit.claim(), kit.book() …"""

    def __init__(self, make, event, today: dt.date) -> None:
        self.make, self.event, self.today = make, event, today
        self.organiser = make.organiser_of(event)

    def person(self, name: str | None = None):
        return self.make.participant(self.event, name=name)

    def team_of(self, users, name: str | None = None) -> Team:
        return self.make.team_of(self.event, users, name)

    def check_in(self, registration, when: dt.datetime) -> None:
        clock.frozen = when
        with unit_of_work():
            code = badges.ensure_badge(registration).code
            assert scanning.scan(self.event, code, self.organiser).status == 201

    def grid(self, day: int, start: str, end: str, minutes: int = 30):
        with unit_of_work():
            made = grid.create_session(self.event, day=self.event.days[day].date, start=dt.time.fromisoformat(start),
                                       end=dt.time.fromisoformat(end), slot_minutes=minutes, location="Corner")
            session_id = made.id
        return [s for s in grid.load_slots(self.event.id) if s.session_id == session_id]

    def claim(self, mentor, slot) -> None:
        with unit_of_work():
            slots.claim(grid.get_slot(slot.id), mentor, {"mentor"})

    def book(self, user, slot) -> None:
        with unit_of_work():
            slots.book(grid.get_slot(slot.id), user)

    def ask_for_help(self, user, topic: str = "Our API returns 500") -> None:
        with unit_of_work():
            helpqueue.post_request(self.event.id, user, topic=topic, location="Table 3")

    def judging(self, jurors: int = 2):
        """Jurors, one criterion, scoring open; returns the jurors."""
        people = [self.make.staff(self.event, "jury", name=f"Juror {i}") for i in range(1, jurors + 1)]
        with unit_of_work():
            criteria.save_criterion(self.event, criteria.CriterionFields(key="impact", name="Impact", weight=1,
                                                                         min=0, max=10))
            session.open_scoring(self.event)
        return people

    def score(self, juror, team, value: int = 7) -> None:
        with unit_of_work():
            scoring.save_sheet(self.event, juror, team.id, {"impact": value})


@pytest.fixture
def today() -> dt.date:
    return local_today(ZONE)


@pytest.fixture
def kit(make, today):
    """An event whose second day is today, capacity 4, its organiser; the clock frozen at 08:00 today."""
    clock.frozen = at(today, 8)
    event = make.event(slug="overview-hack", capacity=4,
                       days=[today - timedelta(days=1), today, today + timedelta(days=1)])
    return OverviewKit(make, event, today)
