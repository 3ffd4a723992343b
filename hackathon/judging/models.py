"""Judging: criteria, jurors' score sheets, conflicts of interest, the pitch order and the session's state."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..clock import UTCDateTime, utcnow
from ..extensions import db
from ..teams.models import Team

JUDGING_STATES = ("pending", "open", "closed", "published")


class Criterion(db.Model):
    """One thing jurors score: a weight, a scale min..max, and what each score means (guide)."""

    __tablename__ = "judging_criteria"
    __table_args__ = (
        UniqueConstraint("event_id", "key"),
        CheckConstraint("weight > 0", name="weight_positive"),
        CheckConstraint("max_score > min_score", name="scale_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[int] = mapped_column(default=1)
    min_score: Mapped[int] = mapped_column(default=1)
    max_score: Mapped[int] = mapped_column(default=10)
    # {"1": "what a 1 means", "7": "…"}: JSON object keys are strings.
    guide: Mapped[dict] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(default=0)
    # {"de": {"name": "…", "description": "…", "guide": {"7": "…"}}}: see hackathon/localized.py.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)


class ScoreSheet(db.Model):
    """A juror's scores for one team: one sheet per (juror, team), so a resent sheet replaces, never adds."""

    __tablename__ = "judging_score_sheets"
    __table_args__ = (
        UniqueConstraint("juror_id", "team_id"),
        Index("ix_judging_score_sheets_event_team", "event_id", "team_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    juror_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    # {"<criterion key>": int}: one score per criterion, keys unique within the object.
    scores: Mapped[dict] = mapped_column(JSON, default=dict)
    comment: Mapped[str] = mapped_column(Text, default="")
    # The client's id for the last edit it sent: the same nonce again is a no-op (a resend after a lost ack).
    nonce: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    juror: Mapped[User] = relationship()
    team: Mapped[Team] = relationship()


class JuryConflict(db.Model):
    """A juror who may not score a team: that team, or every team on an organisation's challenges."""

    __tablename__ = "judging_conflicts"
    __table_args__ = (
        CheckConstraint("(team_id IS NULL) <> (organisation_id IS NULL)", name="team_or_organisation"),
        CheckConstraint("declared_by IN ('juror', 'organiser')", name="known_declarer"),
        UniqueConstraint("juror_id", "team_id"),
        # Organisations live across events: a juror's conflict with one is declared per event.
        UniqueConstraint("event_id", "juror_id", "organisation_id"),
        Index("ix_judging_conflicts_event", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    juror_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    declared_by: Mapped[str] = mapped_column(String(10), default="juror")
    reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    juror: Mapped[User] = relationship()
    team: Mapped[Team | None] = relationship()
    # The registry's organisation, named by class: judging reads no other model of the teams slice.
    organisation: Mapped[Any] = relationship("Organisation")


class Pitch(db.Model):
    """A team's place in the pitch order, and when it pitched."""

    __tablename__ = "judging_pitches"
    __table_args__ = (UniqueConstraint("event_id", "team_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    team: Mapped[Team] = relationship()


class JudgingState(db.Model):
    """The pitch session of one event: scoring window, who pitches now, the timer, how far the reveal is."""

    __tablename__ = "judging_states"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'open', 'closed', 'published')", name="known_state"),
        CheckConstraint("timer_phase IN ('idle', 'pitch', 'qa')", name="known_timer_phase"),
        CheckConstraint("audience IN ('closed', 'open', 'revealed')", name="known_audience"),
    )

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(10), default="pending")
    current_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    pitch_seconds: Mapped[int] = mapped_column(default=300)
    qa_seconds: Mapped[int] = mapped_column(default=180)
    timer_phase: Mapped[str] = mapped_column(String(5), default="idle")
    timer_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # How many places of the ranking are shown on the projector, counted from the last place up.
    revealed: Mapped[int] = mapped_column(default=0)
    # The people's choice vote: closed, open (participants vote), revealed (the tally is shown).
    audience: Mapped[str] = mapped_column(String(10), default="closed", server_default="closed")
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    current_team: Mapped[Team | None] = relationship()


class AudienceVote(db.Model):
    """A participant's vote for the people's choice: one per person per event, never for their own team."""

    __tablename__ = "judging_audience_votes"
    __table_args__ = (UniqueConstraint("event_id", "voter_id"), Index("ix_judging_audience_votes_team", "team_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    voter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
