"""Fixtures for the check-in tests: an event running today, its organiser, participants with badges."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hackathon.checkin import badges
from hackathon.clock import local_today
from hackathon.transactions import unit_of_work


class DoorKit:
    """kit.person() -> (user, registration, code); kit.organiser."""

    def __init__(self, make, event) -> None:
        self.make, self.event = make, event
        self.organiser = make.organiser_of(event)

    def person(self, name: str | None = None, **profile):
        user, registration = self.make.participant(self.event, name=name, **profile)
        with unit_of_work():
            code = badges.ensure_badge(registration).code
        return user, registration, code


@pytest.fixture
def today_event(make):
    """A three-day event whose second day is today in its time zone."""
    today = local_today("Europe/Berlin")
    return make.event(slug="door-hack", days=[today - timedelta(days=1), today, today + timedelta(days=1)])


@pytest.fixture
def kit(make, today_event):
    return DoorKit(make, today_event)
