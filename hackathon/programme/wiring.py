"""How the programme capability plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def import_handlers() -> None:
    """Import the modules that register Socket.IO handlers (before socketio.init_app binds them)."""
    from . import models, sockets  # noqa: F401


def wire(app: Flask) -> None:
    """Register commands, facts, socket commands, blueprints, links, the phase, hooks and the demo seeder."""
    from ..commands import register_commands, register_fact
    from ..demo.seeding import register_seeder
    from ..events.navigation import Link, register_link
    from ..events.services import register_phase
    from ..extensions import csrf
    from ..realtime.dispatch import register_socket_commands
    from ..registry import registry
    from . import api, commands, console_views, facts, views
    from . import sockets as socket_commands
    from .agenda import programme_phase
    from .demo import seed_programme
    from .event_setup import agenda_moves, copy_agenda
    from .templating import register_template_helpers

    register_commands(app, commands)
    register_fact(app, facts.ANNOUNCEMENT, facts.publish_announcements)
    register_socket_commands(app, socket_commands)
    registry(app).add_hook("event_copy", copy_agenda)
    registry(app).add_hook("event_moves", agenda_moves)

    app.register_blueprint(views.bp)
    app.register_blueprint(console_views.bp)
    csrf.exempt(api.bp)
    app.register_blueprint(api.bp)
    register_template_helpers(app)
    register_link(Link("programme.agenda", _l("Programme"), "programme.agenda_page", order=10))
    register_link(Link("programme.announcements", _l("Announcements"), "programme.announcement_list",
                       ("organiser", "mentor", "jury", "challenge_owner", "participant"), order=15))
    register_link(Link("console.programme", _l("Programme"), "programme_console.overview", ("organiser",),
                       "console", order=40))
    register_phase("programme", programme_phase)
    register_seeder(app, "programme", seed_programme)
