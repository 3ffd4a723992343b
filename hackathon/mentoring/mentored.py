"""Who mentored which team: the question other capabilities ask of mentoring (judging's conflicts of interest).

Registered as the "mentored_pairs" hook, so that the asker needs neither mentoring's tables nor mentoring itself.
"""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from .models import MentorSlot


def mentored_pairs(event_id: int) -> set[tuple[int, int]]:
    """(mentor_id, team_id) for every booked slot of the event (one query)."""
    rows = db.session.execute(select(MentorSlot.mentor_id, MentorSlot.team_id).where(
        MentorSlot.event_id == event_id, MentorSlot.status == "booked", MentorSlot.team_id.is_not(None),
        MentorSlot.mentor_id.is_not(None)).distinct())
    return {(mentor_id, team_id) for mentor_id, team_id in rows}
