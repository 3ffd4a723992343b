"""Pages: server time p50/p95 and SQL statements per page, with the demo at a given size, in-process."""

from __future__ import annotations

import time

from sqlalchemy import event as sa_event

from bench.demo_platform import Platform
from bench.stats import summary_ms

SLUG = "social-impact-hackathon"
# (who, path) — the busiest pages of each capability; paths that do not exist (yet) are reported as such.
PAGES = [
    ("organiser@demo.example", f"/events/{SLUG}/console/overview"),
    ("organiser@demo.example", f"/events/{SLUG}/console/overview.json"),
    ("organiser@demo.example", f"/events/{SLUG}/console/"),
    ("organiser@demo.example", f"/events/{SLUG}/console/registrations.csv"),
    ("participant1@demo.example", f"/events/{SLUG}"),
    ("participant1@demo.example", f"/events/{SLUG}/teams"),
    ("participant1@demo.example", f"/events/{SLUG}/challenges/"),
    ("organiser@demo.example", f"/events/{SLUG}/console/teams/"),
    ("mentor1@demo.example", f"/events/{SLUG}/mentoring/mentor"),
    ("participant1@demo.example", f"/events/{SLUG}/mentoring/"),
    ("organiser@demo.example", f"/events/{SLUG}/console/mentoring/"),
    ("jury1@demo.example", f"/events/{SLUG}/judging/jury"),
    ("organiser@demo.example", f"/events/{SLUG}/console/judging/"),
    ("organiser@demo.example", f"/events/{SLUG}/console/checkin/"),
    ("organiser@demo.example", f"/events/{SLUG}/console/checkin/badges"),
    ("participant1@demo.example", f"/events/{SLUG}/programme"),
    ("organiser@demo.example", f"/events/{SLUG}/console/audit/"),
    ("organiser@demo.example", f"/api/v1/events/{SLUG}/teams"),
    ("organiser@demo.example", f"/api/v1/events/{SLUG}/mentoring/slots"),
]


def run(platform: Platform, repeats: int = 30) -> list[dict]:
    """Time each page `repeats` times after a warm-up; count its SQL statements."""
    from hackathon import create_app
    from hackathon.accounts.services import find_user
    from hackathon.config import TestConfig
    from hackathon.extensions import db
    from hackathon.heap import freeze_startup_objects

    config = TestConfig(platform.database.url)
    config.PASSWORD_HASH_METHOD = "scrypt"
    app = create_app(config)
    freeze_startup_objects()  # as app.py does before it serves

    @app.before_request
    def fresh_globals():
        # One app context stays pushed for all requests here, and Flask reuses it: without this, `g` would carry
        # the first request's user (Flask-Login caches it there) into every later request.
        from flask import g

        for name in list(vars(g)):
            delattr(g, name)

    results = []
    with app.app_context():
        for email, path in PAGES:
            user = find_user(email)
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = user.get_id()
            warm = client.get(path)
            if warm.status_code != 200:
                results.append({"page": path, "as": email.split("@")[0], "status": warm.status_code})
                continue
            statements: list[str] = []

            def count(*args, sink=statements):
                sink.append(args[2])

            sa_event.listen(db.engine, "before_cursor_execute", count)
            client.get(path)
            sa_event.remove(db.engine, "before_cursor_execute", count)
            timings = []
            for _ in range(repeats):
                began = time.perf_counter()
                client.get(path).get_data()
                timings.append(time.perf_counter() - began)
            results.append({"page": path, "as": email.split("@")[0], "queries": len(statements),
                            **summary_ms(timings)})
        db.session.remove()
        db.engine.dispose()
    return results
