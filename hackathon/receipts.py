"""Idempotency receipts: a command sent again with the same key is answered as the first time, changing nothing.

Phones retry when an answer does not come (a dropped connection, `unavailable`). A retry of a command that
had in fact committed must not book twice or score twice: the client sends an `idempotency_key` with each
command (the same for its retries), and the pipeline stores the command's answer under (person, key) in
the same transaction as the change. A retry finds the receipt and gets the stored answer, with the current
state of what the command changed. Receipts are kept for `RECEIPT_HOURS`.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from .clock import UTCDateTime, utcnow
from .extensions import db
from .outbox import Change
from .transactions import insert_unless_duplicate


class CommandReceipt(db.Model):
    """The answer to one command, under the key its client sent."""

    __tablename__ = "command_receipts"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    command: Mapped[str] = mapped_column(String(60))
    value: Mapped[Any] = mapped_column(JSON)
    changes: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


def find(user_id: int, key: str) -> CommandReceipt | None:
    """The receipt of an earlier command with this key, if any."""
    return db.session.scalar(select(CommandReceipt).where(CommandReceipt.user_id == user_id,
                                                          CommandReceipt.key == key))


def store(user_id: int, key: str, command: str, value: Any, changes: list[Change]) -> bool:
    """Keep the answer in the current transaction; False when a concurrent retry stored one first."""
    row = {"user_id": user_id, "key": key, "command": command, "created_at": utcnow(),
           "value": json.loads(json.dumps(value, default=str)),
           "changes": [[c.kind, c.event_id, c.subject_id] for c in changes]}
    stored = db.session.execute(insert_unless_duplicate(CommandReceipt.__table__).values(**row)
                                .returning(CommandReceipt.id)).first()
    return stored is not None


def changes_of(receipt: CommandReceipt) -> list[Change]:
    """What the remembered command changed."""
    return [Change(str(kind), int(event_id), int(subject_id)) for kind, event_id, subject_id in receipt.changes]


def purge(hours: int) -> int:
    """Delete receipts older than `hours` (the janitor's job); returns how many went."""
    cutoff = utcnow() - timedelta(hours=hours)
    result = db.session.execute(delete(CommandReceipt).where(CommandReceipt.created_at < cutoff))
    return result.rowcount or 0
