"""Mentors' hours: when each mentor can mentor, and the grid the organisers generate from them.

A mentor gives blocks of time on the event's days; generating the grid turns each block not yet on it into a
session at the organisers' place, cut into slots that are already claimed by that mentor (available to book).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import delete, exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased, selectinload

from ..accounts.models import User
from ..clock import utcnow
from ..errors import Conflict, Invalid, NotFound
from ..events.models import Event
from ..events.services import event_dates
from ..extensions import db
from .grid import create_session
from .models import MentorHours, MentorSlot

MAX_BLOCKS = 20


def _moments(event: Event, day: dt.date, start: dt.time, end: dt.time) -> tuple[dt.datetime, dt.datetime]:
    if day not in event_dates(event):
        raise Invalid(_("Please choose one of the event's days."))
    zone = ZoneInfo(event.timezone)
    starts = dt.datetime.combine(day, start, zone).astimezone(dt.UTC)
    ends = dt.datetime.combine(day, end, zone).astimezone(dt.UTC)
    if ends <= starts:
        raise Invalid(_("Your hours must end after they start."))
    if ends - starts > dt.timedelta(hours=12):
        raise Invalid(_("A block of hours lasts at most 12 hours: add another block."))
    return starts, ends


def hours_of(event_id: int, user_id: int) -> list[MentorHours]:
    """One mentor's hours at the event, in time order."""
    return list(db.session.scalars(select(MentorHours).where(
        MentorHours.event_id == event_id, MentorHours.user_id == user_id).order_by(MentorHours.starts_at)))


def all_hours(event_id: int) -> list[MentorHours]:
    """Every mentor's hours at the event with the mentors (two queries), in time order."""
    return list(db.session.scalars(select(MentorHours).where(MentorHours.event_id == event_id)
                                   .order_by(MentorHours.starts_at, MentorHours.id)
                                   .options(selectinload(MentorHours.user))))


def add_hours(event: Event, mentor: User, day: dt.date, start: dt.time, end: dt.time) -> MentorHours:
    """A mentor says when they can mentor; `conflict` when it overlaps hours they already gave."""
    starts, ends = _moments(event, day, start, end)
    mine = hours_of(event.id, mentor.id)
    if len(mine) >= MAX_BLOCKS:
        raise Invalid(_("You can give at most %(n)d blocks of hours.", n=MAX_BLOCKS))
    if any(h.starts_at < ends and h.ends_at > starts for h in mine):
        raise Conflict(_("These hours overlap hours you already gave."), code="overlap")
    hours = MentorHours(event_id=event.id, user_id=mentor.id, starts_at=starts, ends_at=ends)
    try:
        with db.session.begin_nested():
            db.session.add(hours)
    except IntegrityError:
        raise Conflict(_("These hours overlap hours you already gave."), code="overlap") from None
    return hours


def remove_hours(event: Event, mentor: User, hours_id: int) -> None:
    """A mentor takes back hours the grid does not use yet; `conflict` once they are on the grid."""
    hours = db.session.get(MentorHours, hours_id) if isinstance(hours_id, int) else None
    if hours is None or hours.event_id != event.id or hours.user_id != mentor.id:
        raise NotFound(_("There are no such hours."))
    if hours.session_id is not None:
        raise Conflict(_("These hours are on the grid already: release their slots on your mentoring page."),
                       code="on_grid")
    db.session.execute(delete(MentorHours).where(MentorHours.id == hours.id))


@dataclass
class Generated:
    """What generating the grid made: sessions, slots claimed for their mentors, slots left open (clashes)."""

    sessions: int
    claimed: list[int]
    left_open: list[int]


def generate(event: Event, *, slot_minutes: int, location: str, video_link: str = "") -> Generated:
    """Every block of hours not yet on the grid becomes a session of slots claimed by its mentor.

    A slot that would overlap another claim of the same mentor stays open (any mentor may claim it).
    """
    pending = [h for h in all_hours(event.id) if h.session_id is None and h.ends_at > utcnow()]
    if not pending:
        raise Invalid(_("No mentor has given hours that are not on the grid yet."), code="nothing_to_generate")
    zone = ZoneInfo(event.timezone)
    claimed: list[int] = []
    left_open: list[int] = []
    for hours in pending:
        starts, ends = hours.starts_at.astimezone(zone), hours.ends_at.astimezone(zone)
        session = create_session(event, day=starts.date(), start=starts.time().replace(tzinfo=None),
                                 end=ends.time().replace(tzinfo=None), slot_minutes=slot_minutes,
                                 location=location, video_link=video_link, title=hours.user.name)
        hours.session_id = session.id
        other = aliased(MentorSlot)
        for slot in db.session.scalars(select(MentorSlot).where(MentorSlot.session_id == session.id)
                                       .order_by(MentorSlot.starts_at)):
            clash = exists().where(other.mentor_id == hours.user_id, other.status != "open", other.id != slot.id,
                                   other.starts_at < slot.ends_at, other.ends_at > slot.starts_at)
            result = db.session.execute(
                update(MentorSlot).where(MentorSlot.id == slot.id, MentorSlot.status == "open", ~clash)
                .values(status="available", mentor_id=hours.user_id, claimed_at=utcnow(),
                        version=MentorSlot.version + 1).execution_options(synchronize_session=False))
            (claimed if result.rowcount == 1 else left_open).append(slot.id)
    db.session.flush()
    return Generated(len(pending), claimed, left_open)
