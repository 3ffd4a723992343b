"""Faults measured against a baseline in the same run: `python -m bench.faults [--rounds N]`.

- flood: a heartbeat client's longest gap (a `session:whoami` every 150 ms, within its budget) while another
  client sends 20,000 commands without waiting, against the same heartbeat without the flood (target: under
  100 ms more);
- database: the time to the first answer once PostgreSQL is stopped (target under 1 s), and the answer to a
  command caught by a hung PostgreSQL (before the client's 10 s, and nothing committed later);
- queue: Redis killed or hung between two workers: the ack time meanwhile, and the time from Redis being back
  until the other worker's phone was told to resync (target under 2 s).
The scenarios are the fault suite's (tests/faults/scenarios.py). Results go to bench/results/ and the figures
to docs/reliability.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.calibration import calibration_ms
from tests.faults.arena import build
from tests.faults.scenarios import database_hung, database_stopped, flood, queue_outage
from tests.support.heartbeat import Heartbeat
from tests.support.live import LiveDatabase, LiveServer
from tests.support.redis_server import RedisServer
from tests.support.tcp_proxy import TcpProxy

PG = os.environ.get("BENCH_POSTGRES_URL", "postgresql://127.0.0.1:5432/test")
DEFAULT_BUDGETS = dict.fromkeys(("SOCKET_COMMAND_RATE", "SOCKET_COMMAND_BURST", "USER_COMMAND_RATE",
                                 "USER_COMMAND_BURST", "SOCKET_COMMANDS_IN_FLIGHT"), "")


def _database(tmp: Path, base: str) -> LiveDatabase:
    database = LiveDatabase(tmp, base_url=base)
    env = {**os.environ, "DATABASE_URL": database.url, "INSTANCE_PATH": str(tmp / "instance")}
    env.pop("TEST_DATABASE_URL", None)
    database.create(env)
    return database


def flood_rounds(rounds: int, count: int = 20_000) -> dict:
    """Heartbeat gaps without and with a flood, `rounds` times on one worker (SQLite, default budgets)."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-flood-"))
    database = _database(tmp, "")
    arena = build(database, slug="bench-flood")
    server = LiveServer(tmp, database, env=DEFAULT_BUDGETS).start()
    runs = []
    try:
        for _ in range(rounds):
            beat = Heartbeat(server.url, arena["tokens"]["people"][0], every=0.15)
            time.sleep(4)
            quiet = beat.stop()
            beat = Heartbeat(server.url, arena["tokens"]["people"][0], every=0.15)
            started = time.monotonic()
            outcome = asyncio.run(flood(server.url, arena["tokens"]["people"][1], "session:whoami", {}, count))
            took = time.monotonic() - started
            noisy = beat.stop()
            runs.append({"quiet_gap_ms": round(quiet * 1000, 1), "flood_gap_ms": round(noisy * 1000, 1),
                         "extra_ms": round((noisy - quiet) * 1000, 1), "flood_s": round(took, 2),
                         "answers": outcome})
        server.assert_clean_log()
    finally:
        server.stop()
    extra = [r["extra_ms"] for r in runs]
    return {"commands": count, "runs": runs, "extra_ms_median": statistics.median(extra), "extra_ms_max": max(extra)}


def database_rounds(rounds: int) -> dict:
    """PostgreSQL stopped and hung behind a proxy, `rounds` times each."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-db-"))
    database = _database(tmp, PG)
    arena = build(database, slug="bench-db", slot_count=max(4, 2 * rounds + 2), people=max(20, 2 * rounds),
                  teams=max(10, 2 * rounds))
    parts = urlsplit(database.url)
    proxy = TcpProxy((parts.hostname, parts.port or 5432)).start()
    server = LiveServer(tmp, database,
                        env={"DATABASE_URL": urlunsplit(parts._replace(netloc=f"127.0.0.1:{proxy.port}"))}).start()
    stopped, hung = [], []
    try:
        for i in range(rounds):
            seen = asyncio.run(database_stopped(server, arena, proxy, arena["slots"][2 * i], person=2 * i))
            stopped.append({"first_ack_ms": round(seen["ack_s"] * 1000, 1), "sync_ms": round(seen["sync_s"] * 1000, 1),
                            "http_ms": round(seen["http_s"] * 1000, 1), "code": seen["booked"]["error"]["code"],
                            "http_status": seen["page"].status_code, "healed_s": round(seen["healed_s"], 2)})
            seen = asyncio.run(database_hung(server, arena, proxy, arena["slots"][2 * i + 1], person=2 * i + 1))
            hung.append({"answer_s": round(seen["ack_s"], 2), "code": seen["answer"].get("error", {}).get("code"),
                         "slot_afterwards": seen["slot_status"]})
        server.assert_clean_log()
    finally:
        proxy.heal()
        server.stop()
        proxy.close()
        database.drop()
    return {"stopped": stopped, "hung": hung,
            "first_ack_ms_max": max(r["first_ack_ms"] for r in stopped),
            "hung_answer_s_max": max(r["answer_s"] for r in hung)}


def queue_rounds(rounds: int) -> dict:
    """Redis killed and hung between two workers on PostgreSQL, `rounds` times each."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-queue-"))
    redis = RedisServer(tmp).start()
    database = _database(tmp, PG)
    arena = build(database, slug="bench-queue", slot_count=max(4, 2 * rounds + 2), people=max(20, 2 * rounds + 1),
                  teams=max(10, 2 * rounds + 1))
    env = {"SOCKETIO_MESSAGE_QUEUE": redis.url, "SOCKETIO_CHANNEL": f"bench-{uuid.uuid4().hex[:8]}",
           "RATELIMIT_STORAGE_URI": "memory://"}
    workers = [LiveServer(tmp, database, env=env).start() for _ in range(2)]
    results: dict[str, list] = {"kill": [], "hang": []}
    try:
        for i in range(rounds):
            for j, fault in enumerate(("kill", "hang")):
                seen = asyncio.run(queue_outage(workers, arena, redis, arena["slots"][2 * i + j], fault,
                                                person=2 * i + j))
                results[fault].append({"ack_ms": round(seen["ack_s"] * 1000, 1),
                                       "converged_s": round(seen["converged_s"], 2),
                                       "answer_ok": seen["answer"]["ok"], "seen": seen["seen"]})
        for worker in workers:
            worker.assert_clean_log()
    finally:
        for worker in workers:
            worker.stop()
        redis.stop()
        database.drop()
    return {**results, "converged_s_max": max(r["converged_s"] for runs in results.values() for r in runs),
            "ack_ms_max": max(r["ack_ms"] for runs in results.values() for r in runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="flood,database,queue")
    args = parser.parse_args()
    only = set(args.only.split(","))
    report: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "calibration_ms": {"start": calibration_ms()}}
    if "flood" in only:
        report["flood"] = flood_rounds(args.rounds)
    if "database" in only:
        report["database"] = database_rounds(args.rounds)
    if "queue" in only:
        report["queue"] = queue_rounds(args.rounds)
    report["calibration_ms"]["end"] = calibration_ms()
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    path = out / f"{report['started'].replace(':', '')}-faults.json"
    path.write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
