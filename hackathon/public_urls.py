"""Links that leave the platform (emails, calendar files, invitations) and the hosts it answers to.

A link in an email must point at the platform's configured address, never at whatever `Host` header the
request that caused the email carried: otherwise `POST /password/forgot` with `Host: evil.example` mails
the victim a reset link to the attacker's site. So external links are built from `PUBLIC_URL` alone,
and a request for a host that is not trusted is refused (400) before any view runs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app

# Always answered: the machine itself (health checks, `make run`, the tests' own servers).
LOOPBACK_HOSTS = ("localhost", "127.0.0.1")  # Werkzeug cannot list an IPv6 literal


def public_url(endpoint: str, **values) -> str:
    """The absolute URL of an endpoint at the platform's configured address (PUBLIC_URL), with or without a request."""
    base = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


def public_host() -> str:
    """The host name of PUBLIC_URL (without the port), e.g. for calendar UIDs."""
    return urlsplit(current_app.config["PUBLIC_URL"]).hostname or "hackathon"


def trusted_hosts(public: str, extra: str | None) -> list[str]:
    """The hosts requests may name: PUBLIC_URL's, those listed in TRUSTED_HOSTS (comma-separated), loopback."""
    hosts = [urlsplit(public).hostname or ""]
    hosts += [name.strip() for name in (extra or "").split(",") if name.strip()]
    hosts += LOOPBACK_HOSTS
    return [host for i, host in enumerate(hosts) if host and host not in hosts[:i]]
