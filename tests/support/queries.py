"""Counting the SQL statements one page request runs, for the tests that no page queries per row."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import event as sa_event

from hackathon.extensions import db


def count_queries(client: FlaskClient, url: str) -> int:
    """GET the page (it must answer 200) and return how many statements it ran."""
    statements: list[str] = []

    def listener(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    db.session.remove()  # each request starts with an empty identity map, as on a real server
    sa_event.listen(db.engine, "before_cursor_execute", listener)
    try:
        response = client.get(url)
        assert response.status_code == 200, url
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", listener)
    return len(statements)
