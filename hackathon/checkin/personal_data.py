"""What check-in erases for a person (privacy's "erase_person" hook): the door's stored answers about them.

A retried scan's answer is kept by its nonce (`ScanAnswer`); the person's are deleted, so that no replay can show
them again. Their check-ins stay as the record of attendance (the registration they point at is anonymised).
"""

from __future__ import annotations

from sqlalchemy import delete, select

from ..events.people import registrations
from ..extensions import db
from .models import Checkin, ScanAnswer


def erase_scan_answers(user) -> None:
    """Delete the stored scan answers that name the person."""
    registration = registrations()
    theirs = select(Checkin.id).where(Checkin.registration_id.in_(
        select(registration.c.id).where(registration.c.user_id == user.id)))
    db.session.execute(delete(ScanAnswer).where(ScanAnswer.checkin_id.in_(theirs))
                       .execution_options(synchronize_session=False))
