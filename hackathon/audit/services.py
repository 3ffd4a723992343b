"""Writing the audit log, and what the console asks of it: search, pages, the CSV export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update

from ..clock import utcnow
from ..csv_export import stream_csv
from ..extensions import db
from .models import AuditEntry

PAGE_SIZE = 50


class Event(Protocol):
    """What the log needs of an event: its id (the log sits below the events capability, which writes to it)."""

    id: int


class Person(Protocol):
    """What the log needs of a person who acted: id and name (an account of the accounts capability)."""

    id: int
    name: str
    email: str

# Labels of the actions the platform writes; unknown codes (from newer capabilities) show as they are.
ACTION_LABELS = {
    "role.granted": _l("Role granted"),
    "role.revoked": _l("Role revoked"),
    "registration.cancelled": _l("Registration cancelled"),
    "invitation.created": _l("Invitation created"),
    "invitation.revoked": _l("Invitation revoked"),
    "settings.changed": _l("Settings changed"),
    "privacy.retention_changed": _l("Data retention changed"),
    "privacy.purged": _l("Personal data purged"),
    "account.deleted": _l("Account deleted"),
    # teams
    "teams.person_moved": _l("Person moved between teams"),
    "teams.merged": _l("Teams merged"),
    "teams.dissolved": _l("Team dissolved"),
    "teams.team_edited": _l("Team edited by an organiser"),
    "teams.request_answered": _l("Join request answered by an organiser"),
    "teams.challenge_posted": _l("Challenge posted"),
    "teams.challenge_changed": _l("Challenge changed"),
    # mentoring
    "mentoring.settings_changed": _l("Mentoring settings changed"),
    "mentoring.session_added": _l("Mentoring session added"),
    "mentoring.session_removed": _l("Mentoring session removed"),
    "mentoring.booking_cancelled": _l("Mentoring booking cancelled"),
    "mentoring.claim_removed": _l("Mentor's slot taken back"),
    "mentoring.help_request_cancelled": _l("Help request withdrawn"),
    # judging
    "judging.scoring_opened": _l("Scoring opened"),
    "judging.scoring_closed": _l("Scoring closed"),
    "judging.timer_changed": _l("Pitch timer lengths changed"),
    "judging.pitch_order_changed": _l("Pitch order changed"),
    "judging.place_revealed": _l("Place revealed"),
    "judging.results_published": _l("Results published"),
    "judging.vote_opened": _l("People's choice vote opened"),
    "judging.vote_closed": _l("People's choice vote closed"),
    "judging.vote_revealed": _l("People's choice vote revealed"),
    "judging.conflict_declared": _l("Conflict of interest recorded"),
    "judging.conflict_removed": _l("Conflict of interest removed"),
    "judging.criterion_added": _l("Criterion added"),
    "judging.criterion_changed": _l("Criterion changed"),
    "judging.criterion_removed": _l("Criterion removed"),
    "judging.track_added": _l("Challenge made a track"),
    "judging.track_changed": _l("Track prize changed"),
    "judging.track_removed": _l("Track removed"),
    "judging.track_panel_changed": _l("Track panel changed"),
    # expo
    "expo.round_added": _l("Expo round added"),
    "expo.round_opened": _l("Expo round opened"),
    "expo.round_closed": _l("Expo round closed"),
    "expo.tables_changed": _l("Expo tables changed"),
    "expo.finalists_promoted": _l("Expo finalists promoted to the pitch session"),
    # check-in
    "checkin.badge_reissued": _l("Badge revoked and reissued"),
    "checkin.point_added": _l("Check-in point added"),
    "checkin.walkin_registered": _l("Walk-in registered"),
    "checkin.checkin_undone": _l("Check-in undone"),
    # projects
    "projects.submitted": _l("Project submitted"),
    "projects.consent_changed": _l("Gallery consent changed"),
    "projects.deadline_changed": _l("Submission deadline changed"),
    "projects.extension_granted": _l("Deadline extended for a team"),
    "projects.extension_revoked": _l("Deadline extension withdrawn"),
    "projects.gallery_published": _l("Project gallery published"),
    "projects.gallery_hidden": _l("Project gallery hidden"),
    "projects.winner_places_changed": _l("Winning places changed"),
    "projects.reminder_sent": _l("Submission reminder sent"),
    "projects.follow_up_saved": _l("Follow-up saved"),
    "projects.follow_up_removed": _l("Follow-up removed"),
    # programme
    "programme.item_added": _l("Agenda item added"),
    "programme.item_changed": _l("Agenda item changed"),
    "programme.item_removed": _l("Agenda item removed"),
    "programme.announcement_sent": _l("Announcement sent"),
    "programme.announcement_pinned": _l("Announcement pinned"),
    "programme.announcement_unpinned": _l("Announcement unpinned"),
}


def action_label(code: str) -> str:
    """The human label of an action code."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code


