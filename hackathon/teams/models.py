"""Teams: the organisations that pose social challenges, the challenges, teams, members, join requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..clock import UTCDateTime, utcnow
from ..extensions import db

ORGANISATION_KINDS = ("social_economy", "partner", "technology", "research", "public", "business", "funder", "other")


class Organisation(db.Model):
    """An organisation in the platform's registry, across events: a social-economy enterprise that poses
    challenges, a partner, a technology provider … Its past challenges are the challenges that name it."""

    __tablename__ = "organisations"
    __table_args__ = (
        UniqueConstraint("name"),
        CheckConstraint("kind IN ('', 'social_economy', 'partner', 'technology', 'research', 'public', 'business', "
                        "'funder', 'other')", name="known_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    country: Mapped[str] = mapped_column(String(2), default="")
    kind: Mapped[str] = mapped_column(String(40), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    logo_path: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)


class Challenge(db.Model):
    """A social challenge teams form around."""

    __tablename__ = "challenges"
    __table_args__ = (UniqueConstraint("event_id", "slug"), CheckConstraint("max_teams >= 1", name="max_teams"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    resources: Mapped[list[dict]] = mapped_column(JSON, default=list)
    max_teams: Mapped[int] = mapped_column(default=4)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Invited to own it but without an account yet: becomes the owner on accepting the invitation.
    owner_email: Mapped[str | None] = mapped_column(String(254))
    # {"de": {"title": "…", "summary": "…", "description": "…"}}: see hackathon/localized.py.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation | None] = relationship()


class Team(db.Model):
    """A team working on a challenge. Its size is kept in member_count by conditional updates."""

    __tablename__ = "teams"
    __table_args__ = (
        UniqueConstraint("event_id", "name"),
        UniqueConstraint("invite_code"),
        CheckConstraint("member_count >= 0", name="member_count_not_negative"),
        CheckConstraint("join_policy IN ('open', 'request')", name="known_join_policy"),
        Index("ix_teams_challenge", "challenge_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    challenge_id: Mapped[int | None] = mapped_column(ForeignKey("challenges.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(80))
    pitch: Mapped[str] = mapped_column(String(200), default="")
    open_roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    join_policy: Mapped[str] = mapped_column(String(10), default="open")
    invite_code: Mapped[str] = mapped_column(String(40))
    max_size: Mapped[int] = mapped_column(default=5)
    member_count: Mapped[int] = mapped_column(default=0, server_default="0")
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    challenge: Mapped[Challenge | None] = relationship()
    memberships: Mapped[list[TeamMembership]] = relationship(back_populates="team", cascade="all, delete-orphan",
                                                             order_by="TeamMembership.id")


class TeamMembership(db.Model):
    """A person in a team. One team per person per event: unique (event_id, user_id)."""

    __tablename__ = "team_memberships"
    __table_args__ = (UniqueConstraint("event_id", "user_id"), Index("ix_team_memberships_team", "team_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    team: Mapped[Team] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()


class JoinRequest(db.Model):
    """A participant asking to join a team whose members approve."""

    __tablename__ = "join_requests"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'accepted', 'declined', 'withdrawn')", name="known_status"),
        Index("ix_join_requests_team_status", "team_id", "status"),
        # One open request per person and team: asking twice is refused by the database, not by a check.
        Index("uq_join_requests_pending", "team_id", "user_id", unique=True,
              sqlite_where=text("status = 'pending'"), postgresql_where=text("status = 'pending'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    message: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(10), default="pending")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    team: Mapped[Team] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])


class BoardEntry(db.Model):
    """A participant without a team on the looking-for-team board: a note and the challenges they like."""

    __tablename__ = "board_entries"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    note: Mapped[str] = mapped_column(String(300), default="")
    challenge_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    user: Mapped[User] = relationship()
