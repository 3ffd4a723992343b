"""How the mentoring capability plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def import_handlers() -> None:
    """Import the modules that register Socket.IO handlers (before socketio.init_app binds them)."""
    from . import models, sockets  # noqa: F401


def mentoring_phase(event) -> str:
    """setup (no grid yet), open (slots still to come), or over."""
    from sqlalchemy import func, select

    from ..clock import utcnow
    from ..extensions import db
    from .models import MentorSlot

    last = db.session.scalar(select(func.max(MentorSlot.ends_at)).where(MentorSlot.event_id == event.id))
    if last is None:
        return "setup"
    return "open" if last > utcnow() else "over"


def wire(app: Flask) -> None:
    """Register blueprints, links, phases and the demo seeder."""
    from ..commands import register_commands, register_fact
    from ..demo.seeding import register_seeder
    from ..events.navigation import Link, register_link
    from ..events.services import register_phase
    from ..extensions import csrf
    from ..realtime.dispatch import register_socket_commands
    from ..registry import registry
    from ..teams.removal import before_team_removal
    from ..transactions import on_commit
    from . import api, commands, console_views, demo, event_setup, facts, slots, taken, views
    from . import sockets as socket_commands
    from .mentored import mentored_pairs
    from .overview import section as overview_section

    register_socket_commands(app, socket_commands)
    register_commands(app, commands)
    registry(app).add_hook("event_copy", event_setup.copy_settings)
    registry(app).add_hook("event_moves", event_setup.grid_moves)
    register_fact(app, commands.SLOT, facts.publish_slots)
    register_fact(app, commands.HELP, facts.publish_help)
    taken.install(app)

    for blueprint in (views.bp, console_views.bp):
        if blueprint.name not in app.blueprints:
            app.register_blueprint(blueprint)
    csrf.exempt(api.bp)
    app.register_blueprint(api.bp)
    register_link(Link("mentoring.slots", _l("Mentoring"), "mentoring.slots_page",
                       ("organiser", "jury", "challenge_owner", "participant"), order=40))
    register_link(Link("mentoring.mentor", _l("Mentoring"), "mentoring.mentor_page", ("mentor",), order=40))
    register_link(Link("console.mentoring", _l("Mentoring"), "mentoring_console.overview", ("organiser",),
                       "console", order=30))
    register_phase("mentoring", mentoring_phase)
    before_team_removal(slots.free_team_bookings)  # a team going away frees its bookings …
    on_commit(facts.publish_pending)  # … which are told after the commit
    register_seeder(app, "mentoring", demo.seed_mentoring)
    registry(app).add_hook("overview_section", overview_section)  # a section of the organisers' overview
    registry(app).add_hook("mentored_pairs", mentored_pairs)  # judging's conflicts of interest
