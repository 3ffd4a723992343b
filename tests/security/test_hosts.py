"""Host header attacks: links sent out follow PUBLIC_URL, and a request for an unknown host is refused."""

from __future__ import annotations

import re

import pytest

from hackathon.config import Config
from tests.support.smtp import body


def test_reset_link_ignores_the_host_header(app, client, make, mailbox):
    """`POST /password/forgot` with a forged Host is refused; with a trusted one the link is PUBLIC_URL's."""
    make.user(email="e@example.org")
    token = make.csrf(client, "/password/forgot")
    forged = client.post("/password/forgot", data={"csrf_token": token, "email": "e@example.org"},
                         headers={"Host": "evil.example"})
    assert forged.status_code == 400
    assert mailbox == []
    app.config["PUBLIC_URL"] = "https://hack.example.org"
    client.post("/password/forgot", data={"csrf_token": token, "email": "e@example.org"})  # Host: localhost
    (message,) = mailbox
    links = re.findall(r"https?://\S+", body(message))
    assert links and all(link.startswith("https://hack.example.org/password/reset/") for link in links)


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "localhost.evil.example", "hack.example.org.evil",
                                  "bad host", "[::1", "localhost:99999"])
def test_unknown_hosts_are_refused(client, host):
    response = client.get("/login", headers={"Host": host})
    assert response.status_code == 400


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:5000"])
def test_loopback_and_the_public_host_are_served(client, host):
    assert client.get("/login", headers={"Host": host}).status_code == 200


def test_public_host_and_listed_hosts_are_trusted(monkeypatch):
    monkeypatch.setenv("PUBLIC_URL", "https://hack.example.org")
    monkeypatch.setenv("TRUSTED_HOSTS", "hack.example.net, .staging.example.org")
    config = Config()
    assert config.PUBLIC_URL == "https://hack.example.org"
    assert config.TRUSTED_HOSTS == ["hack.example.org", "hack.example.net", ".staging.example.org", "localhost",
                                    "127.0.0.1"]
    monkeypatch.delenv("PUBLIC_URL")
    monkeypatch.setenv("SERVER_URL", "http://10.0.0.5:5000")  # the older name still works
    assert Config().PUBLIC_URL == "http://10.0.0.5:5000" and Config().TRUSTED_HOSTS[0] == "10.0.0.5"


def test_emailed_links_use_public_url_outside_requests(app):
    """Mail sent from the command line (no request) gets the same address."""
    from hackathon.public_urls import public_url

    app.config["PUBLIC_URL"] = "https://hack.example.org/platform"
    assert public_url("accounts.login") == "https://hack.example.org/platform/login"
