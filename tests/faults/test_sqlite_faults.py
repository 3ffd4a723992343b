"""SQLite held by another process, or its disk full: the worker keeps answering everyone, refuses writes with
`unavailable` meanwhile, and heals itself when the disk has room again (issue 15, item 7).

Before, a write waiting for another process's lock froze the whole worker in C for the busy timeout (10 s).
The read-only disk (connections that stay read-only after the disk is writable again) is tested in-process,
in tests/test_sqlite_recovery.py: a mounted file system cannot be made read-only while the worker holds its
files open for writing.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faults.arena import build
from tests.support.heartbeat import Heartbeat
from tests.support.live import LiveDatabase, LiveServer
from tests.support.thin_socket import ThinClient

pytestmark = pytest.mark.live

HOLD_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""


@pytest.fixture
def disk(tmp_path):
    """A small tmpfs of the test's own, for the instance folder and the database (root may mount here)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def platform(disk):
    database = LiveDatabase(disk, base_url="")
    env = {**os.environ, "DATABASE_URL": database.url, "INSTANCE_PATH": str(disk / "instance")}
    env.pop("TEST_DATABASE_URL", None)
    database.create(env)
    arena = build(database, slug="sqlite-hack")
    server = LiveServer(disk, database).start()
    yield server, arena, database, disk
    server.stop()
    server.assert_clean_log()


async def book(server, token: str, slot: int) -> tuple[dict, float]:
    client = ThinClient()
    await client.connect(server.url, auth={"token": token})
    try:
        started = time.monotonic()
        answer = await client.call("mentoring:book", {"slot_id": slot}, timeout=20)
        return answer, time.monotonic() - started
    finally:
        await client.disconnect()


def test_another_process_holding_the_lock_does_not_freeze_the_worker(platform):
    server, arena, database, _disk = platform
    path = database.url.removeprefix("sqlite:///")
    beat = Heartbeat(server.url, arena["tokens"]["organiser"], every=0.05)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, path, "4"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    refused, took = asyncio.run(book(server, arena["tokens"]["people"][0], arena["slots"][0]))
    longest = beat.stop()
    holder.wait(10)
    booked, _ = asyncio.run(book(server, arena["tokens"]["people"][0], arena["slots"][0]))
    print(f"\n[sqlite held elsewhere] write answered in {took:.1f} s; "
          f"the heartbeat's longest gap {longest * 1000:.0f} ms")
    assert refused["ok"] is False and refused["error"]["code"] == "unavailable"
    assert took < 4.0
    assert longest < 1.0  # was 10 s: every socket of the worker waited for SQLite in C
    assert booked["ok"] is True


def test_a_full_disk_refuses_writes_and_the_worker_heals_when_there_is_room(platform):
    server, arena, database, disk = platform
    filler = Path(disk) / "filler"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * (1 << 20))
                handle.flush()
        except OSError:
            pass
    try:
        answers = [asyncio.run(book(server, arena["tokens"]["people"][i], slot))[0]
                   for i, slot in enumerate(arena["slots"][2:8])]
    finally:
        filler.unlink()
    assert {a["error"]["code"] for a in answers if not a["ok"]} <= {"unavailable"}
    assert any(not a["ok"] for a in answers)  # the disk really was full
    booked, _ = asyncio.run(book(server, arena["tokens"]["people"][9], arena["slots"][9]))
    assert booked["ok"] is True, booked
    sqlite3.connect(database.url.removeprefix("sqlite:///")).execute("PRAGMA integrity_check").fetchone()
