"""How data rights plug into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def import_handlers() -> None:
    """Privacy has no socket handlers; its model is imported so that its table is known."""
    from . import models  # noqa: F401


def wire(app: Flask) -> None:
    """Register the pages, the API, the console link and the purge command."""
    from ..commands import register_commands
    from ..events.navigation import Link, register_link
    from ..extensions import csrf
    from ..registry import registry
    from . import api, cli, commands, views
    from .notice import account_page

    register_commands(app, commands)
    app.register_blueprint(views.bp)
    csrf.exempt(api.bp)
    app.register_blueprint(api.bp)
    register_link(Link("console.privacy", _l("Data retention"), "privacy.retention_settings", ("organiser",),
                       "console", order=92))
    app.cli.add_command(cli.privacy)
    registry(app).add_hook("account_page", account_page)
