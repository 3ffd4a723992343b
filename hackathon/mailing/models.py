"""Mailing tables: a mailing and each of its recipients (the send log), and the reminders already sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import UTCDateTime, utcnow
from ..extensions import db

AUDIENCES = ("everyone", "participants", "no_mentor_booking", "waitlist", "mentors", "jurors")
REMINDER_KINDS = ("mentoring", "pitch")


class Mailing(db.Model):
    """An email to an audience at an event; its recipients are fixed when it is sent, then delivered in batches."""

    __tablename__ = "mailings"
    __table_args__ = (
        CheckConstraint("audience IN ('everyone', 'participants', 'no_mentor_booking', 'waitlist', 'mentors', "
                        "'jurors')", name="known_mailing_audience"),
        CheckConstraint("status IN ('sending', 'done')", name="known_mailing_status"),
        Index("ix_mailings_event", "event_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    # The announcement it went with, if any (no foreign key: the programme keeps its own tables).
    announcement_id: Mapped[int | None] = mapped_column()
    audience: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    # {"de": {"subject": "…", "text": "…"}}: each recipient reads their language when there is one.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(8), default="sending")
    total: Mapped[int] = mapped_column(default=0)
    sent_count: Mapped[int] = mapped_column(default=0, server_default="0")
    failed_count: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1, server_default="1")


class MailingRecipient(db.Model):
    """One person a mailing goes to: pending until a sender claims it, then sent or failed (the send log)."""

    __tablename__ = "mailing_recipients"
    __table_args__ = (
        UniqueConstraint("mailing_id", "user_id"),
        CheckConstraint("status IN ('pending', 'sent', 'failed')", name="known_recipient_status"),
        Index("ix_mailing_recipients_pending", "status", "mailing_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mailing_id: Mapped[int] = mapped_column(ForeignKey("mailings.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    locale: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(8), default="pending")
    # A sender claims a row before sending; a claim older than MAILING_CLAIM_SECONDS was a worker that died.
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReminderSent(db.Model):
    """A reminder that went out: the unique key makes each reminder go once, whichever worker finds it due."""

    __tablename__ = "reminders_sent"
    __table_args__ = (
        UniqueConstraint("kind", "subject", "user_id"),
        CheckConstraint("kind IN ('mentoring', 'pitch')", name="known_reminder_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    # What it reminds of, e.g. "slot:12@2026-12-06T10:00:00+00:00": a moved session is a new reminder.
    subject: Mapped[str] = mapped_column(String(80))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered: Mapped[bool] = mapped_column(default=False)
