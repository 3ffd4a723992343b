"""Badge sheets: every confirmed person's badge with name, team, challenge and role, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Subquery, func, select

from ..accounts.models import User
from ..events.models import Event
from ..events.people import registrations, staff_roles
from ..events.roles import role_label
from ..extensions import db
from ..teams.membership import teams_of_people
from .badges import svg_data_uris
from .models import Badge

# The role a badge shows when a person holds several: the one door staff most need to see.
ROLE_ORDER = ("organiser", "jury", "mentor", "challenge_owner", "door", "participant")
# Badges per page of the sheet: 25 A4 sheets of eight. A whole event at once made a page of megabytes.
SHEET_SIZE = 200


@dataclass(slots=True)
class BadgeCard:
    registration_id: int
    name: str
    organisation: str
    team: str | None
    challenge: str | None
    role: str
    role_label: str
    code: str
    image: str


def _printable(query, registration: Subquery, event: Event):
    """Narrow a query on badges to the sheet's: active badges of the event's confirmed registrations (events'
    `registrations()`)."""
    return (query.join(registration, registration.c.id == Badge.registration_id)
            .where(Badge.event_id == event.id, Badge.status == "active", registration.c.status == "confirmed"))


def count_cards(event: Event) -> int:
    """How many badges the event's sheet holds: active badges of confirmed registrations."""
    return db.session.scalar(_printable(select(func.count(Badge.id)), registrations(), event))


def badge_cards(event: Event, registration_ids: list[int] | None = None, page: int | None = None
                ) -> list[BadgeCard]:
    """Active badges of confirmed registrations (or of the given ones), ordered by name; `page`: only that page
    of SHEET_SIZE badges. Three queries, columns only."""
    registration = registrations()
    query = (_printable(select(Badge.code, registration.c.id, registration.c.user_id, registration.c.organisation,
                               User.name), registration, event)
             .join(User, User.id == registration.c.user_id).order_by(User.name, Badge.id))
    if registration_ids is not None:
        query = query.where(Badge.registration_id.in_(registration_ids))
    if page is not None:
        query = query.limit(SHEET_SIZE).offset((max(page, 1) - 1) * SHEET_SIZE)
    badges = db.session.execute(query).all()
    on_sheet = registration_ids is not None or page is not None  # only the people on this sheet
    teams = teams_of_people(event.id, [user_id for _c, _r, user_id, *_ in badges] if on_sheet else None)
    roles = staff_roles(event.id)
    labels = {role: role_label(role) for role in ROLE_ORDER}
    images = svg_data_uris([code for code, *_rest in badges])
    cards = []
    for (code, registration_id, user_id, organisation, name), image in zip(badges, images, strict=True):
        team, challenge = teams.get(user_id, (None, None))
        held = roles.get(user_id, set()) | {"participant"}
        role = next(r for r in ROLE_ORDER if r in held)
        cards.append(BadgeCard(registration_id=registration_id, name=name, organisation=organisation, team=team,
                               challenge=challenge, role=role, role_label=labels[role], code=code, image=image))
    return cards
