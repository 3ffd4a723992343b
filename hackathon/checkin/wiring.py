"""How the checkin capability plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def import_handlers() -> None:
    """Import the modules that register Socket.IO handlers (before socketio.init_app binds them)."""
    from . import models, sockets  # noqa: F401


def badge_attachment(registration) -> list[tuple[str, str, bytes]]:
    """The QR badge as a PNG on the confirmation email (issued on the spot when missing)."""
    from ..commands import system_actor
    from .badges import badge_png
    from .commands import badge_for_mail

    code = badge_for_mail(system_actor(), event=registration.event, registration_id=registration.id).value["code"]
    return [("badge.png", "image/png", badge_png(code))]


def badge_section(user, events) -> dict[int, object]:
    """The `badge` of each event in GET /api/v1/me: the active badge's code, or None (one query)."""
    from sqlalchemy import select

    from ..events.people import registrations
    from ..extensions import db
    from .models import Badge

    if not events:
        return {}
    registration = registrations()
    rows = db.session.execute(
        select(Badge.event_id, Badge.code).join(registration, registration.c.id == Badge.registration_id)
        .where(registration.c.user_id == user.id, Badge.status == "active",
               Badge.event_id.in_([e.id for e in events]))
    )
    return {event_id: {"code": code} for event_id, code in rows}


def seed_badges(event, people, rng) -> str:
    """Every confirmed demo participant gets a badge (codes from the seed's random source: deterministic)."""
    from sqlalchemy import select

    from ..extensions import db
    from .badges import CODE_PREFIX, ensure_badges
    from .models import Badge

    made = ensure_badges(event)
    for badge in db.session.scalars(select(Badge).where(Badge.event_id == event.id).order_by(Badge.registration_id)):
        badge.code = CODE_PREFIX + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
                                           for _ in range(24))
    db.session.flush()
    return f"Badges: {made} QR badges for the confirmed participants"


def wire(app: Flask) -> None:
    """Register blueprints, links, phases, room providers, /me sections and the demo seeder."""
    from ..commands import register_commands, register_fact
    from ..demo.seeding import register_seeder
    from ..events.emails import add_confirmation_attachments
    from ..events.me import register_me_section
    from ..events.navigation import Link, register_link
    from ..extensions import csrf
    from ..realtime.dispatch import register_socket_commands
    from ..registry import registry
    from . import api, commands, console_views, facts, views
    from . import sockets as socket_commands
    from .access import DOOR_ROLES, door_landing
    from .event_setup import checkin_moves
    from .overview import section as overview_section
    from .personal_data import erase_scan_answers

    register_socket_commands(app, socket_commands)
    register_commands(app, commands)
    register_fact(app, facts.STATS, facts.publish_stats_of)
    registry(app).add_hook("landing", door_landing)
    registry(app).add_hook("event_moves", checkin_moves)
    registry(app).add_hook("erase_person", erase_scan_answers)  # privacy's account deletion

    app.register_blueprint(views.bp)
    app.register_blueprint(console_views.bp)
    csrf.exempt(api.bp)
    app.register_blueprint(api.bp)
    register_link(Link("checkin.badge", _l("My badge"), "checkin.badge_page", ("participant",), order=60))
    register_link(Link("checkin.scan", _l("Door scanner"), "checkin.scanner", DOOR_ROLES, order=70))
    register_link(Link("checkin.today", _l("Today at the door"), "checkin.today", ("door",), order=71))
    register_link(Link("console.checkin", _l("Check-in"), "checkin_console.overview", ("organiser",), "console",
                       order=50))
    register_me_section(app, "badge", badge_section)
    add_confirmation_attachments(badge_attachment)
    register_seeder(app, "checkin", seed_badges)
    registry(app).add_hook("overview_section", overview_section)  # a section of the organisers' overview
