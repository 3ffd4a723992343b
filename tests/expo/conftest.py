"""Fixtures for the expo tests: an event with jurors, teams and a round."""

from __future__ import annotations

import pytest

from hackathon.commands import Actor
from hackathon.expo import commands


class ExpoKit:
    """kit.jurors, kit.teams, kit.organiser; kit.round(open=True) makes a round over every team."""

    def __init__(self, make, event, jurors: int = 2, teams: int = 5) -> None:
        self.make, self.event = make, event
        self.organiser = make.organiser_of(event)
        self.jurors = [make.staff(event, "jury", name=f"Judge {i}") for i in range(1, jurors + 1)]
        self.teams = [make.team_of(event, [], name=f"Team {chr(65 + i)}") for i in range(teams)]

    def round(self, *, open: bool = True, finalists: int = 2, min_comparisons: int = 2, judges=None) -> int:
        judges = self.jurors if judges is None else judges
        outcome = commands.add_round(Actor(self.organiser), event=self.event, name="Expo", track_id=None,
                                     finalists=finalists, min_comparisons=min_comparisons,
                                     judge_ids=[j.id for j in judges])
        round_id = outcome.value["round_id"]
        if open:
            commands.open_round(Actor(self.organiser), round_id=round_id)
        return round_id


@pytest.fixture
def kit(make, event):
    return ExpoKit(make, event)
