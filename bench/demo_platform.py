"""A platform under benchmark: a migrated database with the demo at a given size, tokens, servers."""

from __future__ import annotations

import hashlib
import os
import secrets
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from tests.support.live import LiveDatabase, LiveServer

ROOT = Path(__file__).resolve().parent.parent


BOOKING_MARGIN = timedelta(minutes=5)  # a slot that starts sooner may have started before the storm books it


def bookable(slots: list[dict]) -> list[dict]:
    """The available slots that start later than BOOKING_MARGIN from now (a started slot refuses bookings)."""
    soon = datetime.now(UTC) + BOOKING_MARGIN
    return [s for s in slots if s["status"] == "available" and datetime.fromisoformat(s["starts_at"]) > soon]


class Platform:
    """The demo event of `participants` people in a fresh SQLite or PostgreSQL database."""

    def __init__(self, participants: int, *, postgres: bool = False, mentors: int = 12, jurors: int = 5) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-"))
        base = os.environ.get("BENCH_POSTGRES_URL", "postgresql://127.0.0.1:5432/test") if postgres else None
        self.database = LiveDatabase(self.tmp, base_url=base) if postgres else LiveDatabase(self.tmp, base_url="")
        self.env = {**os.environ, "DATABASE_URL": self.database.url, "INSTANCE_PATH": str(self.tmp / "instance"),
                    "RATELIMIT_ENABLED": "0"}
        self.env.pop("TEST_DATABASE_URL", None)
        self.database.create(self.env)
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "app", "demo", "seed", "--participants", str(participants),
             "--mentors", str(mentors), "--jurors", str(jurors)],
            cwd=ROOT, env=self.env, check=True, capture_output=True,
        )
        self.servers: list = []  # LiveServer and bench.cluster.Cluster: each has stop()

    def tokens(self, emails: list[str]) -> dict[str, str]:
        """Bearer tokens for these accounts, written straight into the database (no hashing, no limits)."""
        from hackathon.accounts.models import ApiToken, User
        from hackathon.clock import utcnow
        from hackathon.extensions import db

        found: dict[str, str] = {}
        with self.database.app_context():
            users = {u.email: u for u in db.session.scalars(select(User).where(User.email.in_(emails)))}
            for email in emails:
                raw = "hk_" + secrets.token_urlsafe(32)
                db.session.add(ApiToken(user_id=users[email].id, name="bench",
                                        token_hash=hashlib.sha256(raw.encode()).hexdigest(),
                                        expires_at=utcnow() + timedelta(days=1)))
                found[email] = raw
            db.session.commit()
        return found

    def server(self, **env) -> LiveServer:
        """Start one worker (eventlet) on this database."""
        server = LiveServer(self.tmp, self.database, env={"RATELIMIT_ENABLED": "0", **env}).start()
        self.servers.append(server)
        return server

    def cluster(self, workers: int):
        """Start `workers` workers on this (PostgreSQL) database with Redis as their message queue, on a channel
        of their own; no nginx (the bench connects to each worker). Stopped by close()."""
        from bench.cluster import Cluster

        redis = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
        cluster = Cluster(workers, 0, self.database.url, redis, nginx=False,
                          env={"RATELIMIT_ENABLED": "0", "SOCKETIO_CHANNEL": f"bench-{secrets.token_hex(4)}",
                               "DATABASE_POOL_SIZE": "10"})
        self.servers.append(cluster)
        return cluster.start()

    def close(self) -> None:
        for server in self.servers:
            server.stop()
        self.database.drop()
