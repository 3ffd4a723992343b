"""The mailing's part of erasing an account: the person's address leaves the send logs, and their reminders go."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, exists, select, update

from ..clock import utcnow
from ..extensions import db
from .models import Mailing, MailingRecipient, ReminderSent


def erase_recipient_rows(user: Any) -> None:
    """Delete the person's lines of every send log and their reminders (their address and name are in them)."""
    db.session.execute(delete(MailingRecipient).where(MailingRecipient.user_id == user.id)
                       .execution_options(synchronize_session=False))
    db.session.execute(delete(ReminderSent).where(ReminderSent.user_id == user.id)
                       .execution_options(synchronize_session=False))
    # A mailing whose last pending recipient was this person has nobody left to send to: it is done.
    waiting = select(MailingRecipient.id).where(MailingRecipient.mailing_id == Mailing.id,
                                                MailingRecipient.status == "pending")
    db.session.execute(update(Mailing).where(Mailing.status == "sending", ~exists(waiting))
                       .values(status="done", finished_at=utcnow(), version=Mailing.version + 1)
                       .execution_options(synchronize_session=False))
