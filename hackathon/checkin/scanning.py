"""Scanning rules: a badge at a point on a day counts once; repeated nonces replay; a mis-scan is undone.

The unique index on (registration, point, day) for live check-ins decides who was first when
several doors scan the same badge at once; the nonce's stored answer makes a retried request
a no-op. Nothing is written for a refusal: the unit of work rolls back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..clock import iso, local_today, to_zone, utcnow
from ..errors import Closed, Conflict, Gone, Invalid, NotFound
from ..events.models import Event
from ..events.people import registrations
from ..events.services import event_dates
from ..extensions import db
from ..teams.membership import team_of
from ..teams.models import Team
from ..transactions import insert_unless_duplicate
from .badges import ensure_badge
from .door_read import DoorRead, read_badge
from .holders import Holder, Registrant, holder, holder_columns
from .models import POINT_KINDS, Badge, Checkin, CheckinPoint, ScanAnswer

UNDO_SECONDS = 60
DOOR_NAME = "Entrance"


@dataclass
class ScanResult:
    """The answer to a scan: the HTTP status (201 first time, 200 already) and the contract's body."""

    status: int
    body: dict = field(default_factory=dict)
    created: bool = False  # a check-in row was written by this call (facts follow)
    point_id: int | None = None


def parse_day(value: str | None, event: Event) -> dt.date:
    """A YYYY-MM-DD string as a date; today in the event's zone when None; `invalid` otherwise."""
    if value is None:
        return local_today(event.timezone)
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else _bad_day()
    except ValueError:
        return _bad_day()


def _bad_day() -> dt.date:
    raise Invalid(_("The day must be a date written YYYY-MM-DD."))


def existing_door(event: Event) -> CheckinPoint | None:
    """The event's door if anyone has been checked in yet (reads only)."""
    return db.session.scalar(
        select(CheckinPoint).where(CheckinPoint.event_id == event.id, CheckinPoint.kind == "door")
        .order_by(CheckinPoint.id).limit(1)
    )


def door_point(event: Event) -> CheckinPoint:
    """The event's door, created on first use (two creators at once end up with one)."""
    found = existing_door(event)
    if found is not None:
        return found
    point = CheckinPoint(event_id=event.id, name=DOOR_NAME, kind="door")
    try:
        with db.session.begin_nested():
            db.session.add(point)
    except IntegrityError:
        return db.session.scalar(select(CheckinPoint).where(CheckinPoint.event_id == event.id,
                                                            CheckinPoint.name == DOOR_NAME))
    return point


def points_of(event: Event) -> list[CheckinPoint]:
    """Every check-in point of the event, the door first (the door exists once someone scanned)."""
    return list(db.session.scalars(
        select(CheckinPoint).where(CheckinPoint.event_id == event.id)
        .order_by(CheckinPoint.kind != "door", CheckinPoint.day, CheckinPoint.name)
    ))


def get_point(event: Event, point_id: int) -> CheckinPoint:
    """A point of this event; `not_found` otherwise."""
    point = db.session.get(CheckinPoint, point_id)
    if point is None or point.event_id != event.id:
        raise NotFound(_("No such check-in point."))
    return point


def add_point(event: Event, name: str, kind: str, day: dt.date | None) -> CheckinPoint:
    """Add a lunch or workshop (counted once per person) on one of the event's days."""
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise Invalid(_("Please give the point a name of at most 80 characters."))
    if kind not in POINT_KINDS or kind == "door":
        raise Invalid(_("Choose a meal or a workshop; the door exists already."))
    if day not in event_dates(event):
        raise Invalid(_("Choose one of the event's days."))
    point = CheckinPoint(event_id=event.id, name=name, kind=kind, day=day)
    try:
        with db.session.begin_nested():
            db.session.add(point)
    except IntegrityError:
        raise Conflict(_("There is already a point with this name."), code="duplicate_point") from None
    return point


_ASK = object()  # participant_json's team not read yet
TeamOrAsk = Team | object | None  # a team, None (in no team), or _ASK (look it up)


def participant_json(registration: Registrant, badge: Badge | None = None, team: TeamOrAsk = _ASK) -> dict:
    """Who the door staff greet: name, team, challenge, and what to look after (`team` when already read)."""
    if team is _ASK:
        team = team_of(registration.user, registration.event_id)
    challenge = team.challenge.title if team is not None and team.challenge is not None else None
    return {
        "registration_id": registration.id,
        "name": registration.user.name,
        "organisation": registration.organisation,
        "team": team.name if team is not None else None,
        "challenge": challenge,
        "dietary": registration.dietary,
        "accessibility": registration.accessibility,
        "badge_id": badge.id if badge is not None else None,
    }


