"""Real servers: eventlet (the default) and gevent serve pages, log people in and accept their sockets."""

from __future__ import annotations

import re

import pytest
import requests
import socketio

from hackathon.accounts import services
from hackathon.transactions import unit_of_work
from tests.support.factories import PASSWORD
from tests.support.live import LiveServer


def log_in(url: str, email: str) -> requests.Session:
    """Log in through the real login form, CSRF token and all."""
    session = requests.Session()
    page = session.get(url + "/login", timeout=10).text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = session.post(url + "/login", data={"csrf_token": token, "email": email, "password": PASSWORD},
                            allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:500]
    return session


def check_server(server: LiveServer, email: str) -> None:
    session = log_in(server.url, email)
    assert session.get(server.url + "/api/v1/me", timeout=10).json()["email"] == email
    cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    client = socketio.Client(reconnection=False)
    client.connect(server.url, headers={"Cookie": cookie}, transports=["websocket"], wait_timeout=10)
    try:
        assert client.call("session:whoami", {}, timeout=10)["ok"] is True
        bad = client.call("session:whoami", "not a dict", timeout=10)
        assert bad["ok"] is True  # whoami takes no payload; commands with schemas refuse it (see capability tests)
    finally:
        client.disconnect()
    anonymous = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        anonymous.connect(server.url, transports=["websocket"], wait_timeout=5)


@pytest.fixture(scope="module")
def person(live_db):
    with live_db.app_context(), unit_of_work():
        services.create_user("live@example.org", "Live Person", PASSWORD)
    return "live@example.org"


def test_eventlet_server(live_server, person):
    check_server(live_server, person)


def test_gevent_server(live_db, person):
    server = LiveServer(live_db.tmp, live_db, async_mode="gevent").start()
    try:
        check_server(server, person)
    finally:
        server.stop()
    server.assert_clean_log()


def test_pages_survive_a_restart(live_server, person):
    session = log_in(live_server.url, person)
    live_server.restart()
    # The session cookie is signed with SECRET_KEY from the environment: still logged in after the restart.
    assert session.get(live_server.url + "/api/v1/me", timeout=10).json()["email"] == person
