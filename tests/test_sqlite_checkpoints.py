"""SQLite's WAL checkpoints run beside a green server, not inside its commits (which would stall every socket)."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest
import requests

from hackathon.transactions import checkpoint
from tests.support.live import LiveDatabase, LiveServer

pytestmark = pytest.mark.live


def in_database_file(path: str, email: str) -> bool:
    """Whether the account is in the database file itself, not only in its write-ahead log."""
    connection = sqlite3.connect(f"file:{path}?immutable=1", uri=True)  # immutable: the WAL is not read
    try:
        return connection.execute("SELECT count(*) FROM users WHERE email = ?", (email,)).fetchone()[0] == 1
    finally:
        connection.close()


def test_checkpoint_copies_the_log_without_waiting(tmp_path):
    path = str(tmp_path / "c.sqlite")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("CREATE TABLE t (v TEXT)")
    for _ in range(50):
        writer.execute("INSERT INTO t VALUES (?)", ("x" * 2000,))
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM t").fetchone()  # a reader holding a snapshot does not block it
    busy, frames, copied = checkpoint(path)
    assert busy == 0 and frames > 0 and copied == frames
    reader.execute("COMMIT")
    writer.close()
    reader.close()


def test_a_green_server_checkpoints_in_the_background(tmp_path, monkeypatch):
    monkeypatch.delenv("TEST_DATABASE_URL", raising=False)  # SQLite whatever the suite runs on: it is SQLite's rule
    database = LiveDatabase(tmp_path)
    env = {**os.environ, "DATABASE_URL": database.url, "INSTANCE_PATH": str(tmp_path / "instance")}
    env.pop("TEST_DATABASE_URL", None)
    database.create(env)
    server = LiveServer(tmp_path, database).start()
    path = database.url.removeprefix("sqlite:///")
    try:
        page = requests.get(server.url + "/signup", timeout=10)
        assert page.status_code == 200
        session = requests.Session()
        session.cookies.update(page.cookies)
        token = page.text.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
        response = session.post(server.url + "/signup", timeout=10, allow_redirects=False, data={
            "csrf_token": token, "name": "Wal Checkpoint", "email": "wal@example.org",
            "password": "a long enough password"})
        assert response.status_code == 200 and "Check your inbox" in response.text, response.text[:300]
        # A small commit stays in the log under SQLite's own rule (1,000 pages); the background task copies it.
        deadline = time.monotonic() + 10
        while not in_database_file(path, "wal@example.org"):
            assert time.monotonic() < deadline, "the log was not checkpointed within 10 s"
            time.sleep(0.2)
    finally:
        server.stop()
    server.assert_clean_log()
