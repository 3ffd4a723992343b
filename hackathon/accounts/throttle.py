"""Login attempts, limited per account and per client address: one budget for `/login` and `/api/v1/tokens`.

Counting only per address locked a venue out: behind a proxy, or on the venue's Wi-Fi behind one NAT address,
every phone is the same client, and a few typos used up everyone's budget. So a failed attempt counts against
the account it named (LOGIN_RATE_LIMIT, small: this stops guessing one person's password) and against the
address (LOGIN_ADDRESS_RATE_LIMIT, larger: this stops one machine trying many accounts), and a successful
login lifts its account's count. The address is the client's own once ProxyFix has read X-Forwarded-For
(TRUSTED_PROXIES).

The counts live where Flask-Limiter's do (Redis when there are several workers). Redis being down must not
stop logins: every storage call has a short socket timeout, and on an error the throttle counts in this
process's memory until Redis answers again (as Flask-Limiter's in-memory fallback does).
"""

from __future__ import annotations

import logging
import time

from flask import Flask, current_app
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from ..config import storage_options
from ..errors import RateLimited
from .addresses import email_key

log = logging.getLogger(__name__)

NAMESPACE = "login"
RETRY_STORAGE_SECONDS = 5.0  # after a storage error, count in memory this long before asking it again


class LoginThrottle:
    """Failed logins per account and per address, in shared storage with a local fallback."""

    def __init__(self, app: Flask) -> None:
        self.per_account: RateLimitItem = parse(app.config["LOGIN_RATE_LIMIT"])
        self.per_address: RateLimitItem = parse(app.config["LOGIN_ADDRESS_RATE_LIMIT"])
        uri = app.config["RATELIMIT_STORAGE_URI"]
        prefix = app.config.get("RATELIMIT_KEY_PREFIX") or ""
        shared: Storage = storage_from_string(uri, **storage_options(uri),
                                              **({"key_prefix": f"{prefix}LIMITS"} if uri.startswith("redis") else {}))
        self.shared = FixedWindowRateLimiter(shared)
        self.local = FixedWindowRateLimiter(MemoryStorage())
        self._shared_down_until = 0.0

    def _run(self, method: str, *args) -> bool | None:
        """Call the shared storage's limiter, or the local one while the shared one fails."""
        if time.monotonic() >= self._shared_down_until:
            try:
                return getattr(self.shared, method)(*args)
            except Exception as error:  # any storage failure (connection refused, timeout) falls back
                self._shared_down_until = time.monotonic() + RETRY_STORAGE_SECONDS
                log.warning("login limits: the rate-limit storage failed (%s); counting in memory for %ss",
                            type(error).__name__, RETRY_STORAGE_SECONDS)
        return getattr(self.local, method)(*args)

    @property
    def enabled(self) -> bool:
        return bool(current_app.config.get("RATELIMIT_ENABLED", True))

    def _keys(self, email: str, address: str | None) -> list[tuple[RateLimitItem, str, str]]:
        return [(self.per_account, "account", email_key(email or "")),
                (self.per_address, "address", address or "unknown")]

    def check(self, email: str, address: str | None) -> None:
        """Refuse with `rate_limited` (429) when the account or the address has no attempts left."""
        if not self.enabled:
            return
        for item, kind, key in self._keys(email, address):
            if not self._run("test", item, NAMESPACE, kind, key):
                raise RateLimited()

    def failed(self, email: str, address: str | None) -> None:
        """Count a failed attempt against the account and the address."""
        if self.enabled:
            for item, kind, key in self._keys(email, address):
                self._run("hit", item, NAMESPACE, kind, key)

    def succeeded(self, email: str) -> None:
        """A successful login lifts its account's limit (the address keeps its count)."""
        if self.enabled:
            self._run("clear", self.per_account, NAMESPACE, "account", email_key(email or ""))


def throttle() -> LoginThrottle:
    """The app's login throttle, made on first use."""
    found = current_app.extensions.get("login_throttle")
    if found is None:
        found = current_app.extensions["login_throttle"] = LoginThrottle(current_app)
    return found
