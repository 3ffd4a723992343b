"""Write transactions: one unit of work per command, serialised in-process on SQLite.

Under eventlet a greenlet that waits on SQLite's file lock freezes the whole worker,
because SQLite waits in C. So on SQLite every write transaction takes one in-process
lock (a green lock once eventlet or gevent has patched `threading`) and begins with
`BEGIN IMMEDIATE`, which takes SQLite's write lock up front instead of upgrading a read
lock half-way (the upgrade is where concurrent deferred transactions deadlock).
PostgreSQL needs neither: its rows are guarded by constraints and conditional updates.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from flask import Flask
from sqlalchemy import Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from .extensions import db

log = logging.getLogger(__name__)
_state = threading.local()
_sqlite_write_lock = threading.Lock()
# Set by checkpoint_off_loop: connections opened from then on leave WAL checkpoints to the background task.
_background_checkpoints = {"on": False}
# Called after the outermost unit of work commits (identity changes are re-checked there).
_after_commit: list = []


def on_commit(hook) -> None:
    """Call `hook()` after every outermost unit of work has committed (in its thread, app context still pushed)."""
    if hook not in _after_commit:
        _after_commit.append(hook)


def _is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


# SQLite errors after which a connection cannot be trusted (the file became read-only, the disk failed): the
# connection and the pool are dropped, so that the worker recovers by itself once the disk is back.
_SQLITE_BROKEN = ("readonly", "read-only", "disk i/o error", "unable to open", "malformed")


def configure_engine(app: Flask) -> None:
    """Install the SQLite connection settings and our own BEGIN (pysqlite's is turned off)."""
    with app.app_context():
        engine = db.engine
    if not _is_sqlite(engine):
        return
    in_memory = engine.url.database in (None, "", ":memory:")
    busy_ms = int(app.config.get("SQLITE_BUSY_TIMEOUT_MS", 25))

    @event.listens_for(engine, "handle_error")
    def on_error(context):
        text = str(context.original_exception).lower()
        if any(marker in text for marker in _SQLITE_BROKEN):
            context.is_disconnect = True

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            if _background_checkpoints["on"]:
                cursor.execute("PRAGMA wal_autocheckpoint=0")
        # SQLite waits for a lock in C, freezing every green thread of the worker: wait briefly here, and let
        # unit_of_work retry the write lock with green sleeps (sqlite_write_wait) instead.
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if getattr(_state, "writing", False) else "BEGIN")


def checkpoint(path: str) -> tuple[int, int, int]:
    """Copy what the write-ahead log holds into the database file without waiting for anyone (PASSIVE);
    returns SQLite's (busy, frames in the log, frames copied)."""
    connection = sqlite3.connect(path, timeout=10)
    try:
        return tuple(connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone())
    finally:
        connection.close()


def checkpoint_off_loop(app: Flask, interval: float = 1.0) -> bool:
    """Under a green server, move SQLite's WAL checkpoints out of commits into a native thread, every second.

    SQLite copies the log back into the database file inside whichever commit crosses 1,000 pages, and
    syncs it: 20-70 ms here, during which an eventlet or gevent worker answers nobody (every door, every
    phone). Call before serving; returns whether it applies (a SQLite file).
    """
    from .extensions import socketio
    from .offload import run_off_loop

    with app.app_context():
        engine = db.engine
    path = engine.url.database
    if not _is_sqlite(engine) or path in (None, "", ":memory:"):
        return False
    _background_checkpoints["on"] = True
    engine.dispose()  # the pool's connections from now on are opened with automatic checkpoints off

    def every_interval() -> None:
        while True:
            socketio.sleep(interval)
            with app.app_context():
                try:
                    run_off_loop(checkpoint, path)
                except Exception:  # the next round tries again; commits never depend on it
                    log.exception("SQLite checkpoint failed")

    socketio.start_background_task(every_interval)
    return True


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """Run the block as one write transaction and commit it; roll back if it raises.

    Nested units join the outer one. Emit facts only after the outermost block has exited.
    """
    if getattr(_state, "depth", 0):
        _state.depth += 1
        try:
            yield db.session
        finally:
            _state.depth -= 1
        return

    session = db.session()  # the scoped session's Session for this thread or greenlet
    sqlite_file = _is_sqlite(db.engine)
    lock = _sqlite_write_lock if sqlite_file else nullcontext()
    with lock:
        if session.in_transaction():
            # End the request's read transaction so that the write one begins IMMEDIATE.
            session.commit()
        _state.depth, _state.writing = 1, True
        try:
            if sqlite_file:
                _begin_immediate(session)
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            _state.depth, _state.writing = 0, False
    for hook in _after_commit:
        hook()


def _begin_immediate(session: Session) -> None:
    """Take SQLite's write lock, retrying with green sleeps while another process holds it.

    Our own writers queue on the in-process lock; only another process (a backup, a maintenance script, a
    second worker on one file) can hold SQLite's lock. Each attempt waits at most SQLITE_BUSY_TIMEOUT_MS in
    C; between attempts the worker serves everyone else. After SQLITE_WRITE_WAIT seconds the command is
    answered `unavailable` (retry later).
    """
    from flask import current_app
    from sqlalchemy.exc import OperationalError

    from .extensions import socketio

    budget = float(current_app.config.get("SQLITE_WRITE_WAIT", 2.0))
    deadline = time.monotonic() + budget
    pause = 0.01
    while True:
        try:
            session.connection()  # BEGIN IMMEDIATE (the "begin" listener)
            return
        except OperationalError as error:
            if "locked" not in str(error.orig).lower() and "busy" not in str(error.orig).lower():
                raise
            session.rollback()
            if time.monotonic() + pause > deadline:
                raise
            socketio.sleep(pause)
            pause = min(pause * 2, 0.1)


def insert_unless_duplicate(table: Table):
    """INSERT … ON CONFLICT DO NOTHING for the session's database: one statement where a savepoint took three.

    With RETURNING, no row back means a unique key was taken; on PostgreSQL a concurrent insert of the same
    key waits for the other transaction and then does nothing, so the loser can read the winner's row.
    """
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()
