"""How the overview plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def import_handlers() -> None:
    """The overview has no tables and no socket handlers: it reads the other capabilities and their facts."""


def wire(app: Flask) -> None:
    """Register the page and put it first in the organiser console."""
    from ..events.navigation import Link, register_link
    from . import views

    app.register_blueprint(views.bp)
    register_link(Link("console.overview", _l("Overview"), "overview.page", ("organiser",), "console", order=5))
