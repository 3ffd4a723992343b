"""Every CSV export, downloaded from a real eventlet server with rows in it: whole files, no traceback in the log.

Streamed responses run after the view has returned, outside the handlers that turn errors into pages: the
audit log's CSV once failed on every row ("identity map is no longer valid") and the server sent the
traceback to the browser.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
import requests

from hackathon.accounts import services as accounts
from hackathon.audit.services import record
from hackathon.events import registration as reg
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.transactions import unit_of_work
from tests.support.factories import PASSWORD, event_today

EXPORTS = ["console/audit/audit.csv", "console/registrations.csv", "console/teams/teams.csv",
           "console/judging/results.csv", "console/judging/sheets.csv", "console/checkin/{day}.csv"]


@pytest.fixture(scope="module")
def organiser_session(live_db, live_server):
    with live_db.app_context():
        with unit_of_work():
            event = create_event("export-hack", "Export Hack", timezone="Europe/Berlin", capacity=20,
                                 days=[event_today() + timedelta(days=i) for i in range(2)], venue="Hall")
            organiser = accounts.create_user("boss@export.example", "Boss", PASSWORD)
            grant_role(event, organiser, "organiser")
        for n in range(30):
            with unit_of_work():
                person = accounts.create_user(f"p{n}@export.example", f"=cmd|' /C calc'!A{n}", PASSWORD)
                reg.register(event, person, reg.Profile(country="DE"), consent_data=True)
                record(event, organiser, "test.row", f"user:{person.id}", f"Row {n}", n=n)
        day = event_today().isoformat()
    session = requests.Session()
    page = session.get(live_server.url + "/login").text
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    response = session.post(live_server.url + "/login", data={"csrf_token": token, "email": "boss@export.example",
                                                             "password": PASSWORD}, allow_redirects=False)
    assert response.status_code == 302
    return session, day


@pytest.mark.parametrize("path", EXPORTS)
def test_exports_stream_whole_files_from_a_real_server(live_server, organiser_session, path):
    session, day = organiser_session
    response = session.get(f"{live_server.url}/events/export-hack/{path.format(day=day)}", timeout=10)
    assert response.status_code == 200, response.text[:500]
    text = response.text
    assert "Traceback" not in text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows and all(len(row) == len(rows[0]) for row in rows)
    if "audit" in path or "registrations" in path:
        assert len(rows) > 30
    live_server.assert_clean_log()
