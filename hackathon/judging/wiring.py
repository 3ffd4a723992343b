"""How the judging capability plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def import_handlers() -> None:
    """Import the modules that register Socket.IO handlers (before socketio.init_app binds them)."""
    from . import models, sockets, track_models  # noqa: F401


def judging_phase(event) -> str:
    """pending, open, closed or published."""
    from .session import state_of

    return state_of(event).state


def wire(app: Flask) -> None:
    """Register blueprints, links, phases, room providers, /me sections and the demo seeder."""
    from ..commands import register_commands, register_fact
    from ..demo.seeding import register_seeder
    from ..events.navigation import Link, register_link
    from ..events.services import register_phase
    from ..extensions import csrf
    from ..realtime.dispatch import register_socket_commands
    from ..registry import registry
    from . import api, commands, console_views, demo, facts, track_api, track_commands, track_views, views
    from . import sockets as socket_commands
    from .event_setup import copy_criteria
    from .overview import section as overview_section

    register_socket_commands(app, socket_commands)
    registry(app).add_hook("event_copy", copy_criteria)
    register_commands(app, commands, track_commands)
    register_fact(app, facts.STATE, facts.publish_state)
    register_fact(app, facts.PROGRESS, facts.publish_progress)
    register_fact(app, facts.REVEAL, facts.publish_reveal)
    app.register_blueprint(track_views.bp)
    csrf.exempt(track_api.bp)
    app.register_blueprint(track_api.bp)

    app.register_blueprint(views.bp)
    app.register_blueprint(console_views.bp)
    csrf.exempt(api.bp)
    app.register_blueprint(api.bp)
    register_link(Link("judging.jury", _l("Scoring"), "judging.jury_page", ("jury",), order=60))
    register_link(Link("judging.vote", _l("People's choice"), "judging.vote_page", ("participant",), order=64))
    register_link(Link("judging.my_results", _l("Our results"), "judging.team_results", ("participant",), order=65))
    register_link(Link("judging.tracks", _l("Track scoring"), "judging_tracks.panel_page", ("jury", "challenge_owner"),
                       order=62))
    register_link(Link("console.tracks", _l("Tracks"), "judging_tracks.console", ("organiser",), "console", order=41))
    register_link(Link("console.judging", _l("Judging"), "judging_console.session", ("organiser",), "console",
                       order=40))
    register_phase("judging", judging_phase)
    register_seeder(app, "judging", demo.seed_judging)
    registry(app).add_hook("overview_section", overview_section)  # a section of the organisers' overview
