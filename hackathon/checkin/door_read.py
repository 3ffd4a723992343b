"""What a scan needs to know about a code, read in one statement: doors scan hundreds of badges a minute.

The badge with its registration, holder and event, the holder's team and challenge, the event's days, the
event's door, whether the scanner works the event's door and the stored answer to the scan's nonce (a retried
request): asked one by one, these were eight statements, most of a scan's time on one worker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import String, and_, bindparam, cast, func, select
from sqlalchemy.orm import aliased, contains_eager, joinedload

from ..accounts.models import User
from ..events.days import event_days
from ..events.people import holders, registrations
from ..extensions import db
from ..teams.membership import members
from ..teams.models import Team
from .access import DOOR_ROLES
from .holders import Holder, holder, holder_columns
from .models import Badge, CheckinPoint, ScanAnswer


@dataclass(frozen=True)
class DoorRead:
    """A badge as the door sees it."""

    badge: Badge  # with .event loaded
    holder: Holder  # the badge's registration, with the person's account
    team: Team | None  # the holder's team at the event, .challenge loaded; None outside a team
    door: CheckinPoint | None  # the event's door; None until the event's first check-in
    event_dates: tuple[dt.date, ...]
    scanner_at_door: bool  # an organiser or door staff of the badge's event
    nonce: str | None  # the scan's nonce, looked up with the badge
    answer: ScanAnswer | None  # the stored answer of an earlier request with that nonce


_door = aliased(CheckinPoint)
_registration = registrations()
_seats = members(None).subquery()  # every event's team memberships, joined on the badge's event
_days = event_days()
_DATES = (select(func.aggregate_strings(cast(_days.c.date, String), ","))
          .where(_days.c.event_id == Badge.event_id).scalar_subquery())
_door_staff = holders(Badge.event_id, DOOR_ROLES)
_AT_DOOR = _door_staff.where(_door_staff.selected_columns.user_id == bindparam("scanner_id")).exists()
_READ = (
    select(Badge, Team, _door, ScanAnswer, _DATES, _AT_DOOR, User, *holder_columns(_registration))
    .join(_registration, _registration.c.id == Badge.registration_id)
    .join(User, User.id == _registration.c.user_id).join(Badge.event)
    .outerjoin(_seats, and_(_seats.c.event_id == Badge.event_id, _seats.c.user_id == _registration.c.user_id))
    .outerjoin(Team, Team.id == _seats.c.team_id)
    .outerjoin(_door, and_(_door.event_id == Badge.event_id, _door.kind == "door"))
    .outerjoin(ScanAnswer, ScanAnswer.nonce == bindparam("nonce"))
    .where(Badge.code == bindparam("code"))
    .options(contains_eager(Badge.event), joinedload(Team.challenge))  # joined in the same statement
)


def read_badge(code: str, scanner_id: int, nonce: str | None = None) -> DoorRead | None:
    """The badge of this exact code (any event, any status) as the door sees it, or None."""
    if not isinstance(code, str) or not code or len(code) > 48:
        return None
    row = db.session.execute(_READ, {"code": code, "scanner_id": scanner_id, "nonce": nonce}).first()
    if row is None:
        return None
    badge, team, door, answer, dates, at_door, user, *registration = row
    return DoorRead(badge=badge, holder=holder(user, *registration), team=team, door=door,
                    scanner_at_door=bool(at_door), nonce=nonce,
                    answer=answer if nonce is not None else None,
                    event_dates=tuple(sorted(dt.date.fromisoformat(d) for d in (dates or "").split(",") if d)))
