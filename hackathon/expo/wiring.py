"""How the expo capability plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def import_handlers() -> None:
    """Import the models (so that their tables are known) and the socket commands."""
    from . import models, sockets  # noqa: F401


def wire(app: Flask) -> None:
    """Register commands, facts, socket commands, blueprints and links."""
    from ..commands import register_commands, register_fact
    from ..events.navigation import Link, register_link
    from ..extensions import csrf
    from ..realtime.dispatch import register_socket_commands
    from . import api, commands, console_views, facts, views
    from . import sockets as socket_commands

    register_commands(app, commands)
    register_socket_commands(app, socket_commands)
    register_fact(app, commands.ROUND, facts.publish_rounds)
    register_fact(app, commands.JUDGE, facts.publish_judges)
    register_fact(app, commands.COVERAGE, facts.publish_coverage)
    for blueprint in (views.bp, console_views.bp):
        if blueprint.name not in app.blueprints:
            app.register_blueprint(blueprint)
    csrf.exempt(api.bp)
    if api.bp.name not in app.blueprints:
        app.register_blueprint(api.bp)
    register_link(Link("expo.judge", _l("Expo"), "expo.judge_page", ("jury",), order=62))
    register_link(Link("console.expo", _l("Expo"), "expo_console.rounds", ("organiser",), "console", order=42))
