"""Configuration from environment variables, with safe local defaults."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from .public_urls import trusted_hosts

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("INSTANCE_PATH", ROOT / "instance"))
ASYNC_MODES = ("eventlet", "gevent", "threading")


def _instance_secret_key(instance: Path) -> str:
    """A random key kept in instance/, so that sessions survive a restart without a key in the repo."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    # O_EXCL: two workers starting at once must end up with the same key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def database_url(raw: str | None, async_mode: str, instance: Path) -> str:
    """Normalise DATABASE_URL: a bare postgresql:// gets the driver that cooperates with the async mode."""
    if not raw:
        instance.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{instance / 'hackathon.sqlite'}"
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw.removeprefix("postgres://")
    if raw.startswith("postgresql://"):
        # psycopg2 is made cooperative by eventlet's and gevent's monkey-patching; psycopg 3 is not.
        return "postgresql+psycopg2://" + raw.removeprefix("postgresql://")
    return raw


# Socket timeouts for the rate limits' Redis: a login waits at most this long on a Redis that does not answer.
REDIS_LIMIT_OPTIONS = {"socket_timeout": 0.3, "socket_connect_timeout": 0.3}


def storage_options(uri: str) -> dict:
    """Options for a rate-limit storage: short socket timeouts for Redis, none otherwise."""
    return dict(REDIS_LIMIT_OPTIONS) if uri.startswith(("redis", "rediss")) else {}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings read from the environment when the app is created."""

    def __init__(self) -> None:
        self.INSTANCE_PATH = str(INSTANCE)
        self.SOCKETIO_ASYNC_MODE = os.environ.get("SOCKETIO_ASYNC_MODE", "eventlet")
        if self.SOCKETIO_ASYNC_MODE not in ASYNC_MODES:
            raise ValueError(f"SOCKETIO_ASYNC_MODE must be one of {', '.join(ASYNC_MODES)}")
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or _instance_secret_key(INSTANCE)
        self.SQLALCHEMY_DATABASE_URI = database_url(
            os.environ.get("DATABASE_URL"), self.SOCKETIO_ASYNC_MODE, INSTANCE
        )
        pool_size = _int("DATABASE_POOL_SIZE", 20)
        self.SQLALCHEMY_ENGINE_OPTIONS: dict = {}
        if not self.SQLALCHEMY_DATABASE_URI.startswith("sqlite"):
            # The default pool (5 + 10) runs dry under hundreds of greenlets.
            self.SQLALCHEMY_ENGINE_OPTIONS = {
                "pool_size": pool_size,
                "max_overflow": _int("DATABASE_MAX_OVERFLOW", pool_size),
                "pool_timeout": 10,
                "pool_pre_ping": True,
            }
        self.SOCKETIO_MESSAGE_QUEUE = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None
        # Workers of one platform share a channel; two platforms on one Redis need different ones.
        self.SOCKETIO_CHANNEL = os.environ.get("SOCKETIO_CHANNEL", "hackathon")
        # Shared state (rate limits) goes where the message queue is, so that workers agree.
        self.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or (
            self.SOCKETIO_MESSAGE_QUEUE
            if (self.SOCKETIO_MESSAGE_QUEUE or "").startswith("redis")
            else "memory://"
        )
        # Failed logins (page and token) per account; a successful login lifts it.
        self.LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")
        # Failed logins per client address, and sign-ups / reset requests per address: a whole venue may share one.
        self.LOGIN_ADDRESS_RATE_LIMIT = os.environ.get("LOGIN_ADDRESS_RATE_LIMIT", "60 per minute")
        self.RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
        # Redis down must not stop logins: short timeouts, then counting in memory until it is back.
        self.RATELIMIT_STORAGE_OPTIONS = storage_options(self.RATELIMIT_STORAGE_URI)
        self.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
        self.RATELIMIT_SWALLOW_ERRORS = True
        self.RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "")
        # Proxies in front of the workers (1 behind the shipped nginx): the client's address and scheme are then
        # read from X-Forwarded-For/-Proto, that many hops back. 0 when clients connect directly.
        self.TRUSTED_PROXIES = _int("TRUSTED_PROXIES", 0)
        self.MAX_CONNECTIONS = _int("MAX_CONNECTIONS", 10000)
        # Summary facts (counters such as checkin:stats) go out at most this often per subject (seconds);
        # at 200 scans a second, recounting and broadcasting after each one would cost more than the scans.
        self.LIVE_SUMMARY_INTERVAL = _float("LIVE_SUMMARY_INTERVAL", 0.25)
        self.SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
        self.REMEMBER_COOKIE_SECURE = self.SESSION_COOKIE_SECURE
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        self.PREFERRED_URL_SCHEME = "https" if self.SESSION_COOKIE_SECURE else "http"
        # The address people use: every link the platform sends out (emails, calendars) is built on it, never on
        # the request's Host header. SERVER_URL is its older name.
        self.PUBLIC_URL = (os.environ.get("PUBLIC_URL") or os.environ.get("SERVER_URL") or "http://127.0.0.1:5000")
        self.SERVER_URL = self.PUBLIC_URL
        # Requests naming another host are refused (Flask checks TRUSTED_HOSTS): PUBLIC_URL's host, loopback and
        # any listed in TRUSTED_HOSTS.
        self.TRUSTED_HOSTS = trusted_hosts(self.PUBLIC_URL, os.environ.get("TRUSTED_HOSTS"))
        self.MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
        self.MAIL_PORT = _int("MAIL_PORT", 25)
        self.MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
        self.MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
        self.MAIL_USE_TLS = _bool("MAIL_USE_TLS", False)
        self.MAIL_SENDER = os.environ.get("MAIL_SENDER", "Social Impact Hackathon <hello@hackathon.example>")
        self.MAIL_OUTBOX = str(INSTANCE / "outbox")
        self.BABEL_DEFAULT_LOCALE = "en"
        self.BABEL_DEFAULT_TIMEZONE = "UTC"
        self.LANGUAGES = {"en": "English", "de": "Deutsch"}
        self.API_TOKEN_DAYS = _int("API_TOKEN_DAYS", 30)
        self.PASSWORD_RESET_MAX_AGE = _int("PASSWORD_RESET_MAX_AGE", 3600)
        self.EMAIL_VERIFY_MAX_AGE = _int("EMAIL_VERIFY_MAX_AGE", 3 * 24 * 3600)
        self.INVITATION_DAYS = _int("INVITATION_DAYS", 14)
        self.WTF_CSRF_TIME_LIMIT = None  # a phone left open all day must still post its form
        self.MAX_CONTENT_LENGTH = 2 * 1024 * 1024
        self.TESTING = False


class TestConfig(Config):
    """In-process tests: threading async mode, fast hashes, mail captured, the test database."""

    def __init__(self, database_url_override: str | None = None) -> None:
        super().__init__()
        self.TESTING = True
        self.SOCKETIO_ASYNC_MODE = "threading"
        self.SECRET_KEY = "test-secret-key"  # noqa: S105 - a fixed key for tests only
        self.SQLALCHEMY_DATABASE_URI = database_url(
            database_url_override or os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{INSTANCE / 'test.sqlite'}",
            "threading",
            INSTANCE,
        )
        if not self.SQLALCHEMY_DATABASE_URI.startswith("sqlite"):
            # One test at a time: a small pool, so that live servers keep PostgreSQL's connection slots.
            self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_size": 3, "max_overflow": 5, "pool_pre_ping": True}
        self.SOCKETIO_MESSAGE_QUEUE = None
        self.LIVE_SUMMARY_INTERVAL = 0.0  # every change publishes its summary at once (tests see each one)
        self.RATELIMIT_STORAGE_URI = "memory://"
        self.RATELIMIT_STORAGE_OPTIONS = {}
        self.MAIL_SERVER = None
        self.MAIL_OUTBOX = None  # messages are kept in memory: app.extensions["mail_sent"]
        self.PUBLIC_URL = self.SERVER_URL = "http://localhost"  # the test client's host
        self.TRUSTED_HOSTS = trusted_hosts(self.PUBLIC_URL, None)
        self.PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # noqa: S105 - a method name, not a password
