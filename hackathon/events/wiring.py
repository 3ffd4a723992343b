"""How the events capability plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def import_handlers() -> None:
    """Import the models, so that their tables are known."""
    from . import models  # noqa: F401


def wire(app: Flask) -> None:
    """Blueprints, phases, links, rooms, roles for commands, and what shapes a person's identity."""
    from .. import realtime
    from ..commands import register_commands, register_fact
    from ..extensions import csrf
    from ..realtime.identity import register_identity_source
    from ..registry import registry
    from . import (
        admin_views,
        api,
        audit_views,
        cli,
        commands,
        console_views,
        facts,
        invitation_views,
        registration_commands,
        services,
        settings_views,
        users_cli,
        views,
    )
    from .countries import country_name
    from .me import me_events
    from .models import Registration, Role
    from .moving import own_moves
    from .navigation import Link, event_places, landing_place, register_link
    from .overview import section as overview_section
    from .personal_data import erase_invitation_addresses, erase_registrations
    from .roles import refusal_message, role_label, roles_at
    from .rooms import event_rooms

    app.add_template_global(role_label, "role_label")  # every page names roles and countries
    app.add_template_global(country_name, "country_name")
    app.register_blueprint(views.bp)
    app.register_blueprint(invitation_views.bp)  # /invitations/<code>
    app.add_template_global(event_places, "event_places")
    app.cli.add_command(cli.events)
    app.cli.add_command(users_cli.users)  # `flask users create`: an account, and a role at an event
    register_commands(app, commands, registration_commands, users_cli)
    register_fact(app, commands.REGISTRATIONS, facts.publish_registrations)
    app.register_blueprint(console_views.bp)
    app.register_blueprint(settings_views.bp)
    app.register_blueprint(admin_views.bp)
    csrf.exempt(api.bp)
    app.register_blueprint(api.bp)
    realtime.add_room_provider(app, event_rooms)
    hooks = registry(app)
    hooks.role_resolver = roles_at
    hooks.add_hook("role_refusal", refusal_message)
    hooks.add_hook("event_moves", own_moves)
    hooks.add_hook("erase_person", erase_registrations)  # privacy's account deletion
    hooks.add_hook("erase_person", erase_invitation_addresses)
    hooks.add_hook("me_events", me_events)  # the events in GET /api/v1/me
    hooks.add_hook("landing", landing_place)
    hooks.event_slugs = services.slug_of
    register_identity_source(app, Role)
    register_identity_source(app, Registration, fields=("status",))
    services.register_phase("registration", services.registration_phase)
    services.register_phase("checkin", services.checkin_phase)
    register_link(Link("event", _l("Event"), "events.event_page", order=0))
    register_link(Link("console.registrations", _l("Registrations"), "console.registrations", ("organiser",),
                       "console", order=10))
    register_link(Link("console.people", _l("People and roles"), "console.people", ("organiser",), "console",
                       order=80))
    register_link(Link("console.settings", _l("Settings"), "event_settings.settings", ("organiser",), "console",
                       order=90))
    register_link(Link("console.rooms", _l("Rooms"), "event_settings.rooms", ("organiser",), "console", order=92))
    app.register_blueprint(audit_views.bp)  # the audit log's page
    register_link(Link("console.audit", _l("Audit log"), "audit.log", ("organiser",), "console", order=95))
    registry(app).add_hook("overview_section", overview_section)  # a section of the organisers' overview