def _answer_already(event: Event, checkin: Checkin, registration: Registrant, badge: Badge,
                    team: TeamOrAsk) -> ScanResult:
    local = to_zone(checkin.at, event.timezone)
    return ScanResult(200, {
        "status": "already_checked_in", "at": iso(checkin.at), "time": local.strftime("%H:%M"),
        "by": checkin.by_user.name if checkin.by_user else "", "door": checkin.door,
        "day": checkin.day.isoformat(), "point": checkin.point.name, "checkin_id": checkin.id,
        "participant": participant_json(registration, badge, team),
    })


# The check-in that came first, with who scanned it and where: one statement (amber verdicts are common).
_LIVE_CHECKIN = (
    select(Checkin).where(Checkin.registration_id == bindparam("registration_id"),
                          Checkin.point_id == bindparam("point_id"), Checkin.day == bindparam("day"),
                          Checkin.undone_at.is_(None))
    .options(joinedload(Checkin.by_user), joinedload(Checkin.point))
)


def _live_checkin(registration_id: int, point_id: int, day: dt.date) -> Checkin | None:
    return db.session.scalar(_LIVE_CHECKIN, {"registration_id": registration_id, "point_id": point_id, "day": day})


class NonceAnswered(Exception):
    """Another request with this scan's nonce stored its answer first: roll back, then `replay`."""


def _replayed(event: Event, stored: ScanAnswer) -> ScanResult:
    """The answer first given for this nonce, rebuilt from the check-in it reported (nothing personal is stored)."""
    if stored.event_id != event.id:
        raise Conflict(_("This nonce was used for another event."), code="nonce_reused")
    person = registrations()
    checkin, user, *columns = db.session.execute(
        select(Checkin, User, *holder_columns(person)).join(person, person.c.id == Checkin.registration_id)
        .join(User, User.id == person.c.user_id).where(Checkin.id == stored.checkin_id)
        .options(joinedload(Checkin.by_user), joinedload(Checkin.point))).one()
    registration = holder(user, *columns)
    badge = db.session.get(Badge, checkin.badge_id) if checkin.badge_id is not None else None
    if stored.status == 200:
        return _answer_already(event, checkin, registration, badge, _ASK)
    return ScanResult(stored.status, _checked_in_body(event, checkin, registration, badge, _ASK))


def replay(event: Event, nonce: str) -> ScanResult:
    """The answer stored for this nonce by an earlier request (after NonceAnswered)."""
    stored = db.session.get(ScanAnswer, nonce)
    if stored is None:
        raise Conflict(_("Please scan again."))
    return _replayed(event, stored)


def _store_answer(event: Event, nonce: str, result: ScanResult) -> None:
    """Keep the answer for a retried request; NonceAnswered if a concurrent one with the same nonce was first.

    A concurrent request with the same code waits on the check-in's unique index (PostgreSQL) or the write
    lock (SQLite) and then finds this answer; one with another code rolls back its check-in and replays it.
    """
    stored = db.session.execute(
        insert_unless_duplicate(ScanAnswer.__table__)
        .values(nonce=nonce, event_id=event.id, status=result.status, checkin_id=result.body["checkin_id"],
                created_at=utcnow())
        .returning(ScanAnswer.__table__.c.nonce)
    ).first()
    if stored is None:
        raise NonceAnswered(nonce)


def parse_scanned_at(value: str | None) -> dt.datetime | None:
    """When an offline scanner scanned (ISO 8601 with offset); `invalid` unless within the last day."""
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        moment = None
    now = utcnow()
    if moment is None or moment.tzinfo is None or not now - timedelta(days=1) <= moment <= now + timedelta(minutes=2):
        raise Invalid(_("scanned_at must be a time with offset within the last day."))
    return min(moment, now)


