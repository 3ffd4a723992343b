"""How mail to people plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def import_handlers() -> None:
    """Mailing has no socket handlers; its models are imported so that their tables are known."""
    from . import models  # noqa: F401


def wire(app: Flask) -> None:
    """Register the console, the command, the background sender and the erasure."""
    from ..commands import register_commands
    from ..events.navigation import Link, register_link
    from ..privacy.erasure import register_eraser
    from ..registry import registry
    from . import announcements, commands, privacy, sender, views
    from .audiences import audience_names

    register_commands(app, commands)
    registry(app).add_hook("announcement_email", announcements.email_announcement)
    registry(app).add_hook("announcement_email_audiences", audience_names)
    registry(app).add_hook("background_task", sender.start_background)
    register_eraser(app, privacy.erase_recipient_rows)
    app.register_blueprint(views.bp)
    register_link(Link("console.mailing", _l("Mail"), "mailing.overview", ("organiser",), "console", order=45))
