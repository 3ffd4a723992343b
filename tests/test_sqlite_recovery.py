"""A SQLite connection that saw a read-only disk is dropped: once the disk is writable, writes work again.

SQLite opens a database read-only when its file cannot be written at that moment (a disk remounted read-only),
and such a connection stays read-only for its life; kept in the pool, it failed every later write. The pool
now drops connections after errors of a broken disk. Here the pool's first connections are read-only ones.
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from hackathon.extensions import db
from hackathon.faults import is_infrastructure_fault
from hackathon.transactions import unit_of_work


def test_a_read_only_connection_is_dropped_and_the_next_write_works(app, make):
    if db.engine.dialect.name != "sqlite":
        return  # PostgreSQL has no such mode; the suite runs this file on SQLite
    path = db.engine.url.database
    user = make.user()
    db.engine.dispose()
    opened: list[str] = []
    original = db.engine.pool._creator

    def creator(*args):
        if not opened:
            opened.append("read-only")
            return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        opened.append("read-write")
        return original(*args)

    db.engine.pool._creator = creator
    db.session.remove()
    with pytest.raises(OperationalError) as refused:
        rename(user, "Read Only")
    assert "readonly" in str(refused.value).lower()
    assert is_infrastructure_fault(refused.value)  # answered `unavailable`, not `internal`
    db.session.remove()
    rename(user, "Writable Again")
    assert opened == ["read-only", "read-write"]


def rename(user, name: str) -> None:
    with unit_of_work():
        db.session.merge(user).name = name
