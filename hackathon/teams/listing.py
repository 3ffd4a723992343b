"""Every team of an event for the pages that list them all (the board, the organisers' view, the JSON API).

Loading hundreds of Team entities with their memberships and users cost more than the rest of those pages
together, so lists read columns instead (three queries, whatever the size of the event) into small read-only
cards shaped like the entities: `team_card` in templates, `facts.team_payload` and the board's ranking and
filters take either. Changes still go through `services` on the entities.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from .models import Challenge, Team, TeamMembership


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Member:
    """A membership as lists show it: `member.user_id`, `member.user.name`, as on TeamMembership."""

    user_id: int
    user: Person


@dataclass(frozen=True, slots=True)
class ChallengeRef:
    id: int
    title: str
    tags: list[str]


@dataclass(slots=True)
class TeamCard:
    """A team as lists show it, with the attributes of Team that they read."""

    id: int
    event_id: int
    name: str
    pitch: str
    challenge_id: int | None
    challenge: ChallengeRef | None
    open_roles: list[str]
    join_policy: str
    max_size: int
    member_count: int
    version: int
    memberships: list[Member] = field(default_factory=list)


def team_cards(event_id: int) -> list[TeamCard]:
    """Every team of the event by name, with its challenge and its members in the order they joined."""
    challenges = {
        row.id: ChallengeRef(row.id, row.title, list(row.tags or []))
        for row in db.session.execute(select(Challenge.id, Challenge.title, Challenge.tags)
                                      .where(Challenge.event_id == event_id))
    }
    teams = [
        TeamCard(id=row.id, event_id=row.event_id, name=row.name, pitch=row.pitch or "",
                 challenge_id=row.challenge_id, challenge=challenges.get(row.challenge_id),
                 open_roles=list(row.open_roles or []), join_policy=row.join_policy, max_size=row.max_size,
                 member_count=row.member_count, version=row.version)
        for row in db.session.execute(
            select(Team.id, Team.event_id, Team.name, Team.pitch, Team.challenge_id, Team.open_roles,
                   Team.join_policy, Team.max_size, Team.member_count, Team.version)
            .where(Team.event_id == event_id).order_by(Team.name))
    ]
    by_id = {team.id: team for team in teams}
    rows = db.session.execute(
        select(TeamMembership.team_id, TeamMembership.user_id, User.name, User.email)
        .join(User, User.id == TeamMembership.user_id)
        .where(TeamMembership.event_id == event_id).order_by(TeamMembership.id))
    for team_id, user_id, name, email in rows:
        team = by_id.get(team_id)
        if team is not None:
            team.memberships.append(Member(user_id, Person(user_id, name, email)))
    return teams


class CardTexts:
    """The words on team cards, translated once per page rather than three times per card (a lookup in the
    catalogue costs more than the rest of a card). Templates get one from `team_card_texts()`."""

    def __init__(self) -> None:
        self.full = _("Full")
        self.open = _("Anyone may join")
        self.request = _("Members approve")
        self._places: dict[int, str] = {}

    def places(self, n: int) -> str:
        """'3 places left' (n > 0)."""
        if n not in self._places:
            self._places[n] = ngettext("%(num)d place left", "%(num)d places left", n)
        return self._places[n]
