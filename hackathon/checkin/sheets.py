"""Badge sheets: every confirmed person's badge with name, team, challenge and role, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from ..accounts.models import User
from ..events.models import Event, Registration, Role
from ..extensions import db
from ..teams.models import Team, TeamMembership
from .badges import svg_data_uris
from .models import Badge

# The role a badge shows when a person holds several: the one door staff most need to see.
ROLE_ORDER = ("organiser", "jury", "mentor", "challenge_owner", "participant")


@dataclass
class BadgeCard:
    registration_id: int
    name: str
    organisation: str
    team: str | None
    challenge: str | None
    role: str
    code: str
    image: str


def badge_cards(event: Event, registration_ids: list[int] | None = None) -> list[BadgeCard]:
    """Active badges of confirmed registrations (or of the given ones), ordered by name."""
    query = (select(Badge).join(Badge.registration).join(Registration.user)
             .where(Badge.event_id == event.id, Badge.status == "active", Registration.status == "confirmed")
             .options(contains_eager(Badge.registration).contains_eager(Registration.user))
             .order_by(User.name, Badge.id))
    if registration_ids is not None:
        query = query.where(Badge.registration_id.in_(registration_ids))
    badges = list(db.session.scalars(query))
    user_ids = [b.registration.user_id for b in badges]
    teams: dict[int, Team] = {}
    if user_ids:
        memberships = db.session.scalars(
            select(TeamMembership).where(TeamMembership.event_id == event.id, TeamMembership.user_id.in_(user_ids))
            .options(selectinload(TeamMembership.team).selectinload(Team.challenge))
        )
        teams = {m.user_id: m.team for m in memberships}
    roles: dict[int, set[str]] = {}
    for user_id, role in db.session.execute(select(Role.user_id, Role.role).where(Role.event_id == event.id)):
        roles.setdefault(user_id, set()).add(role)
    images = svg_data_uris([b.code for b in badges])
    cards = []
    for badge, image in zip(badges, images, strict=True):
        registration = badge.registration
        team = teams.get(registration.user_id)
        held = roles.get(registration.user_id, set()) | {"participant"}
        cards.append(BadgeCard(
            registration_id=registration.id, name=registration.user.name, organisation=registration.organisation,
            team=team.name if team else None,
            challenge=team.challenge.title if team and team.challenge else None,
            role=next(r for r in ROLE_ORDER if r in held), code=badge.code, image=image,
        ))
    return cards
