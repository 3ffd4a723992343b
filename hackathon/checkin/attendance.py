"""Attendance: who is in today against who is expected, per door and per quarter hour; the CSV."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from ..accounts.models import User
from ..clock import to_zone
from ..csv_export import stream_csv
from ..events.models import Event
from ..events.people import confirmed, registrations
from ..extensions import db
from .models import Checkin, CheckinPoint
from .scanning import DOOR_NAME, existing_door


def version_of(event: Event) -> int:
    """Grows with every check-in and every undo (rows are never deleted)."""
    made, undone = db.session.execute(
        select(func.count(Checkin.id), func.count(Checkin.undone_at)).where(Checkin.event_id == event.id)
    ).one()
    return made + undone


def expected(event: Event) -> int:
    """Confirmed participants: who should come through the door each day."""
    return db.session.scalar(select(func.count()).select_from(confirmed(event.id).subquery()))


def attended(event_id: int) -> Select:
    """The ids of the people checked in at least once at the event (any point, any day; undone ones aside), as a
    subquery to use inside the caller's own statement."""
    registration = registrations()
    return select(registration.c.user_id).where(registration.c.event_id == event_id, registration.c.id.in_(
        select(Checkin.registration_id).where(Checkin.event_id == event_id, Checkin.undone_at.is_(None))))


def stats(event: Event, day: dt.date, point: CheckinPoint | None = None) -> dict:
    """The `checkin:stats` fact: checked in on the day at the door, expected, per-door counts, version."""
    point = point or existing_door(event)
    rows = db.session.execute(
        select(Checkin.door, func.count()).where(
            Checkin.event_id == event.id, Checkin.point_id == point.id, Checkin.day == day,
            Checkin.undone_at.is_(None)).group_by(Checkin.door)
    ).all() if point is not None else []
    doors = {door or "": count for door, count in rows}
    return {"event": event.slug, "day": day.isoformat(), "point": point.name if point else DOOR_NAME,
            "point_kind": point.kind if point else "door", "checked_in": sum(doors.values()),
            "expected": expected(event), "doors": doors, "version": version_of(event)}


@dataclass
class Arrival:
    """A quarter hour of the day and how many came in then."""

    label: str
    count: int
    percent: int  # of the busiest quarter hour: the bar's length


def arrivals(event: Event, day: dt.date, checkins: list[Checkin]) -> list[Arrival]:
    """Arrivals per quarter hour in the event's zone, from the first to the last one seen."""
    buckets: Counter[tuple[int, int]] = Counter()
    for checkin in checkins:
        local = to_zone(checkin.at, event.timezone)
        buckets[(local.hour, local.minute // 15 * 15)] += 1
    if not buckets:
        return []
    first, last = min(buckets), max(buckets)
    busiest = max(buckets.values())
    out = []
    slot = first
    while slot <= last:
        count = buckets.get(slot, 0)
        out.append(Arrival(f"{slot[0]:02d}:{slot[1]:02d}", count, round(100 * count / busiest)))
        minute = slot[1] + 15
        slot = (slot[0] + minute // 60, minute % 60)
    return out


def day_checkins(event: Event, day: dt.date, point: CheckinPoint | None) -> list:
    """The day's live check-ins at a point, in order: rows of at, door, the person's name, email and organisation,
    and the scanner's name (one query)."""
    if point is None:
        return []
    registration = registrations()
    scanner = aliased(User)
    return db.session.execute(
        select(Checkin.at, Checkin.door, User.name, User.email, registration.c.organisation,
               scanner.name.label("by_name"))
        .join(registration, registration.c.id == Checkin.registration_id)
        .join(User, User.id == registration.c.user_id).outerjoin(scanner, scanner.id == Checkin.by_user_id)
        .where(Checkin.event_id == event.id, Checkin.point_id == point.id, Checkin.day == day,
               Checkin.undone_at.is_(None))
        .order_by(Checkin.at)).all()


def checkin_times(event: Event, day: dt.date, point: CheckinPoint | None) -> list:
    """When each of the day's live check-ins at a point happened (rows with `.at`, for `arrivals`)."""
    if point is None:
        return []
    return db.session.execute(
        select(Checkin.at).where(Checkin.event_id == event.id, Checkin.point_id == point.id, Checkin.day == day,
                                 Checkin.undone_at.is_(None))).all()


def recent_checkins(event: Event, day: dt.date, point: CheckinPoint | None, limit: int = 15) -> list:
    """The day's latest live check-ins at a point, newest first: rows of at, name, door and scanner's name."""
    if point is None:
        return []
    registration = registrations()
    scanner = aliased(User)
    return db.session.execute(
        select(Checkin.at, User.name, Checkin.door, scanner.name.label("by_name"))
        .join(registration, registration.c.id == Checkin.registration_id)
        .join(User, User.id == registration.c.user_id)
        .outerjoin(scanner, scanner.id == Checkin.by_user_id)
        .where(Checkin.event_id == event.id, Checkin.point_id == point.id, Checkin.day == day,
               Checkin.undone_at.is_(None))
        .order_by(Checkin.at.desc(), Checkin.id.desc()).limit(limit)).all()


def not_arrived(event: Event, day: dt.date, point: CheckinPoint | None) -> list:
    """Confirmed participants without a live check-in at the point on the day, by name: rows of name and
    organisation (columns: before the doors open, that is everyone)."""
    arrived = select(Checkin.registration_id).where(
        Checkin.event_id == event.id, Checkin.point_id == (point.id if point else -1), Checkin.day == day,
        Checkin.undone_at.is_(None))
    registration = registrations()
    return db.session.execute(
        select(User.name, registration.c.organisation).join(User, User.id == registration.c.user_id)
        .where(registration.c.event_id == event.id, registration.c.status == "confirmed",
               registration.c.id.not_in(arrived))
        .order_by(User.name, registration.c.id)).all()


def export_csv(event: Event, day: dt.date, point: CheckinPoint | None) -> str:
    """The day's check-ins as CSV: name, email, time in the event's zone, door, scanned by."""
    return "".join(stream_csv(
        ["name", "email", "organisation", "day", "time", "point", "door", "scanned_by"],
        ((c.name, c.email, c.organisation, day.isoformat(), to_zone(c.at, event.timezone).strftime("%H:%M:%S"),
          point.name, c.door, c.by_name or "")
         for c in day_checkins(event, day, point)),
    ))
