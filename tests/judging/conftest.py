"""Fixtures for the judging tests: jurors, teams made directly with the teams models, criteria, the session."""

from __future__ import annotations

import itertools

import pytest

from hackathon.judging import criteria, session
from hackathon.judging.models import JudgingState
from hackathon.teams import organisations as registry
from hackathon.teams.models import Challenge, Team
from hackathon.transactions import unit_of_work

CRITERIA = (
    criteria.CriterionFields(key="impact", name="Social impact", weight=2, min=0, max=10,
                             guide={"0": "none", "10": "strong"}),
    criteria.CriterionFields(key="pitch", name="Pitch", weight=1, min=1, max=5),
)


_SEQ = itertools.count(1)


def make_teams(event, names, organisation_name: str = "Coompanion") -> list[Team]:
    """Teams on one challenge of one organisation, made directly (the teams services are not ours)."""
    with unit_of_work() as db_session:
        organisation = registry.named(organisation_name)  # the registry's, shared across events
        db_session.flush()
        challenge = Challenge(event_id=event.id, organisation_id=organisation.id,
                              slug=f"c-{organisation.id}-{next(_SEQ)}", title=f"Challenge of {organisation_name}")
        db_session.add(challenge)
        db_session.flush()
        teams = [Team(event_id=event.id, challenge_id=challenge.id, name=name, invite_code=f"code-{event.id}-{name}")
                 for name in names]
        db_session.add_all(teams)
    return teams


def add_criteria(event, fields=CRITERIA) -> None:
    with unit_of_work():
        for item in fields:
            criteria.save_criterion(event, item)


def set_state(event, state: str) -> None:
    with unit_of_work():
        row = session.locked_state(event)
        row.state = state
        row.version += 1


class JudgingKit:
    """kit.jurors, kit.teams, kit.organiser; kit.open(), kit.close()."""

    def __init__(self, make, event) -> None:
        self.make, self.event = make, event
        self.organiser = make.organiser_of(event)
        self.jurors = [make.staff(event, "jury", name=f"Juror {i}", email=f"juror{i}@example.org")
                       for i in range(1, 4)]
        self.teams = make_teams(event, ["Alpha", "Beta", "Gamma"])
        add_criteria(event)

    def open(self) -> None:
        with unit_of_work():
            session.open_scoring(self.event)

    def close(self) -> None:
        with unit_of_work():
            session.close_scoring(self.event)

    def state(self) -> JudgingState:
        return session.state_of(self.event)


@pytest.fixture
def kit(make, event):
    return JudgingKit(make, event)
