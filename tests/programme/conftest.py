"""Fixtures for the programme tests: an event on fixed days, and agenda items made through the service."""

from __future__ import annotations

import datetime as dt

import pytest

from hackathon.programme import agenda
from hackathon.transactions import unit_of_work

DAYS = [dt.date(2030, 9, 22), dt.date(2030, 9, 23), dt.date(2030, 9, 24)]


def at(day: dt.date, hhmm: str, zone: str = "Europe/Berlin") -> dt.datetime:
    """A wall-clock moment in a zone, as an aware UTC datetime (what the frozen clock takes)."""
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm), ZoneInfo(zone)).astimezone(dt.UTC)


class AgendaKit:
    """kit.item(day_index, "09:00", "10:00", title=…, kind=…) on the kit's event."""

    def __init__(self, event) -> None:
        self.event = event

    def item(self, day: int, start: str, end: str, title: str = "Talk", kind: str = "plenary", place: str = "Hall",
             description: str = ""):
        with unit_of_work():
            return agenda.create_item(self.event, agenda.ItemFields(
                title=title, kind=kind, day=self.event.days[day].date, start=dt.time.fromisoformat(start),
                end=dt.time.fromisoformat(end), place=place, description=description))


@pytest.fixture
def fixed_event(make):
    """A three-day event in Berlin in 2030, with an organiser."""
    return make.event(slug="prog-hack", days=DAYS)


@pytest.fixture
def kit(fixed_event):
    return AgendaKit(fixed_event)


def make_team(make, event, name: str = "Fixers"):
    """A team founded by a new participant, through the teams services; returns (team, founder)."""
    from hackathon.teams import challenges, services

    founder, _registration = make.participant(event, name=f"{name} founder")
    with unit_of_work():
        challenge = challenges.create_challenge(event, challenges.ChallengeFields(
            title=f"{name} challenge", organisation="Coompanion", tags=["green"]), owner=None)
    with unit_of_work():
        team = services.create_team(event, founder, services.TeamDraft(name=name, challenge_id=challenge.id)).team
    return team, founder
