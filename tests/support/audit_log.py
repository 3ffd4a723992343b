"""Reading the audit log in capability tests: the entries written, optionally of one action."""

from __future__ import annotations

from sqlalchemy import select

from hackathon.audit.models import AuditEntry
from hackathon.extensions import db


def entries(action: str | None = None) -> list[AuditEntry]:
    """The log's entries (of one action), oldest first, read afresh."""
    db.session.expire_all()
    query = select(AuditEntry).order_by(AuditEntry.id)
    if action:
        query = query.where(AuditEntry.action == action)
    return list(db.session.scalars(query))


def only(action: str) -> AuditEntry:
    """The one entry of this action; fails when there is none or more than one."""
    found = entries(action)
    assert len(found) == 1, [(e.action, e.summary) for e in found]
    return found[0]
