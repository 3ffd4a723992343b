"""Fixtures shared by every test: the app on the test database, clients, people, mail."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from flask import g
from sqlalchemy import text

from hackathon import create_app
from hackathon.clock import clock
from hackathon.config import TestConfig
from hackathon.extensions import db
from tests.support import route_builders
from tests.support.factories import Factory, event_today
from tests.support.smtp import LocalSmtp

route_builders.install()

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
ON_POSTGRES = TEST_DATABASE_URL.startswith("postgres")


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server (aiosmtpd) on a free local port: every email a test causes lands here."""
    server = LocalSmtp()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _schema():
    """Create the schema once per session on the test database (dropping what an earlier run left)."""
    app = create_app(TestConfig())
    with app.app_context():
        if ON_POSTGRES:
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        else:
            db.drop_all()
        db.create_all()
        db.engine.dispose()


@pytest.fixture
def app(_schema, smtp_server):
    """An app on the test database; every table is emptied after the test."""
    config = TestConfig()
    config.MAIL_SERVER, config.MAIL_PORT = smtp_server.host, smtp_server.port
    application = create_app(config)
    smtp_server.messages.clear()

    @application.before_request
    def fresh_globals():
        # The test keeps an app context pushed and Flask reuses it for each request, so `g` would carry one
        # request's user and CSRF token into the next; a real server starts every request with a fresh `g`.
        for name in list(vars(g)):
            delattr(g, name)

    with application.app_context():
        yield application
        db.session.remove()
        clock.frozen = None
        with db.engine.begin() as conn:
            # Children before parents. Not TRUNCATE on PostgreSQL: it replaces every table's files (0.3–1.5 s
            # for 60 tables, most of them empty), where deleting a test's few rows takes milliseconds.
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
            if ON_POSTGRES:  # ids start at 1 again, as after a fresh schema (SQLite reuses them by itself)
                conn.execute(text("SELECT setval(c.oid::regclass, 1, false) FROM pg_class c JOIN pg_namespace n"
                                  " ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = 'public'"))
        # Each test's app has its own engine: close its connections now rather than when it is collected,
        # or PostgreSQL runs out of connection slots half-way through the suite.
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _every_fact_carries_its_envelope(monkeypatch):
    """Whatever a test does, every fact it publishes carries the envelope of docs/api.md: `event_id` and `event`."""
    from hackathon import realtime

    publish, without = realtime.publish, []

    def checked(fact, payload, room):
        if not isinstance(payload, dict) or not isinstance(payload.get("event_id"), int) or not payload.get("event"):
            without.append(fact)
        publish(fact, payload, room)

    monkeypatch.setattr(realtime, "publish", checked)
    yield
    assert not without, f"facts published without event_id and event: {sorted(set(without))}"


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make(app):
    """Builds users, events and registrations through the services."""
    return Factory(app)


@pytest.fixture
def event(make):
    """A three-day event starting tomorrow, with an organiser."""
    return make.event(days=[event_today() + timedelta(days=i) for i in range(1, 4)])


@pytest.fixture
def mailbox(smtp_server):
    """The messages the SMTP server received during this test."""
    return smtp_server.messages


@pytest.fixture(scope="module")
def live_db(tmp_path_factory):
    """A migrated database of its own for live servers in this module."""
    from tests.support.live import LiveDatabase

    tmp = tmp_path_factory.mktemp("live")
    database = LiveDatabase(tmp)
    env = {**os.environ, "DATABASE_URL": database.url, "INSTANCE_PATH": str(tmp / "instance")}
    env.pop("TEST_DATABASE_URL", None)
    database.create(env)
    database.tmp = tmp
    yield database
    database.drop()


@pytest.fixture(scope="module")
def live_server(live_db):
    """One real eventlet worker on the module's database; its log must stay free of tracebacks."""
    from tests.support.live import LiveServer

    server = LiveServer(live_db.tmp, live_db).start()
    yield server
    server.stop()
    server.assert_clean_log()
