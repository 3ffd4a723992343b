"""Challenge tracks: a challenge with its own prize, its own panel of jurors, their sheets and its own results."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..clock import UTCDateTime, utcnow
from ..extensions import db


class Track(db.Model):
    """A challenge judged as a track: its prize and its panel; the teams on the challenge compete in it."""

    __tablename__ = "judging_tracks"
    __table_args__ = (UniqueConstraint("challenge_id"), Index("ix_judging_tracks_event", "event_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"))
    prize: Mapped[str] = mapped_column(String(300), default="")
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # The teams slice's challenge, named by class: judging reads no other model of that slice.
    challenge: Mapped[Any] = relationship("Challenge")


class TrackJuror(db.Model):
    """A person on a track's panel (a juror or one of the challenge owner's people)."""

    __tablename__ = "judging_track_jurors"
    __table_args__ = (UniqueConstraint("track_id", "user_id"), Index("ix_judging_track_jurors_user", "user_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    track_id: Mapped[int] = mapped_column(ForeignKey("judging_tracks.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))

    user: Mapped[User] = relationship()


class TrackSheet(db.Model):
    """A panel member's scores for a team of the track, on the event's criteria; one per (track, juror, team)."""

    __tablename__ = "judging_track_sheets"
    __table_args__ = (UniqueConstraint("track_id", "juror_id", "team_id"),
                      Index("ix_judging_track_sheets_track", "track_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    track_id: Mapped[int] = mapped_column(ForeignKey("judging_tracks.id", ondelete="CASCADE"))
    juror_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    scores: Mapped[dict] = mapped_column(JSON, default=dict)
    comment: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
