"""The expo round: its projects and tables, its judges and where each is heading, their visits and votes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import UTCDateTime, utcnow
from ..extensions import db
from ..teams.models import Team

ROUND_STATES = ("draft", "open", "closed")
VISIT_STATES = ("assigned", "seen", "voted", "skipped")
WINNERS = ("previous", "current")


class ExpoRound(db.Model):
    """An expo round: judges walk the tables and compare projects pairwise; the top ones go on to the pitches."""

    __tablename__ = "expo_rounds"
    __table_args__ = (
        CheckConstraint("state IN ('draft', 'open', 'closed')", name="known_round_state"),
        CheckConstraint("finalists > 0", name="finalists_positive"),
        CheckConstraint("min_comparisons > 0", name="min_comparisons_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    # The track the round covers (a challenge, until tracks exist); None: every team of the event.
    challenge_id: Mapped[int | None] = mapped_column(ForeignKey("challenges.id", ondelete="SET NULL"))
    finalists: Mapped[int] = mapped_column(default=5)
    min_comparisons: Mapped[int] = mapped_column(default=3)
    state: Mapped[str] = mapped_column(String(10), default="draft")
    # When the finalists were last promoted to the pitch session (its pitch order set from this round).
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ExpoProject(db.Model):
    """A team's project in a round, and the table where judges find it."""

    __tablename__ = "expo_projects"
    __table_args__ = (UniqueConstraint("round_id", "team_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("expo_rounds.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    table: Mapped[str] = mapped_column(String(40), default="")

    team: Mapped[Team] = relationship()


class ExpoJudge(db.Model):
    """A judge in a round: the project they compare with (previous), the one they are heading to, a break."""

    __tablename__ = "expo_judges"
    __table_args__ = (UniqueConstraint("round_id", "user_id"), Index("ix_expo_judges_user", "user_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("expo_rounds.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    previous_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    current_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    on_break: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1, server_default="1")


class ExpoVisit(db.Model):
    """A judge sent to a project: once per (round, judge, project), so that nobody is sent to a team twice."""

    __tablename__ = "expo_visits"
    __table_args__ = (
        UniqueConstraint("round_id", "judge_id", "team_id"),
        CheckConstraint("status IN ('assigned', 'seen', 'voted', 'skipped')", name="known_visit_status"),
        Index("ix_expo_visits_round_team", "round_id", "team_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("expo_rounds.id", ondelete="CASCADE"))
    judge_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(10), default="assigned")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExpoVote(db.Model):
    """One pairwise vote: which of the judge's previous and current projects was better. Undone, it stays."""

    __tablename__ = "expo_votes"
    __table_args__ = (
        UniqueConstraint("round_id", "judge_id", "nonce"),
        CheckConstraint("winner IN ('previous', 'current')", name="known_winner"),
        CheckConstraint("previous_team_id <> current_team_id", name="two_projects"),
        Index("ix_expo_votes_round_judge", "round_id", "judge_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("expo_rounds.id", ondelete="CASCADE"))
    judge_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    previous_team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    current_team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    winner: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(String(300), default="")
    # The phone's id for this tap: the same nonce again answers as the first time and changes nothing.
    nonce: Mapped[str] = mapped_column(String(64))
    answer: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def winner_team_id(self) -> int:
        return self.current_team_id if self.winner == "current" else self.previous_team_id

    @property
    def loser_team_id(self) -> int:
        return self.previous_team_id if self.winner == "current" else self.current_team_id
