"""Real servers for race, browser and restart tests: `python app.py` in a subprocess on a free port.

Each server gets its own database: a SQLite file in a temporary folder, or, when the suite runs
on PostgreSQL (TEST_DATABASE_URL), a fresh database next to the test database.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

from hackathon import create_app
from hackathon.config import TestConfig

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The migrated database of this test process, made once: a file on SQLite, a template database on PostgreSQL.
_migrated: dict[str, str] = {}


def _migrate(env: dict, url: str) -> None:
    subprocess.run([sys.executable, "-m", "flask", "--app", "app", "db", "upgrade", "heads"], cwd=ROOT,
                   env={**env, "DATABASE_URL": url}, check=True, capture_output=True)


class LiveDatabase:
    """A database of its own for a live server, migrated with `flask db upgrade`.

    The migrations run once per test process, in a subprocess as a deployment runs them (3–4 s); every later
    database is a copy of that one (a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL), so the
    twenty-odd servers of a run do not each migrate from nothing.
    """

    def __init__(self, tmp: Path, base_url: str | None = None) -> None:
        base = base_url or os.environ.get("TEST_DATABASE_URL", "")
        self.postgres = base.startswith("postgres")
        if self.postgres:
            self.name = f"live_{uuid.uuid4().hex[:10]}"
            parts = urlsplit(base)
            self.admin_url = base
            self.url = urlunsplit(parts._replace(path="/" + self.name))
        else:
            self.path = tmp / "live.sqlite"
            self.url = f"sqlite:///{self.path}"

    def _admin(self, sql: str) -> None:
        import psycopg2

        parts = urlsplit(self.admin_url)
        conn = psycopg2.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username or None,
                                dbname=parts.path.lstrip("/"))
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(sql)
        conn.close()

    def create(self, env: dict) -> None:
        """Make the database: a copy of this process's migrated one (migrating it first, the first time)."""
        if self.postgres:
            key = f"postgres {self.admin_url}"
            if key not in _migrated:
                template = f"live_template_{os.getpid()}_{uuid.uuid4().hex[:6]}"
                self._admin(f'CREATE DATABASE "{template}"')
                atexit.register(self._admin, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
                _migrate(env, urlunsplit(urlsplit(self.admin_url)._replace(path="/" + template)))
                _migrated[key] = template
            self._admin(f'CREATE DATABASE "{self.name}" TEMPLATE "{_migrated[key]}"')
        else:
            if "sqlite" not in _migrated:
                folder = tempfile.mkdtemp(prefix="live-migrated-")
                atexit.register(shutil.rmtree, folder, True)
                path = Path(folder) / "migrated.sqlite"
                _migrate(env, f"sqlite:///{path}")
                with sqlite3.connect(path) as conn:  # everything in the main file, nothing left in a WAL
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    conn.execute("PRAGMA journal_mode=DELETE")
                _migrated["sqlite"] = str(path)
            shutil.copyfile(_migrated["sqlite"], self.path)

    def drop(self) -> None:
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    @contextmanager
    def app_context(self):
        """An in-process app on this database, to arrange data quickly (fast password hashes)."""
        app = create_app(TestConfig(self.url))
        with app.app_context():
            yield app
            from hackathon.extensions import db

            db.session.remove()
            db.engine.dispose()


class LiveServer:
    """One `python app.py` worker; `url`, `log()`, `restart()`, `stop()`."""

    def __init__(self, tmp: Path, database: LiveDatabase, *, async_mode: str = "eventlet",
                 env: dict | None = None, port: int | None = None) -> None:
        self.tmp = tmp
        self.database = database
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / f"server-{self.port}.log"
        self.env = {
            **os.environ,
            "DATABASE_URL": database.url,
            "PORT": str(self.port),
            "HOST": "127.0.0.1",
            "SECRET_KEY": "live-test-secret",
            "INSTANCE_PATH": str(tmp / "instance"),
            "SOCKETIO_ASYNC_MODE": async_mode,
            "LOGIN_RATE_LIMIT": "10000 per minute",
            "LOGIN_ADDRESS_RATE_LIMIT": "10000 per minute",
            # Races and storms test what concurrency does to the rules, not the command budgets
            # (tests/faults/ test those with the defaults).
            "SOCKET_COMMAND_RATE": "100000", "SOCKET_COMMAND_BURST": "100000",
            "USER_COMMAND_RATE": "100000", "USER_COMMAND_BURST": "100000", "SOCKET_COMMANDS_IN_FLIGHT": "100000",
            "SERVER_URL": self.url,
            "PUBLIC_URL": self.url,  # emailed links point at this server, whatever the caller's environment says
            **(env or {}),
        }
        self.env.pop("TEST_DATABASE_URL", None)
        self.process: subprocess.Popen | None = None

    def start(self) -> LiveServer:
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - kept open for the server's life
        self.process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=self.env,
                                        stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log()}")
            try:
                if requests.get(self.url + "/api/v1/events", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"server did not start:\n{self.log()}")

    def stop(self, kill: bool = False) -> None:
        if self.process and self.process.poll() is None:
            if kill:
                self.process.kill()
            else:
                self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if getattr(self, "_log", None):
            self._log.close()

    def restart(self, kill: bool = False) -> LiveServer:
        self.stop(kill=kill)
        return self.start()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def assert_clean_log(self) -> None:
        """No traceback in the server's log: nothing a client sent made it fail."""
        text = self.log()
        assert "Traceback" not in text, text[-5000:]
