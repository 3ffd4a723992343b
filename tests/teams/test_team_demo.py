"""The demo seeder makes challenges with owners, teams of every kind and people still looking."""

from __future__ import annotations

import random

from sqlalchemy import func, select

from hackathon.demo.seeding import DemoPeople
from hackathon.events.models import Role
from hackathon.extensions import db
from hackathon.teams.demo import seed_teams
from hackathon.teams.models import BoardEntry, Challenge, JoinRequest, Team, TeamMembership
from hackathon.transactions import unit_of_work


def test_seed_teams(make, event):
    participants = [make.participant(event)[0] for _ in range(40)]
    people = DemoPeople(organiser=make.organiser_of(event), participants=participants)
    with unit_of_work():
        line = seed_teams(event, people, random.Random(1))
    assert "8 challenges" in line
    count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
    assert count(Challenge) == 8
    teams = list(db.session.scalars(select(Team)))
    assert 7 <= len(teams) <= 10
    assert any(t.member_count == t.max_size for t in teams)
    assert any(t.member_count < t.max_size and t.join_policy == "open" for t in teams)
    assert any(t.join_policy == "request" for t in teams)
    for team in teams:  # the kept count matches the rows
        assert team.member_count == db.session.scalar(
            select(func.count()).select_from(TeamMembership).where(TeamMembership.team_id == team.id))
    assert count(BoardEntry) == 6 and count(JoinRequest) >= 1
    owners = db.session.scalars(select(Role).where(Role.role == "challenge_owner")).all()
    assert len(owners) == 3
    assert {c.owner_id for c in db.session.scalars(select(Challenge))} == {r.user_id for r in owners}
