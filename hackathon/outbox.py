"""The transactional outbox: what each committed command changed, kept until its facts were published.

A command's `changed()` subjects are inserted here in the same transaction as the change. After the
commit the pipeline publishes their facts and hands the rows to this worker's janitor, which deletes
them in batches off the command's path. A worker killed between commit and publish leaves its rows
behind; every worker's sweeper republishes rows older than `OUTBOX_GRACE_SECONDS`, rebuilding each fact
from the database (facts carry the whole state and a version, so a repeat is harmless: clients drop
versions they already hold).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import BigInteger, Index, Integer, String, delete, insert, select
from sqlalchemy.orm import Mapped, mapped_column

from .clock import UTCDateTime, utcnow
from .extensions import db

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """A subject whose new state must be published: a fact kind, its event, the subject's id."""

    kind: str
    event_id: int
    subject_id: int


class OutboxEntry(db.Model):
    """A changed subject whose fact may not have been published yet."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))
    event_id: Mapped[int] = mapped_column()
    subject_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


_INSERT = insert(OutboxEntry).returning(OutboxEntry.id)
_lock = threading.Lock()
_published: dict[str, list[int]] = {}  # per app (its database): outbox ids published, to delete


def record_changes(changes: list[Change]) -> list[int]:
    """Insert the changed subjects in the current transaction; returns their outbox ids (in order)."""
    if not changes:
        return []
    now = utcnow()
    rows = [{"kind": c.kind, "event_id": c.event_id, "subject_id": c.subject_id, "created_at": now}
            for c in changes]
    if len(rows) == 1:
        return [db.session.execute(_INSERT, rows[0]).scalar_one()]
    return list(db.session.scalars(_INSERT, rows))


def forget_published(ids: Iterable[int]) -> None:
    """Hand published rows to the janitor, which deletes them in its next batch."""
    ids = list(ids)
    if not ids:
        return
    key = _app_key()
    with _lock:
        _published.setdefault(key, []).extend(ids)
    if not current_app.config.get("OUTBOX_BACKGROUND", False):
        flush_published()


def _app_key() -> str:
    return current_app.config["SQLALCHEMY_DATABASE_URI"]


def flush_published() -> int:
    """Delete the rows this worker published (one statement); returns how many went."""
    from .transactions import unit_of_work

    key = _app_key()
    with _lock:
        ids = _published.pop(key, [])
    if not ids:
        return 0
    try:
        with unit_of_work():
            for start in range(0, len(ids), 500):
                db.session.execute(delete(OutboxEntry).where(OutboxEntry.id.in_(ids[start:start + 500])))
    except Exception:
        with _lock:  # the database is away: keep them for the next round
            _published.setdefault(key, []).extend(ids)
        raise
    return len(ids)


def due(grace: timedelta, limit: int = 500) -> list[OutboxEntry]:
    """Rows older than the grace period that nobody deleted: their worker died before publishing."""
    with _lock:
        mine = set(_published.get(_app_key(), ()))
    rows = db.session.scalars(
        select(OutboxEntry).where(OutboxEntry.created_at < utcnow() - grace).order_by(OutboxEntry.id).limit(limit))
    found = [row for row in rows if row.id not in mine]
    db.session.rollback()  # end the read transaction: nothing here is written
    return found


Republish = Callable[[list[Change]], tuple[dict, list[Change]]]


def sweep(republish: Republish, grace: timedelta) -> int:
    """Publish the facts of rows left behind by a worker that died, then let the janitor delete them."""
    rows = due(grace)
    if not rows:
        return 0
    changes = {row.id: Change(row.kind, row.event_id, row.subject_id) for row in rows}
    _published_payloads, sent = republish(list(changes.values()))
    went = set(sent)
    forget_published(row_id for row_id, change in changes.items() if change in went)
    return len(went)


def start_background(app: Flask, republish: Republish) -> None:
    """The janitor (deletes published rows) and the sweeper (republishes abandoned ones), off the command path."""
    from . import receipts
    from .extensions import socketio
    from .transactions import unit_of_work

    app.config["OUTBOX_BACKGROUND"] = True
    interval = app.config.get("OUTBOX_INTERVAL", 0.5)
    grace = timedelta(seconds=app.config.get("OUTBOX_GRACE_SECONDS", 10))

    def loop() -> None:
        rounds = 0
        while True:
            socketio.sleep(interval)
            rounds += 1
            with app.app_context():
                try:
                    flush_published()
                    if rounds % 4 == 0:
                        sweep(republish, grace)
                    if rounds % 240 == 0:
                        with unit_of_work():
                            receipts.purge(app.config.get("RECEIPT_HOURS", 24))
                except Exception as error:  # the database may be away; the next round tries again
                    log.warning("outbox round failed: %s", error)
                finally:
                    db.session.remove()

    socketio.start_background_task(loop)
