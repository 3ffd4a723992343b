"""Check-in: badges (the opaque QR code), check-in points (the door, a lunch), and check-ins.

Badges and check-ins belong to a registration (`registration_id`): its columns are read through the events
capability's `people.registrations()`, not through a relationship to its model.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..clock import UTCDateTime, utcnow
from ..events.models import Event
from ..extensions import db

POINT_KINDS = ("door", "meal", "workshop")


class Badge(db.Model):
    """A registration's QR badge: a random code with no personal data; one active badge per registration."""

    __tablename__ = "badges"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'revoked')", name="known_badge_status"),
        # Reissuing revokes the old badge first: the database refuses a second active one.
        Index("uq_badges_active_registration", "registration_id", unique=True,
              sqlite_where=text("status = 'active'"), postgresql_where=text("status = 'active'")),
        Index("ix_badges_event", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(48), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="active")
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[Event] = relationship()


class CheckinPoint(db.Model):
    """Where people are counted: the door (once per person per day), a lunch or workshop (once per person)."""

    __tablename__ = "checkin_points"
    __table_args__ = (
        UniqueConstraint("event_id", "name"),
        CheckConstraint("kind IN ('door', 'meal', 'workshop')", name="known_point_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10), default="door")
    # Meals and workshops happen on one day; the door has none (it counts every day).
    day: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Checkin(db.Model):
    """One person counted at one point on one day; an undone check-in stays, outside the unique key."""

    __tablename__ = "checkins"
    __table_args__ = (
        # Several doors scan at once: the database keeps one live check-in per person, point and day.
        Index("uq_checkins_once", "registration_id", "point_id", "day", unique=True,
              sqlite_where=text("undone_at IS NULL"), postgresql_where=text("undone_at IS NULL")),
        Index("ix_checkins_event_day", "event_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    badge_id: Mapped[int | None] = mapped_column(ForeignKey("badges.id", ondelete="SET NULL"))
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"))
    point_id: Mapped[int] = mapped_column(ForeignKey("checkin_points.id", ondelete="CASCADE"))
    day: Mapped[dt.date] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    door: Mapped[str] = mapped_column(String(60), default="")
    nonce: Mapped[str | None] = mapped_column(String(64), unique=True)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    by_user: Mapped[User | None] = relationship()
    point: Mapped[CheckinPoint] = relationship()


class ScanAnswer(db.Model):
    """The first answer given to a client nonce, so that a repeated scan returns it and changes nothing.

    Only the status and the check-in it reported are kept: the answer is rebuilt from them when replayed. The
    answer itself names the participant and their dietary and accessibility needs, which must not outlive
    account erasure and retention in a store nobody purges.
    """

    __tablename__ = "checkin_scan_answers"

    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    status: Mapped[int] = mapped_column(default=0)
    checkin_id: Mapped[int] = mapped_column(ForeignKey("checkins.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
