"""Fixtures for the teams tests: a challenge, participants, and teams made through the services."""

from __future__ import annotations

import pytest

from hackathon.teams import challenges, services
from hackathon.transactions import unit_of_work


class TeamKit:
    """kit.challenge(), kit.participant(), kit.team(founder, …), kit.join(team, user)."""

    def __init__(self, make, event) -> None:
        self.make, self.event = make, event

    def challenge(self, title: str = "Repair café network", **fields) -> challenges.Challenge:
        with unit_of_work():
            return challenges.create_challenge(
                self.event, challenges.ChallengeFields(title=title, organisation="Coompanion",
                                                       tags=fields.pop("tags", ["green"]), **fields), owner=None)

    def participant(self, name: str | None = None, **profile):
        user, _registration = self.make.participant(self.event, name=name, **profile)
        return user

    def team(self, founder, challenge, name: str = "Fixers", **draft) -> services.Team:
        with unit_of_work():
            outcome = services.create_team(self.event, founder, services.TeamDraft(
                name=name, challenge_id=challenge.id, **draft))
        return outcome.team

    def join(self, team, user, **kwargs) -> services.Outcome:
        with unit_of_work():
            return services.join(services.get_team(self.event, team.id), user, **kwargs)


@pytest.fixture
def kit(make, event):
    return TeamKit(make, event)
