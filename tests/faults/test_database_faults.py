"""PostgreSQL stopped or hung: every command is answered at once with `unavailable`, and the worker heals itself.

The worker reaches the machine's PostgreSQL through a TCP proxy this test controls (its own database on that
server, never `test`): stopping the proxy is the server going down, hanging it is the server hanging. Before,
socket commands got no answer at all with the database stopped (issue 15, item 2), and a hung database held
requests past the client's patience and committed them later (item 6).
"""

from __future__ import annotations

import asyncio
import os
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.faults.arena import build
from tests.faults.scenarios import database_hung, database_stopped
from tests.support.live import LiveDatabase, LiveServer
from tests.support.tcp_proxy import TcpProxy

pytestmark = pytest.mark.live
PG = os.environ.get("FAULTS_DATABASE_URL", "postgresql://127.0.0.1:5432/test")


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dbfaults")
    database = LiveDatabase(tmp, base_url=PG)
    env = {**os.environ, "DATABASE_URL": database.url, "INSTANCE_PATH": str(tmp / "instance")}
    env.pop("TEST_DATABASE_URL", None)
    database.create(env)
    arena = build(database)
    parts = urlsplit(database.url)
    proxy = TcpProxy((parts.hostname, parts.port or 5432)).start()
    through_proxy = urlunsplit(parts._replace(netloc=f"127.0.0.1:{proxy.port}"))
    server = LiveServer(tmp, database, env={"DATABASE_URL": through_proxy}).start()
    yield server, arena, proxy
    proxy.heal()
    server.stop()
    server.assert_clean_log()
    proxy.close()
    database.drop()


def test_with_the_database_stopped_every_command_is_answered_unavailable_at_once(platform):
    server, arena, proxy = platform
    seen = asyncio.run(database_stopped(server, arena, proxy, arena["slots"][0]))
    print(f"\n[database stopped] first ack {seen['ack_s'] * 1000:.0f} ms, sync {seen['sync_s'] * 1000:.0f} ms, "
          f"HTTP {seen['http_s'] * 1000:.0f} ms; healed {seen['healed_s']:.1f} s after it was back")
    booked, page = seen["booked"], seen["page"]
    assert booked["ok"] is False and booked["error"]["code"] == "unavailable" and booked["error"]["retry_after"] >= 1
    assert seen["synced"]["error"]["code"] == "unavailable"
    assert seen["ack_s"] < 1.0 and seen["sync_s"] < 1.0  # was: never answered
    assert page.status_code == 503 and int(page.headers["Retry-After"]) >= 1 and seen["http_s"] < 1.0
    assert page.json()["error"]["code"] == "unavailable"
    assert seen["healed"]["ok"] is True, seen["healed"]


def test_a_hung_database_is_answered_before_the_client_gives_up_and_commits_nothing_later(platform):
    server, arena, proxy = platform
    seen = asyncio.run(database_hung(server, arena, proxy, arena["slots"][1]))
    print(f"\n[database hung] answered after {seen['ack_s']:.1f} s")
    assert seen["answer"]["ok"] is False and seen["answer"]["error"]["code"] == "unavailable"
    assert seen["ack_s"] < 9.0  # the browser gives up at 10 s
    assert seen["slot_status"] == "available"  # nothing committed after the answer
