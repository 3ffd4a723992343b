"""The submission deadline: one per event, in the event's time zone to the second, with extensions per team.

A team's deadline is the later of the event's and its extension; from that second on (`now >= deadline`) its
project is locked and a save is refused with `closed`. No deadline set: projects stay open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..clock import iso, utcnow
from ..errors import Closed, Invalid
from ..events.models import Event
from ..events.schedule import check_windows
from ..extensions import db
from .models import DeadlineExtension, ProjectSettings

MAX_REASON = 300
SUBMISSION = "submission"  # the deadline's name among the event's phase windows (events/schedule.py)


def settings_of(event_id: int) -> ProjectSettings:
    """The event's project settings; defaults (version 0, not stored) before an organiser changed anything."""
    found = db.session.get(ProjectSettings, event_id)
    return found or ProjectSettings(event_id=event_id, deadline=None, gallery_published_at=None, winner_places=3,
                                    version=0)


def locked_settings(event_id: int) -> ProjectSettings:
    """The stored settings row, made if missing, locked for this write transaction."""
    query = select(ProjectSettings).where(ProjectSettings.event_id == event_id).with_for_update()
    found = db.session.scalar(query.execution_options(populate_existing=True))
    if found is not None:
        return found
    try:
        with db.session.begin_nested():
            db.session.add(ProjectSettings(event_id=event_id, winner_places=3, version=0))
    except IntegrityError:  # made by a concurrent first change
        pass
    return db.session.scalar(query.execution_options(populate_existing=True))


def bump(settings: ProjectSettings) -> ProjectSettings:
    """Count one more change of the deadline or an extension (the countdown facts carry this version)."""
    settings.version = (settings.version or 0) + 1
    return settings


@dataclass(frozen=True)
class TeamDeadline:
    """A team's deadline: the event's, its extension, and which one applies."""

    event_deadline: datetime | None
    extension: datetime | None
    version: int

    @property
    def effective(self) -> datetime | None:
        """The moment the team's project locks (None: never)."""
        if self.event_deadline is None:
            return None
        return max(self.event_deadline, self.extension) if self.extension else self.event_deadline

    def is_closed(self, now: datetime | None = None) -> bool:
        """Whether the project is locked now."""
        effective = self.effective
        return effective is not None and (now or utcnow()) >= effective


def team_deadline(event_id: int, team_id: int | None) -> TeamDeadline:
    """The event's deadline and the team's extension (one query)."""
    extension = (select(DeadlineExtension.until).where(DeadlineExtension.team_id == team_id)
                 .scalar_subquery() if team_id else None)
    columns = [ProjectSettings.deadline, ProjectSettings.version]
    if extension is not None:
        columns.append(extension)
    row = db.session.execute(select(*columns).where(ProjectSettings.event_id == event_id)).first()
    if row is None:
        return TeamDeadline(None, None, 0)
    return TeamDeadline(row[0], row[2] if len(row) > 2 else None, row[1])


def require_open(event_id: int, team_id: int) -> None:
    """Refuse with `closed` once the team's deadline has passed."""
    if team_deadline(event_id, team_id).is_closed():
        raise Closed(_("The submission deadline has passed: the project can no longer be changed."))


def parse_local(value: str, timezone: str) -> datetime:
    """'2026-09-24T14:00:00' (or with a space, seconds optional) in the event's zone, as an aware UTC datetime."""
    text = (value or "").strip().replace(" ", "T")
    try:
        naive = datetime.fromisoformat(text)
    except ValueError:
        raise Invalid(_("Give the date and time as YYYY-MM-DD HH:MM:SS.")) from None
    if naive.tzinfo is not None:
        raise Invalid(_("Give the time in the event's time zone, without an offset."))
    return naive.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def local_text(moment: datetime | None, timezone: str) -> str:
    """An aware datetime as 'YYYY-MM-DD HH:MM:SS' in the event's zone (what the organiser's form shows)."""
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def set_deadline(event: Event, deadline: datetime | None) -> ProjectSettings:
    """Set (or clear) the event's submission deadline; `invalid` when it would close after judging opens."""
    check_windows(event, {SUBMISSION: (None, deadline)})
    settings = locked_settings(event.id)
    if settings.deadline != deadline:
        settings.deadline = deadline
        bump(settings)
    return settings


def grant_extension(event: Event, team_id: int, until: datetime, reason: str, granted_by_id: int | None
                    ) -> DeadlineExtension:
    """Give one team until `until`; granting again replaces its earlier extension."""
    settings = locked_settings(event.id)
    if settings.deadline is None:
        raise Invalid(_("Set the submission deadline before extending it for a team."))
    if until <= settings.deadline:
        raise Invalid(_("An extension must end after the event's deadline."))
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise Invalid(_("The reason is too long (at most %(n)d characters).", n=MAX_REASON))
    found = db.session.scalar(select(DeadlineExtension).where(DeadlineExtension.team_id == team_id))
    if found is None:
        found = DeadlineExtension(event_id=event.id, team_id=team_id, until=until, reason=reason,
                                  granted_by_id=granted_by_id, created_at=utcnow())
        db.session.add(found)
    else:
        found.until, found.reason, found.granted_by_id = until, reason, granted_by_id
    bump(settings)
    db.session.flush()
    return found


def revoke_extension(event: Event, team_id: int) -> bool:
    """Take a team's extension back; whether it had one."""
    settings = locked_settings(event.id)
    gone = db.session.execute(delete(DeadlineExtension).where(DeadlineExtension.event_id == event.id,
                                                              DeadlineExtension.team_id == team_id)).rowcount
    if gone:
        bump(settings)
    return bool(gone)


def extensions(event_id: int) -> dict[int, DeadlineExtension]:
    """Every extension of the event by team id (one query)."""
    return {x.team_id: x for x in db.session.scalars(select(DeadlineExtension)
                                                      .where(DeadlineExtension.event_id == event_id))}


def deadline_payload(event_id: int, team_id: int | None) -> dict:
    """The `projects:deadline` fact: the deadline that applies (to a team, or the event's), with the server's clock."""
    found = team_deadline(event_id, team_id)
    return {"team_id": team_id, "deadline": iso(found.effective), "event_deadline": iso(found.event_deadline),
            "extended": bool(found.extension and found.effective == found.extension),
            "closed": found.is_closed(), "server_now": iso(utcnow()), "version": found.version}