def record(event: Event | int | None, actor: Person | None, action: str, target: str, summary: str,
           **details) -> AuditEntry:
    """Add an entry to the current transaction: it commits, or rolls back, with the change it describes."""
    event_id = event if event is None or isinstance(event, int) else event.id
    # Only JSON goes in: dates and other values become their text, so that any caller's details fit.
    safe_details = json.loads(json.dumps(details, default=str))
    entry = AuditEntry(
        event_id=event_id, actor_id=actor.id if actor is not None else None,
        actor_name=(actor.name if actor is not None else "")[:120], action=action[:60], target=str(target)[:80],
        summary=str(summary), details=safe_details, at=utcnow(),
    )
    db.session.add(entry)
    return entry


def erase_person(user: Person) -> None:
    """Privacy eraser: the person's name leaves the log (their entries stay, under the anonymised name)."""
    new_name = f"Deleted person #{user.id}"
    db.session.execute(update(AuditEntry).where(AuditEntry.actor_id == user.id).values(actor_name=new_name))
    for old in {user.name, user.email} - {""}:
        db.session.execute(
            update(AuditEntry).where(AuditEntry.summary.contains(old, autoescape=True))
            .values(summary=func.replace(AuditEntry.summary, old, new_name))
            .execution_options(synchronize_session=False)
        )


@dataclass
class AuditFilter:
    """The log page's search box and filters."""

    q: str = ""
    action: str = ""
    actor: int | None = None
    page: int = 1


def _filtered(event: Event, flt: AuditFilter):
    query = select(AuditEntry).where(AuditEntry.event_id == event.id)
    if flt.q:
        like = f"%{flt.q.strip().lower()}%"
        query = query.where(or_(func.lower(AuditEntry.summary).like(like), func.lower(AuditEntry.target).like(like),
                                func.lower(AuditEntry.actor_name).like(like)))
    if flt.action:
        query = query.where(AuditEntry.action == flt.action)
    if flt.actor is not None:
        query = query.where(AuditEntry.actor_id == flt.actor)
    return query


def search(event: Event, flt: AuditFilter) -> tuple[list[AuditEntry], int]:
    """One page of matching entries, newest first (two queries), and how many match."""
    query = _filtered(event, flt)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = db.session.scalars(
        query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(PAGE_SIZE).offset((max(flt.page, 1) - 1) * PAGE_SIZE)
    )
    return list(rows), total


def actions_present(event: Event) -> list[str]:
    """The action codes that occur in the event's log, for the filter."""
    return sorted(db.session.scalars(select(AuditEntry.action).where(AuditEntry.event_id == event.id).distinct()))


def actors_present(event: Event) -> list[tuple[int, str]]:
    """(actor id, latest name) of everyone who acted at the event, for the filter."""
    rows = db.session.execute(
        select(AuditEntry.actor_id, func.max(AuditEntry.actor_name))
        .where(AuditEntry.event_id == event.id, AuditEntry.actor_id.is_not(None))
        .group_by(AuditEntry.actor_id)
    )
    return sorted(((actor_id, name) for actor_id, name in rows), key=lambda pair: pair[1].lower())


CSV_COLUMNS = ["id", "at", "actor_id", "actor_name", "action", "target", "summary", "details"]


def export_csv(event: Event, flt: AuditFilter) -> Iterator[str]:
    """Every matching entry as CSV rows, oldest first, streamed (one query, run when the download starts)."""
    entries = db.session.scalars(_filtered(event, flt).order_by(AuditEntry.at, AuditEntry.id))
    yield from stream_csv(CSV_COLUMNS, (
        (e.id, e.at.isoformat(), e.actor_id, e.actor_name, e.action, e.target, e.summary,
         json.dumps(e.details, ensure_ascii=False, sort_keys=True))
        for e in entries
    ))
