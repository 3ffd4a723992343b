"""How the audit log plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def import_handlers() -> None:
    """The audit log has no socket handlers; its model is imported so that its table is known."""
    from . import models  # noqa: F401


def wire(app: Flask) -> None:
    """Register the console page and the eraser that takes deleted people's names out of the log."""
    from ..events.navigation import Link, register_link
    from ..registry import registry
    from . import services, views

    app.register_blueprint(views.bp)
    register_link(Link("console.audit", _l("Audit log"), "audit.log", ("organiser",), "console", order=95))
    registry(app).add_hook("erase_person", services.erase_person)  # privacy's account deletion
