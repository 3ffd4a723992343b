"""Everything the platform holds about a person, found by following every foreign key to users.id.

The walk is over the live metadata, so tables that any capability adds are included without
changes here. Secrets are left out by column name: anything whose name contains "hash", "code" or
"token" (password and token hashes, badge and invitation codes).
"""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal

from sqlalchemy import Table, or_, select

from ..accounts.models import User
from ..clock import utcnow
from ..extensions import db
from .notice import NOTICE_VERSION

SECRET_MARKERS = ("hash", "code", "token")


def is_secret(column_name: str) -> bool:
    """Whether a column holds a secret that an export must not reveal."""
    name = column_name.lower()
    return any(marker in name for marker in SECRET_MARKERS)


def _plain(value: object) -> object:
    """A value as JSON: dates in ISO 8601, bytes in base64, decimals as text."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _row(table: Table, row) -> dict:
    mapping = row._mapping
    return {column.name: _plain(mapping[column]) for column in table.columns if not is_secret(column.name)}


def tables_pointing_at_users() -> list[tuple[Table, list]]:
    """Every table with a foreign key to users.id, with those key columns, in a stable order."""
    users = User.__table__
    found = []
    for table in db.metadata.sorted_tables:
        if table is users:
            continue
        columns = [fk.parent for fk in table.foreign_keys if fk.column.table is users and fk.column.name == "id"]
        if columns:
            found.append((table, sorted(columns, key=lambda column: column.name)))
    return sorted(found, key=lambda pair: pair[0].name)


def personal_data(user: User) -> dict:
    """The user's row (without secrets) and, per table, the rows that point at them, column by column."""
    users = User.__table__
    me = db.session.execute(select(users).where(users.c.id == user.id)).one()
    tables: dict[str, list[dict]] = {}
    for table, columns in tables_pointing_at_users():
        primary = list(table.primary_key.columns)
        rows = db.session.execute(
            select(table).where(or_(*(column == user.id for column in columns))).order_by(*primary)
        )
        tables[table.name] = [_row(table, row) for row in rows]
    return {
        "exported_at": utcnow().isoformat(),
        "privacy_notice_version": NOTICE_VERSION,
        "user": _row(users, me),
        "tables": tables,
    }
