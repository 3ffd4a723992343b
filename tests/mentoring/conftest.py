"""Fixtures for the mentoring tests: mentors, teams made directly with the teams models, a grid."""

from __future__ import annotations

import datetime as dt

import pytest

from hackathon.mentoring import grid
from hackathon.mentoring.models import MentorSlot
from hackathon.teams.models import Team
from hackathon.transactions import unit_of_work


class MentoringKit:
    """kit.mentor(), kit.team(members=2), kit.grid(), kit.slot(status=…), kit.roles(user)."""

    def __init__(self, make, event) -> None:
        self.make, self.event = make, event

    def mentor(self, name: str | None = None):
        return self.make.staff(self.event, "mentor", name=name)

    def team(self, members: int = 2, name: str | None = None):
        """A team with confirmed participants as members; returns (team, users)."""
        users = [self.make.participant(self.event)[0] for _ in range(members)]
        return self.team_of(users, name), users

    def team_of(self, users, name: str | None = None) -> Team:
        return self.make.team_of(self.event, users, name)

    def grid(self, day: int = 0, start: str = "10:00", end: str = "12:00", minutes: int = 30,
             location: str = "Mentoring Corner") -> list[MentorSlot]:
        with unit_of_work():
            session = grid.create_session(self.event, day=self.event.days[day].date, start=dt.time.fromisoformat(start),
                                          end=dt.time.fromisoformat(end), slot_minutes=minutes, location=location)
            session_id = session.id
        return [s for s in grid.load_slots(self.event.id) if s.session_id == session_id]

    def claimed(self, mentor, slot: MentorSlot) -> MentorSlot:
        from hackathon.mentoring import slots

        with unit_of_work():
            slots.claim(grid.get_slot(slot.id), mentor, {"mentor"})
        return grid.get_slot(slot.id)

    def booked(self, user, slot: MentorSlot, note: str = "") -> MentorSlot:
        from hackathon.mentoring import slots

        with unit_of_work():
            slots.book(grid.get_slot(slot.id), user, note)
        return grid.get_slot(slot.id)


@pytest.fixture
def kit(make, event):
    return MentoringKit(make, event)
