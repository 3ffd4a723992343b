"""Events: the event and its days, roles people hold there and the invitations to them, participants'
registrations, the venue's rooms."""

from __future__ import annotations

import datetime as dt
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..clock import UTCDateTime, utcnow
from ..extensions import db

STAFF_ROLES = ("organiser", "mentor", "jury", "challenge_owner", "door")
REGISTRATION_STATUSES = ("confirmed", "waitlisted", "cancelled")


class Event(db.Model):
    """A hackathon: where and when, how many places, the windows its phases follow, the languages of its texts.

    Each phase of `events.schedule.PHASES` has an `<phase>_opens_at` and `<phase>_closes_at` (UTC, either may be
    empty: no limit on that side); the schedule's rules keep them consistent with each other and the days.
    """

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("confirmed_count >= 0", name="confirmed_count_not_negative"),
        CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        CheckConstraint("team_min_size >= 1 AND team_max_size >= team_min_size", name="team_sizes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    tagline: Mapped[str] = mapped_column(String(240), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Berlin")
    venue: Mapped[str] = mapped_column(String(240), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    capacity: Mapped[int] = mapped_column(default=100)
    # Seats taken, kept by conditional updates so that two registrations cannot race past capacity.
    confirmed_count: Mapped[int] = mapped_column(default=0, server_default="0")
    registration_open: Mapped[bool] = mapped_column(default=True, server_default="1")
    team_min_size: Mapped[int] = mapped_column(default=2, server_default="2")
    team_max_size: Mapped[int] = mapped_column(default=5, server_default="5")
    registration_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    registration_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    team_formation_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    team_formation_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mentoring_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mentoring_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    judging_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    judging_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checkin_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checkin_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A draft (False) is seen only by its staff and platform administrators until its organisers publish it.
    published: Mapped[bool] = mapped_column(default=True, server_default="1")
    # The language the organisers write the event's texts in, and the languages those texts are translated to.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    translation_languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    # {"de": {"tagline": "…", "description": "…"}}: see hackathon/localized.py.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    days: Mapped[list[EventDay]] = relationship(
        back_populates="event", order_by="EventDay.date", cascade="all, delete-orphan"
    )

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    def __repr__(self) -> str:
        return f"<Event {self.slug}>"


class EventDay(db.Model):
    """One calendar day of the event, in the event's time zone."""

    __tablename__ = "event_days"
    __table_args__ = (UniqueConstraint("event_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    label: Mapped[str] = mapped_column(String(80), default="")

    event: Mapped[Event] = relationship(back_populates="days")


class Role(db.Model):
    """A staff role a user holds at an event (participants are their registration)."""

    __tablename__ = "roles"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id", "role"),
        CheckConstraint("role IN ('organiser', 'mentor', 'jury', 'challenge_owner', 'door')", name="known_role"),
        Index("ix_roles_user", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    event: Mapped[Event] = relationship()


class Invitation(db.Model):
    """A link that grants a role at an event to whoever accepts it (or only to one email)."""

    __tablename__ = "invitations"
    __table_args__ = (Index("ix_invitations_event_role", "event_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    max_uses: Mapped[int] = mapped_column(default=1, server_default="1")
    uses: Mapped[int] = mapped_column(default=0, server_default="0")
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_by: Mapped[User | None] = relationship()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > utcnow() and self.uses < self.max_uses


class Registration(db.Model):
    """A person at an event: status, profile, and the consent they gave."""

    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        CheckConstraint("status IN ('confirmed', 'waitlisted', 'cancelled')", name="known_status"),
        Index("ix_registrations_event_status", "event_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12))
    organisation: Mapped[str] = mapped_column(String(160), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    interests: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    bio: Mapped[str] = mapped_column(String(500), default="")
    dietary: Mapped[str] = mapped_column(String(200), default="")
    accessibility: Mapped[str] = mapped_column(String(200), default="")
    consent_data_version: Mapped[str] = mapped_column(String(20))
    consent_data_at: Mapped[datetime] = mapped_column(UTCDateTime)
    consent_photos: Mapped[bool] = mapped_column(default=False)
    # Waitlist order: who waited first is promoted first.
    waitlisted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    user: Mapped[User] = relationship()
    event: Mapped[Event] = relationship()


class EventRoom(db.Model):
    """A room of the venue (a stage, a mentoring corner, a team table area): where the agenda and mentors meet."""

    __tablename__ = "event_rooms"
    __table_args__ = (
        UniqueConstraint("event_id", "name"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="room_capacity_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    capacity: Mapped[int | None] = mapped_column()
    notes: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
