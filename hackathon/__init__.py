"""The hackathon platform: create_app() is the only place that wires things together."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from flask import Flask, g, request, session
from flask_babel import get_locale
from flask_login import current_user

from . import outbox, payloads, registry  # noqa: F401 - outbox: its table is part of the schema
from .config import ROOT, Config
from .deadline import guard_requests
from .errors import register_error_handlers
from .extensions import babel, csrf, db, limiter, login_manager, migrate, socketio
from .realtime import bus, connection, dispatch, identity
from .transactions import configure_engine, on_commit

# eventlet announces on import (when Socket.IO loads its driver) that it is in maintenance mode; the choice is
# deliberate (docs/architecture.md).
warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")

# The capability packages, in the order their demo data builds on each other.
CAPABILITIES = ("accounts", "events", "teams", "mentoring", "judging", "expo", "checkin", "projects", "programme",
                "audit", "privacy", "overview", "opencall", "mailing", "demo")


def _capability_wiring():
    from importlib import import_module

    return [import_module(f".{name}.wiring", __name__) for name in CAPABILITIES]


def _import_handlers() -> None:
    """Import every capability's models (so that their tables are known) and socket handlers."""
    for wiring in _capability_wiring():
        wiring.import_handlers()


def select_locale() -> str:
    """The language a page is shown in: the user's choice, then the browser's, then English."""
    from flask import current_app, has_request_context

    if not has_request_context():  # the command line and background work speak the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return request.accept_languages.best_match(list(languages)) or current_app.config["BABEL_DEFAULT_LOCALE"]


def create_app(config: Config | dict | None = None) -> Flask:
    """Build the Flask app: configuration, extensions, capabilities, CLI and error handling."""
    settings = config if isinstance(config, Config) else Config()
    app = Flask(
        __name__,
        instance_path=settings.INSTANCE_PATH,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(settings)
    if isinstance(config, dict):
        app.config.update(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.jinja_env.add_extension("jinja2.ext.do")
    if not app.debug and not app.logger.handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from .payloads import BoundedIntConverter, BoundedJSONProvider, BoundedPacket, SocketJSON

    app.json = BoundedJSONProvider(app)  # every JSON body: bounded nesting and integers
    app.url_map.converters["int"] = BoundedIntConverter  # before any route is added: ids fit the database
    registry.install(app)
    identity.install(app)
    _import_handlers()
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale, default_translation_directories=str(ROOT / "translations"))
    manager = bus.client_manager(app)
    socketio.init_app(
        app,
        async_mode=app.config["SOCKETIO_ASYNC_MODE"],
        **({"client_manager": manager} if manager is not None else {}),
        manage_session=True,
        json=SocketJSON,  # packets: the same bounds as JSON bodies
        logger=False,
        engineio_logger=False,
    )
    socketio.server.packet_class = BoundedPacket
    if app.config.get("TRUSTED_PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Outside Socket.IO's middleware, so sockets see the client's address too. Only as many hops as there
        # are proxies: the client writes whatever it likes in front of them.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    configure_engine(app)
    on_commit(identity.process_pending)
    for wiring in _capability_wiring():
        wiring.wire(app)
    connection.register(app)
    dispatch.register_socket_commands(app, connection, payloads)
    dispatch.install(app)
    register_error_handlers(app)
    guard_requests(app)
    _register_template_helpers(app)
    _register_security_headers(app)
    _register_request_guards(app)
    return app


def _register_request_guards(app: Flask) -> None:
    @app.before_request
    def pages_take_forms():
        # Flask-WTF reads a JSON body as form data and fails on anything but an object: pages take forms,
        # the JSON API lives under /api/.
        if request.is_json and request.method not in ("GET", "HEAD") and not request.path.startswith("/api/"):
            from werkzeug.exceptions import UnsupportedMediaType

            raise UnsupportedMediaType("This page takes form posts; the JSON API is under /api/v1.")

    @app.before_request
    def no_nul_characters():
        # A NUL in a path, query or form reached PostgreSQL, which refuses it in text: a 500 for anyone.
        from .payloads import has_nul

        if has_nul(request):
            from werkzeug.exceptions import BadRequest

            raise BadRequest("Text may not contain NUL characters.")


def _register_template_helpers(app: Flask) -> None:
    from .form_errors import page_form_errors
    from .localized import register_template_helpers

    register_template_helpers(app)
    app.add_template_global(page_form_errors, "page_form_errors")

    @app.context_processor
    def globals_for_templates():
        return {
            "languages": app.config["LANGUAGES"],
            "current_locale": str(get_locale() or "en"),
        }

    @app.template_filter("local")
    def local_time(moment, timezone: str, pattern: str = "EEE d MMM, HH:mm"):
        """An aware datetime shown in the event's zone and the reader's language."""
        from zoneinfo import ZoneInfo

        from babel.dates import format_datetime

        if moment is None:
            return ""
        return format_datetime(moment, pattern, tzinfo=ZoneInfo(timezone), locale=get_locale())

    @app.template_filter("day")
    def day_name(value):
        """A date as 'Friday 22 September' in the reader's language."""
        from babel.dates import format_date

        return format_date(value, "EEEE d MMMM", locale=get_locale())


def _register_security_headers(app: Flask) -> None:
    @app.after_request
    def headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
            "connect-src 'self' ws: wss:; media-src 'self' blob:; worker-src 'self' blob:; frame-ancestors 'none'",
        )
        if g.get("no_store"):
            response.headers["Cache-Control"] = "no-store"
        return response
