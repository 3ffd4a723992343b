"""Mentoring's part of an event's set-up: its settings are copied to a new event (hook `event_copy`); the grid
and the mentors' hours move with the event's dates (hook `event_moves`)."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select, update

from ..events.models import Event
from ..events.moving import Move, Moving, local_date
from ..extensions import db
from .models import MentorHours, MentoringSession, MentoringSettings, MentorSlot


def copy_settings(source: Event, target: Event, _move) -> str | None:
    """The source event's booking cut-off, fairness limit and help-request expiry (the grid is not copied:
    it is made from the new event's mentors' hours)."""
    found = db.session.get(MentoringSettings, source.id)
    if found is None:
        return None
    db.session.add(MentoringSettings(event_id=target.id, cancel_cutoff_minutes=found.cancel_cutoff_minutes,
                                     max_upcoming_bookings=found.max_upcoming_bookings,
                                     help_expiry_minutes=found.help_expiry_minutes, version=1))
    db.session.flush()
    return _("the mentoring settings")


def grid_moves(event: Event, move: Move, new_days: list[dt.date]) -> list[Moving]:
    """The grid's sessions and slots and the mentors' hours move; any landing outside the new days blocks."""
    if not move.moves_anything:
        return []
    sessions = list(db.session.scalars(select(MentoringSession).where(MentoringSession.event_id == event.id)))
    slots = db.session.execute(select(MentorSlot.id, MentorSlot.starts_at, MentorSlot.ends_at, MentorSlot.status)
                               .where(MentorSlot.event_id == event.id)).all()
    hours = list(db.session.scalars(select(MentorHours).where(MentorHours.event_id == event.id)))
    found: list[Moving] = []
    outside = [s for s in sessions if local_date(move(s.starts_at), move.new_zone) not in new_days]
    outside_hours = [h for h in hours if local_date(move(h.starts_at), move.new_zone) not in new_days]
    blocked = []
    if outside:
        blocked.append(_("%(n)d mentoring sessions would fall outside the event's new days: remove them first.",
                         n=len(outside)))
    if outside_hours:
        blocked.append(_("%(n)d blocks of mentors' hours would fall outside the event's new days.",
                         n=len(outside_hours)))

    def apply() -> None:
        from ..commands import changed
        from .commands import SLOT

        for session in sessions:
            db.session.execute(update(MentoringSession).where(MentoringSession.id == session.id).values(
                starts_at=move(session.starts_at), ends_at=move(session.ends_at)))
        for slot_id, starts_at, ends_at, _status in slots:
            db.session.execute(update(MentorSlot).where(MentorSlot.id == slot_id).values(
                starts_at=move(starts_at), ends_at=move(ends_at), version=MentorSlot.version + 1)
                .execution_options(synchronize_session=False))
            changed(SLOT, event.id, slot_id)  # every phone gets the slot at its new time
        for block in hours:
            db.session.execute(update(MentorHours).where(MentorHours.id == block.id).values(
                starts_at=move(block.starts_at), ends_at=move(block.ends_at)))

    if slots or sessions or hours:
        booked = sum(1 for *_times, status in slots if status == "booked")
        what = ngettext("%(num)d mentoring slot", "%(num)d mentoring slots", len(slots))
        if booked:
            what += " " + ngettext("(%(num)d booked by a team: tell it)", "(%(num)d booked by teams: tell them)",
                                   booked)
        if hours:
            what += ", " + ngettext("%(num)d block of mentors' hours", "%(num)d blocks of mentors' hours", len(hours))
        found.append(Moving(what, len(slots) + len(hours), apply, blocked))
    return found
