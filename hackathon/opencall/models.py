"""Open call tables: the event's admission mode and quotas, its questions, the applications and their reviews."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:
    from ..accounts.models import User

MODES = ("first_come", "open_call")
QUESTION_KINDS = ("short_text", "long_text", "choice", "country", "organisation_type")
ORGANISATION_TYPES = ("social_enterprise", "partner", "maker", "student", "other")
STATUSES = ("submitted", "accepted", "waitlisted", "declined")
DECISIONS = ("accepted", "waitlisted", "declined")
QUOTA_DIMENSIONS = ("country", "organisation_type")


class OpenCallSettings(db.Model):
    """How an event admits people: first come, first served (no row, or mode first_come) or by open call."""

    __tablename__ = "open_call_settings"
    __table_args__ = (CheckConstraint("mode IN ('first_come', 'open_call')", name="known_admission_mode"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    mode: Mapped[str] = mapped_column(String(12), default="first_come")
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class OpenCallQuota(db.Model):
    """A soft limit the organisers aim for while deciding: at most `maximum` accepted from one country or type."""

    __tablename__ = "open_call_quotas"
    __table_args__ = (
        UniqueConstraint("event_id", "dimension", "value"),
        CheckConstraint("dimension IN ('country', 'organisation_type')", name="known_quota_dimension"),
        CheckConstraint("maximum >= 0", name="quota_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    dimension: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(20))
    maximum: Mapped[int] = mapped_column()


class ApplicationQuestion(db.Model):
    """One question of an event's application form, in the organisers' order."""

    __tablename__ = "application_questions"
    __table_args__ = (
        CheckConstraint("kind IN ('short_text', 'long_text', 'choice', 'country', 'organisation_type')",
                        name="known_question_kind"),
        Index("ix_application_questions_event", "event_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(300))
    help: Mapped[str] = mapped_column(String(300), default="")
    options: Mapped[list[str]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1, server_default="1")


class Application(db.Model):
    """A person's application to an event's open call: their answers and where the decision stands."""

    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        CheckConstraint("status IN ('submitted', 'accepted', 'waitlisted', 'declined')",
                        name="known_application_status"),
        Index("ix_applications_event_status", "event_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12), default="submitted")
    # {"<question id>": "answer"}: answers to questions removed later are dropped with the question.
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    # Copied from the answers of the country and organisation type questions, to filter and count quotas.
    country: Mapped[str] = mapped_column(String(2), default="")
    organisation_type: Mapped[str] = mapped_column(String(20), default="")
    consent_data_version: Mapped[str] = mapped_column(String(20))
    consent_data_at: Mapped[datetime] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Who decided is in the audit log, not here: a column pointing at the organiser would put every applicant's
    # answers into that organiser's data export (privacy.export follows every key to users).
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    # Named by string: the accounts' model is not imported here (slices meet through services).
    user: Mapped[User] = relationship("User", foreign_keys=[user_id])


class ApplicationReview(db.Model):
    """One reviewer's score (1–5) and notes on one application."""

    __tablename__ = "application_reviews"
    __table_args__ = (
        UniqueConstraint("application_id", "reviewer_id"),
        CheckConstraint("score IS NULL OR (score >= 1 AND score <= 5)", name="review_score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    score: Mapped[int | None] = mapped_column()
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    reviewer: Mapped[User] = relationship("User", foreign_keys=[reviewer_id])
