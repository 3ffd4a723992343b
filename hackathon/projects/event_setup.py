"""The projects' part of an event's set-up: the submission deadline among the event's phase windows (hook
`event_phase_windows`), moved with the event's dates (hook `event_moves`), copied to a new event (`event_copy`)."""

from __future__ import annotations

import datetime as dt

from flask import has_request_context, url_for
from flask_babel import gettext as _
from sqlalchemy import select, update

from ..events.models import Event
from ..events.moving import Move, Moving
from ..events.schedule import PhaseWindow
from ..extensions import db
from .deadline import SUBMISSION, bump, locked_settings, settings_of
from .models import DeadlineExtension, ProjectSettings


def submission_window(event: Event) -> list[PhaseWindow]:
    """The submission deadline as a window that closes (shown on the settings page, checked against judging)."""
    deadline = settings_of(event.id).deadline
    if deadline is None:
        return []
    # Commands also check windows outside a request (the command line, tests): no link is needed there.
    link = url_for("projects_console.overview", slug=event.slug) if has_request_context() else None
    return [PhaseWindow(SUBMISSION, _("Submission"), None, deadline, link)]


def deadline_moves(event: Event, move: Move, _new_days: list[dt.date]) -> list[Moving]:
    """The deadline and every team's extension keep their time on the same day of the event."""
    deadline = settings_of(event.id).deadline
    if deadline is None or not move.moves_anything:
        return []
    extensions = db.session.execute(select(DeadlineExtension.id, DeadlineExtension.until)
                                    .where(DeadlineExtension.event_id == event.id)).all()

    def apply() -> None:
        from ..commands import changed
        from .facts import DEADLINE, EVENT_WIDE

        settings = locked_settings(event.id)
        settings.deadline = move(settings.deadline)
        bump(settings)
        changed(DEADLINE, event.id, EVENT_WIDE)  # every countdown follows
        for extension_id, until in extensions:
            db.session.execute(update(DeadlineExtension).where(DeadlineExtension.id == extension_id)
                               .values(until=move(until)))
        for team_id in db.session.scalars(select(DeadlineExtension.team_id)
                                          .where(DeadlineExtension.event_id == event.id)):
            changed(DEADLINE, event.id, team_id)

    what = _("the submission deadline")
    if extensions:
        what += " " + _("and %(n)d teams' extensions", n=len(extensions))
    return [Moving(what, 1 + len(extensions), apply)]


def copy_deadline(source: Event, target: Event, move: Move) -> str | None:
    """The source event's deadline and number of winning places, moved to the new dates (no extensions)."""
    found = db.session.get(ProjectSettings, source.id)
    if found is None or found.deadline is None:
        return None
    db.session.add(ProjectSettings(event_id=target.id, deadline=move(found.deadline), winner_places=found.winner_places,
                                   version=1))
    db.session.flush()
    return _("the submission deadline")
