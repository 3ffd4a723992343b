"""The mailing's part of erasing an account: the person's address leaves the send logs, and their reminders go."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete

from ..extensions import db
from .models import MailingRecipient, ReminderSent


def erase_recipient_rows(user: Any) -> None:
    """Delete the person's lines of every send log and their reminders (their address and name are in them)."""
    db.session.execute(delete(MailingRecipient).where(MailingRecipient.user_id == user.id)
                       .execution_options(synchronize_session=False))
    db.session.execute(delete(ReminderSent).where(ReminderSent.user_id == user.id)
                       .execution_options(synchronize_session=False))
