"""Mentoring: settings per event, mentor profiles, the grid (sessions and slots) and help requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..clock import UTCDateTime, utcnow
from ..extensions import db
from ..teams.models import Team

SLOT_STATUSES = ("open", "available", "booked")
HELP_STATUSES = ("waiting", "claimed", "resolved", "expired", "cancelled")


class MentoringSettings(db.Model):
    """The organiser's rules for one event: booking cut-off, fairness limit, help-request expiry."""

    __tablename__ = "mentoring_settings"
    __table_args__ = (
        CheckConstraint("cancel_cutoff_minutes >= 0", name="cutoff_not_negative"),
        CheckConstraint("max_upcoming_bookings >= 1", name="limit_positive"),
        CheckConstraint("help_expiry_minutes >= 1", name="expiry_positive"),
    )

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    cancel_cutoff_minutes: Mapped[int] = mapped_column(default=30)
    max_upcoming_bookings: Mapped[int] = mapped_column(default=2)
    help_expiry_minutes: Mapped[int] = mapped_column(default=45)
    version: Mapped[int] = mapped_column(default=1, server_default="1")


class MentorProfile(db.Model):
    """What a mentor offers at an event: expertise tags and a short bio."""

    __tablename__ = "mentor_profiles"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    expertise: Mapped[list[str]] = mapped_column(JSON, default=list)
    bio: Mapped[str] = mapped_column(String(600), default="")
    organisation: Mapped[str] = mapped_column(String(160), default="")
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    user: Mapped[User] = relationship()


class MentoringSession(db.Model):
    """A block of the grid: a time range on one day, cut into slots of equal length, at a place or online."""

    __tablename__ = "mentoring_sessions"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("slot_minutes >= 5 AND slot_minutes <= 240", name="slot_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(160), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    slot_minutes: Mapped[int] = mapped_column(default=30)
    location: Mapped[str] = mapped_column(String(200), default="")
    video_link: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MentorSlot(db.Model):
    """One slot of the grid: open (no mentor), available (a mentor claimed it), booked (a team booked it).

    Every change is a conditional UPDATE on `status` that bumps `version`, so two claims or two
    bookings of one slot cannot both succeed.
    """

    __tablename__ = "mentor_slots"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'available', 'booked')", name="known_status"),
        CheckConstraint("status = 'open' OR mentor_id IS NOT NULL", name="claimed_has_mentor"),
        CheckConstraint("status <> 'booked' OR team_id IS NOT NULL", name="booked_has_team"),
        Index("ix_mentor_slots_event_start", "event_id", "starts_at"),
        Index("ix_mentor_slots_mentor", "mentor_id"),
        Index("ix_mentor_slots_team", "team_id"),
        # Never reuse a removed slot's id: clients keep the "removed" fact's version for that id.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(ForeignKey("mentoring_sessions.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(10), default="open")
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    booked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(500), default="")
    cancel_reason: Mapped[str] = mapped_column(String(300), default="")
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    booked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    session: Mapped[MentoringSession] = relationship()
    mentor: Mapped[User | None] = relationship(foreign_keys=[mentor_id])
    team: Mapped[Team | None] = relationship()


class HelpRequest(db.Model):
    """A team asking for a mentor now: waiting, claimed by exactly one mentor, resolved (and rated)."""

    __tablename__ = "help_requests"
    __table_args__ = (
        CheckConstraint("status IN ('waiting', 'claimed', 'resolved', 'expired', 'cancelled')",
                        name="known_status"),
        CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="rating_range"),
        CheckConstraint("status = 'waiting' OR status = 'expired' OR status = 'cancelled' OR mentor_id IS NOT NULL",
                        name="claimed_has_mentor"),
        Index("ix_help_requests_event_status", "event_id", "status"),
        Index("ix_help_requests_team", "team_id"),
        # One active request per team: asking twice is refused by the database, not by a check.
        Index("uq_help_requests_active_team", "team_id", unique=True,
              sqlite_where=text("status IN ('waiting', 'claimed')"),
              postgresql_where=text("status IN ('waiting', 'claimed')")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    topic: Mapped[str] = mapped_column(String(200))
    location: Mapped[str] = mapped_column(String(120), default="")
    tried: Mapped[str] = mapped_column(String(1000), default="")
    status: Mapped[str] = mapped_column(String(10), default="waiting")
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rating: Mapped[int | None] = mapped_column()
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    team: Mapped[Team] = relationship()
    mentor: Mapped[User | None] = relationship(foreign_keys=[mentor_id])


class MentorHours(db.Model):
    """When a mentor can mentor at the event: a block of time the organisers turn into claimed slots."""

    __tablename__ = "mentor_hours"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="hours_end_after_start"),
        UniqueConstraint("event_id", "user_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The grid's session made from these hours (None until the organisers generate the grid).
    session_id: Mapped[int | None] = mapped_column(ForeignKey("mentoring_sessions.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
