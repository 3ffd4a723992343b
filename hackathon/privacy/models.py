"""Per-event privacy settings: how long personal data is kept after the event."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import UTCDateTime, utcnow
from ..extensions import db


class PrivacySettings(db.Model):
    """Retention for one event: personal data of its participants is purged this many days after its last day."""

    __tablename__ = "privacy_settings"
    __table_args__ = (CheckConstraint("retention_days IS NULL OR retention_days >= 0", name="retention_not_negative"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    # None: kept until someone deletes their account (no automatic purge).
    retention_days: Mapped[int | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
