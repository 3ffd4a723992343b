"""Projects: what each team built, its files, the submission deadline, the gallery and what comes after."""

from __future__ import annotations

import datetime as dt
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import UTCDateTime, utcnow
from ..extensions import db

LINK_KINDS = ("repository", "demo", "video", "other")
FILE_KINDS = ("slides", "image")
OFFER_KINDS = ("pilot", "voucher", "mentoring", "other")
FOLLOW_UP_STATUSES = ("offered", "agreed", "running", "done", "dropped")
ORGANISATION_KINDS = ("social enterprise", "cooperative", "association", "foundation", "public body", "university",
                      "company", "individual", "other")


class Project(db.Model):
    """A team's project page: one per team, edited by its members; `version` grows with every change."""

    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("team_id"), Index("ix_projects_event", "event_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(120), default="")
    summary: Mapped[str] = mapped_column(String(500), default="")
    # The problem and for whom (the social impact), what was built, and how it answers its challenge.
    problem: Mapped[str] = mapped_column(Text, default="")
    built: Mapped[str] = mapped_column(Text, default="")
    approach: Mapped[str] = mapped_column(Text, default="")
    links: Mapped[list[dict]] = mapped_column(JSON, default=list)
    # The team agreed to show the project in the public gallery (any member may set or withdraw it).
    show_in_gallery: Mapped[bool] = mapped_column(default=False, server_default="0")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    files: Mapped[list[ProjectFile]] = relationship(back_populates="project", cascade="all, delete-orphan",
                                                    order_by="ProjectFile.id")


class ProjectFile(db.Model):
    """A file of a project (slides as PDF, images): its bytes live in the file store under `storage_key`."""

    __tablename__ = "project_files"
    __table_args__ = (
        CheckConstraint("kind IN ('slides', 'image')", name="known_kind"),
        UniqueConstraint("storage_key"),
        Index("ix_project_files_project", "project_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(160))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(200))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    project: Mapped[Project] = relationship(back_populates="files")


class ProjectSettings(db.Model):
    """An event's submission deadline, its public gallery and how many places count as winners."""

    __tablename__ = "project_settings"
    __table_args__ = (CheckConstraint("winner_places >= 0 AND winner_places <= 10", name="winner_places_range"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    gallery_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The first places of the overall ranking that count as winners (certificates, follow-ups, the gallery).
    winner_places: Mapped[int] = mapped_column(default=3, server_default="3")
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Grows with every change of the deadline or an extension: the countdown facts carry it.
    version: Mapped[int] = mapped_column(default=1, server_default="1")


class DeadlineExtension(db.Model):
    """More time for one team: its deadline is the later of the event's and this one."""

    __tablename__ = "project_deadline_extensions"
    __table_args__ = (UniqueConstraint("team_id"), Index("ix_project_deadline_extensions_event", "event_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    until: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(300), default="")
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GalleryName(db.Model):
    """The name a member chose to show in the public gallery (nothing is shown for members without one)."""

    __tablename__ = "project_gallery_names"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))


class FollowUp(db.Model):
    """What a challenge owner offers a winning team after the event (a pilot, a voucher, mentoring), and how it goes."""

    __tablename__ = "project_follow_ups"
    __table_args__ = (
        CheckConstraint("kind IN ('pilot', 'voucher', 'mentoring', 'other')", name="known_kind"),
        CheckConstraint("status IN ('offered', 'agreed', 'running', 'done', 'dropped')", name="known_status"),
        CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="dates_in_order"),
        Index("ix_project_follow_ups_event", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    challenge_id: Mapped[int | None] = mapped_column(ForeignKey("challenges.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(10))
    offer: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="offered")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OrganisationKind(db.Model):
    """What kind of organisation a name participants wrote is, for the funder's report (organisers classify)."""

    __tablename__ = "impact_organisation_kinds"
    __table_args__ = (UniqueConstraint("event_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    # The organisation's name folded (lower case, spaces collapsed): "Gemeinsam Satt e.V." and "gemeinsam satt e.v."
    name_key: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))
