"""Login limits: per account and per client address, one budget for the page and the token API, lifted by a
successful login, the address read through the configured proxies, and logins going on when Redis is down."""

from __future__ import annotations

import subprocess
import time

import pytest
import redis

from hackathon import config as settings
from hackathon import create_app
from tests.support.factories import PASSWORD
from tests.support.live import free_port


def app_with(smtp_server, **overrides):
    config = settings.TestConfig()
    config.MAIL_SERVER, config.MAIL_PORT = smtp_server.host, smtp_server.port
    config.RATELIMIT_ENABLED = True
    for key, value in overrides.items():
        setattr(config, key, value)
    return create_app(config)


def login(client, email, password, address=None):
    headers = {"X-Forwarded-For": address} if address else {}
    page = client.get("/login", headers=headers).get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    return client.post("/login", data={"csrf_token": token, "email": email, "password": password},
                       headers=headers).status_code


def token(client, email, password, address=None):
    headers = {"X-Forwarded-For": address} if address else {}
    return client.post("/api/v1/tokens", json={"email": email, "password": password}, headers=headers).status_code


def test_a_venue_sharing_one_address_is_not_locked_out_by_one_persons_typos(smtp_server, make):
    app = app_with(smtp_server)
    make.user(email="typo@example.org")
    make.user(email="other@example.org")
    client = app.test_client()
    assert [login(client, "typo@example.org", "wrong guess") for _ in range(11)] == [422] * 10 + [429]
    assert login(client, "typo@example.org", PASSWORD) == 429  # that account waits …
    assert login(app.test_client(), "other@example.org", PASSWORD) == 302  # … the next person at the venue does not


def test_one_address_trying_many_accounts_is_limited(smtp_server, make):
    app = app_with(smtp_server, LOGIN_ADDRESS_RATE_LIMIT="5 per minute")
    for n in range(7):
        make.user(email=f"a{n}@example.org")
    client = app.test_client()
    assert [login(client, f"a{n}@example.org", "wrong guess") for n in range(6)] == [422] * 5 + [429]
    assert login(client, "a6@example.org", PASSWORD) == 429


def test_the_page_and_the_token_api_share_one_budget(smtp_server, make):
    app = app_with(smtp_server)
    make.user(email="both@example.org")
    client = app.test_client()
    assert [login(client, "both@example.org", "wrong guess") for _ in range(5)] == [422] * 5
    assert [token(client, "both@example.org", "wrong guess") for _ in range(5)] == [401] * 5
    assert token(client, "both@example.org", PASSWORD) == 429
    assert login(client, "both@example.org", PASSWORD) == 429


def test_a_successful_login_lifts_the_accounts_limit(smtp_server, make):
    app = app_with(smtp_server)
    make.user(email="lift@example.org")
    client = app.test_client()
    assert [token(client, "lift@example.org", "wrong guess") for _ in range(9)] == [401] * 9
    assert token(client, "lift@example.org", PASSWORD) == 201
    assert [token(client, "lift@example.org", "wrong guess") for _ in range(10)] == [401] * 10
    assert token(client, "lift@example.org", "wrong guess") == 429


def test_the_client_address_comes_through_the_trusted_proxies_only(smtp_server, make):
    make.user(email="proxy@example.org")
    direct = app_with(smtp_server, LOGIN_ADDRESS_RATE_LIMIT="3 per minute")
    # No proxy configured: a client writing X-Forwarded-For itself is still one address.
    statuses = [token(direct.test_client(), f"x{n}@example.org", "wrong", address=f"10.0.0.{n}") for n in range(4)]
    assert statuses == [401] * 3 + [429]
    behind_nginx = app_with(smtp_server, LOGIN_ADDRESS_RATE_LIMIT="3 per minute", TRUSTED_PROXIES=1)
    # Behind one proxy: each phone is its own address (nginx appends the real one).
    statuses = [token(behind_nginx.test_client(), f"y{n}@example.org", "wrong", address=f"10.0.0.{n}")
                for n in range(6)]
    assert statuses == [401] * 6
    # … and what a phone writes in front of nginx's entry does not make it someone else.
    statuses = [token(behind_nginx.test_client(), f"z{n}@example.org", "wrong", address=f"6.6.6.{n}, 10.0.0.50")
                for n in range(4)]
    assert statuses == [401] * 3 + [429]


@pytest.fixture
def own_redis():
    """A Redis server of this test's own on a free port (never the machine's), killed by the test."""
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--save", "", "--appendonly", "no",
                               "--bind", "127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    connection = redis.Redis(port=port, socket_timeout=1)
    for _ in range(100):
        try:
            connection.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield server, port, connection
    if server.poll() is None:
        server.kill()
    server.wait(5)


def test_logins_go_on_when_redis_is_down(smtp_server, make, own_redis, caplog):
    server, port, connection = own_redis
    app = app_with(smtp_server, RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{port}/0",
                   RATELIMIT_STORAGE_OPTIONS={"socket_timeout": 0.3, "socket_connect_timeout": 0.3},
                   RATELIMIT_KEY_PREFIX="trust-")
    make.user(email="redis@example.org")
    client = app.test_client()
    assert [token(client, "redis@example.org", "wrong guess") for _ in range(3)] == [401] * 3
    assert any(key.startswith(b"trust-") for key in connection.keys("*"))  # counted in Redis
    server.kill()
    server.wait(5)
    started = time.monotonic()
    assert token(client, "redis@example.org", PASSWORD) == 201
    assert login(app.test_client(), "redis@example.org", PASSWORD) == 302
    assert app.test_client().get("/signup").status_code == 200
    # the limits still hold, counted in memory meanwhile
    assert [token(client, "redis@example.org", "wrong guess") for _ in range(11)][-1] == 429
    assert time.monotonic() - started < 10
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
