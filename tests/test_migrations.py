"""The migrations build exactly the models' schema (no drift), on SQLite and on PostgreSQL."""

from __future__ import annotations

import os

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from hackathon.extensions import db
from tests.support.live import LiveDatabase


def test_migrations_match_the_models(tmp_path):
    database = LiveDatabase(tmp_path)
    env = {**os.environ, "DATABASE_URL": database.url, "INSTANCE_PATH": str(tmp_path / "instance")}
    env.pop("TEST_DATABASE_URL", None)
    database.create(env)  # runs `flask db upgrade` in a subprocess, as a deployment would
    try:
        with database.app_context(), db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            diff = compare_metadata(context, db.metadata)
        assert diff == [], f"models and migrations differ; run `flask db migrate`: {diff}"
    finally:
        database.drop()
