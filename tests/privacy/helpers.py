"""Shared arrangements for the privacy tests: a person with a registration, a team and a token."""

from __future__ import annotations

from sqlalchemy import String, Text, select

from hackathon.accounts.tokens import issue_token
from hackathon.extensions import db
from hackathon.teams.models import Team, TeamMembership
from hackathon.transactions import unit_of_work


def with_team(event, *users, name="Fixers"):
    """A team holding the given users, made directly from the models."""
    with unit_of_work():
        team = Team(event_id=event.id, name=name, pitch="Repair cafés", invite_code="secret-invite-code",
                    max_size=5, member_count=len(users))
        db.session.add(team)
        db.session.flush()
        for user in users:
            db.session.add(TeamMembership(event_id=event.id, team_id=team.id, user_id=user.id))
    return team


def with_token(user, name="laptop"):
    with unit_of_work():
        token, raw = issue_token(user, name, 30)
    return token, raw


def strings_in_database() -> list[tuple[str, str, str]]:
    """(table, column, value) of every string (and JSON, as text) stored in every table."""
    found = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(table)):
            for column in table.columns:
                value = row._mapping[column]
                if value is None:
                    continue
                if isinstance(column.type, String | Text) or isinstance(value, list | dict):
                    found.append((table.name, column.name, str(value)))
    return found


def mentions(needle: str) -> list[tuple[str, str]]:
    """Where a text occurs anywhere in the database, case-insensitively."""
    needle = needle.lower()
    return [(table, column) for table, column, value in strings_in_database() if needle in value.lower()]
