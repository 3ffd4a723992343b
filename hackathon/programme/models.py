"""The programme: agenda items of the event days, and announcements sent to the people at the event."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..clock import UTCDateTime, utcnow
from ..extensions import db

KINDS = ("plenary", "hacking", "mentoring", "meal", "deadline", "pitch", "award")
AUDIENCE_KINDS = ("event", "role", "team")
TEXT_MAX = 500


class AgendaItem(db.Model):
    """One block of the agenda: what happens, when (stored UTC) and where."""

    __tablename__ = "agenda_items"
    __table_args__ = (
        CheckConstraint("ends_at >= starts_at", name="agenda_ends_after_start"),
        CheckConstraint(
            "kind IN ('plenary', 'hacking', 'mentoring', 'meal', 'deadline', 'pitch', 'award')",
            name="known_agenda_kind",
        ),
        Index("ix_agenda_items_event_start", "event_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(12))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(160), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # {"de": {"title": "…", "description": "…"}}: see hackathon/localized.py.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Announcement(db.Model):
    """A short message an organiser sent to everyone at the event, to one role, or to one team."""

    __tablename__ = "announcements"
    __table_args__ = (
        CheckConstraint("audience_kind IN ('event', 'role', 'team')", name="known_audience_kind"),
        Index("ix_announcements_event_sent", "event_id", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(TEXT_MAX))
    # {"de": {"text": "…"}}: see hackathon/localized.py.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    audience_kind: Mapped[str] = mapped_column(String(8))
    # The role's name or the team's id; no foreign key, so that the programme does not depend on teams' tables.
    audience_value: Mapped[str | None] = mapped_column(String(40))
    pinned: Mapped[bool] = mapped_column(default=False, server_default="0")
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    sender: Mapped[User | None] = relationship()