def scan(event: Event, code: str | None, by: User, *, day: dt.date | None = None, nonce: str | None = None,
         door: str = "", point: CheckinPoint | None = None, registration: Registrant | None = None,
         scanned_at: dt.datetime | None = None, read: DoorRead | None = None) -> ScanResult:
    """Check the badge's holder in at the point (the door by default) on the day (today by default).

    scanned_at is when an offline scanner read the badge; the check-in keeps that time. `read` is the door's
    read of `code` when the caller has already made it (authorising the scan). A nonce sent before replays
    that request's answer; NonceAnswered when a concurrent request with it stored its answer first.
    """
    if registration is None and (read is None or read.badge.code != code or read.nonce != nonce):
        read = read_badge(code, by.id, nonce)
    if nonce is not None:
        stored = read.answer if read is not None else db.session.get(ScanAnswer, nonce)
        if stored is not None:
            return _replayed(event, stored)
    team: TeamOrAsk = _ASK
    dates = None
    if registration is None:
        badge = read.badge if read is not None else None
        if badge is None or badge.event_id != event.id:
            raise NotFound(_("Unknown badge: this code is not a badge of %(event)s.", event=event.name),
                           code="unknown_badge")
        if badge.status != "active":
            raise Gone(_("This badge was revoked. Ask for the person's new badge or search their name."),
                       code="revoked_badge")
        registration = read.holder
        team, dates, point = read.team, read.event_dates, point or read.door
    else:
        badge = None
    day = day or local_today(event.timezone)
    point = point or door_point(event)
    if point.kind != "door" and point.day is not None:
        day = point.day
    if day not in (dates if dates is not None else event_dates(event)):
        raise Conflict(_("%(event)s does not take place on %(day)s.", event=event.name, day=day.isoformat()),
                       code="not_registered_today")
    if registration.event_id != event.id or registration.status != "confirmed":
        raise Conflict(_("%(name)s is not registered (or no longer registered) for this event.",
                         name=registration.user.name), code="not_registered_today")
    if badge is None:
        badge = ensure_badge(registration)
    result = _check_in(event, registration, badge, point, day, by, nonce, door, scanned_at or utcnow(), team)
    if nonce is not None:
        _store_answer(event, nonce, result)
    return result


def _check_in(event: Event, registration: Registrant, badge: Badge, point: CheckinPoint, day: dt.date,
              by: User, nonce: str | None, door: str, at: dt.datetime, team: TeamOrAsk) -> ScanResult:
    door = (door or "").strip()[:60]
    # The unique index on live (registration, point, day) decides: no row back means someone was first.
    checkin_id = db.session.scalar(
        insert_unless_duplicate(Checkin.__table__)
        .values(event_id=event.id, badge_id=badge.id, registration_id=registration.id, point_id=point.id,
                day=day, at=at, by_user_id=by.id, door=door, nonce=nonce)
        .returning(Checkin.__table__.c.id)
    )
    if checkin_id is None:
        existing = _live_checkin(registration.id, point.id, day)
        if existing is not None:
            return _answer_already(event, existing, registration, badge, team)
        if nonce is not None:
            raise NonceAnswered(nonce)  # a check-in of another badge took this nonce (unique) meanwhile
        raise Conflict(_("Please scan again."))
    return ScanResult(201, {
        "status": "checked_in", "participant": participant_json(registration, badge, team), "day": day.isoformat(),
        "at": iso(at), "time": to_zone(at, event.timezone).strftime("%H:%M"),
        "door": door, "point": point.name, "checkin_id": checkin_id,
    }, created=True, point_id=point.id)


def _checked_in_body(event: Event, checkin: Checkin, registration: Registrant, badge: Badge | None,
                     team: TeamOrAsk) -> dict:
    """The 201 answer of a check-in, from its row (a replayed nonce)."""
    return {
        "status": "checked_in", "participant": participant_json(registration, badge, team),
        "day": checkin.day.isoformat(), "at": iso(checkin.at), "time": to_zone(checkin.at, event.timezone).strftime(
            "%H:%M"), "door": checkin.door, "point": checkin.point.name, "checkin_id": checkin.id,
    }


def undo(event: Event, checkin_id: int) -> Checkin:
    """Undo a check-in made less than a minute ago; `closed` (undo_expired) after that."""
    checkin = db.session.get(Checkin, checkin_id)
    if checkin is None or checkin.event_id != event.id:
        raise NotFound(_("No such check-in."))
    now = utcnow()
    result = db.session.execute(
        update(Checkin).where(Checkin.id == checkin_id, Checkin.undone_at.is_(None),
                              Checkin.at >= now - timedelta(seconds=UNDO_SECONDS))
        .values(undone_at=now).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        if checkin.undone_at is not None:
            raise Conflict(_("This check-in was already undone."), code="already_undone")
        raise Closed(_("A check-in can only be undone within a minute."), code="undo_expired")
    db.session.refresh(checkin)
    return checkin


def search(event: Event, query: str, limit: int = 20) -> list[Holder]:
    """Confirmed participants whose name or email contains the query (a lost badge), in one query."""
    from sqlalchemy import func, or_

    # LIKE wildcards typed by the user are taken out, not searched for.
    query = (query or "").replace("\\", "").replace("%", "").replace("_", "").strip().lower()
    if len(query) < 2:
        return []
    pattern = "%" + query + "%"
    person = registrations()
    return [holder(user, *columns) for user, *columns in db.session.execute(
        select(User, *holder_columns(person)).select_from(person).join(User, User.id == person.c.user_id)
        .where(person.c.event_id == event.id, person.c.status == "confirmed",
               or_(func.lower(User.name).like(pattern), func.lower(User.email).like(pattern)))
        .order_by(User.name).limit(limit)
    )]
