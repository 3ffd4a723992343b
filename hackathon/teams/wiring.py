"""How the teams capability plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def import_handlers() -> None:
    """Import the modules that register Socket.IO handlers (before socketio.init_app binds them)."""
    from . import models, sockets  # noqa: F401


def team_rooms(user) -> set[str]:
    """Members join their team's room at every event where their registration is confirmed.

    A cancelled (or waitlisted) participant keeps the membership row until the organisers tidy up, but no
    longer hears the team's announcements.
    """
    from sqlalchemy import select

    from ..events.people import events_registered
    from ..extensions import db
    from ..realtime import team_room
    from .models import TeamMembership

    return {team_room(team_id) for team_id in db.session.scalars(
        select(TeamMembership.team_id).where(TeamMembership.user_id == user.id,
                                             TeamMembership.event_id.in_(events_registered(user.id, "confirmed"))))}


def team_section(user, events) -> dict[int, object]:
    """The `team` of each event in GET /api/v1/me: the user's team, or None."""
    from sqlalchemy import select

    from ..extensions import db
    from .facts import load_teams, team_payload
    from .models import TeamMembership

    if not events:
        return {}
    rows = db.session.execute(select(TeamMembership.event_id, TeamMembership.team_id).where(
        TeamMembership.user_id == user.id, TeamMembership.event_id.in_([e.id for e in events])))
    found: dict[int, object] = {}
    for event_id, team_id in rows:
        (team,) = load_teams(event_id, [team_id])
        found[event_id] = team_payload(team)
    return found


def wire(app: Flask) -> None:
    """Register commands, facts, blueprints, links, phases, room providers, /me sections and the demo seeder."""
    from .. import realtime
    from ..commands import register_commands, register_fact
    from ..demo.seeding import register_seeder
    from ..events.me import register_me_section
    from ..events.navigation import Link, register_link
    from ..events.services import register_phase
    from ..extensions import csrf
    from ..realtime.dispatch import register_socket_commands
    from ..realtime.identity import register_identity_source
    from ..registry import registry
    from . import (
        api,
        challenge_commands,
        challenge_console,
        challenge_views,
        commands,
        console_views,
        demo,
        facts,
        organisation_views,
        views,
    )
    from . import sockets as socket_commands
    from .event_setup import claim_owned_challenges, copy_challenges
    from .listing import CardTexts
    from .models import TeamMembership
    from .overview import section as overview_section
    from .rules import teams_phase

    register_socket_commands(app, socket_commands)

    register_commands(app, commands, challenge_commands)
    register_fact(app, facts.TEAM, facts.publish_teams)
    register_fact(app, facts.REQUEST, facts.publish_requests)
    for blueprint in (views.bp, challenge_views.bp, console_views.bp, challenge_console.bp, organisation_views.bp):
        app.register_blueprint(blueprint)
    hooks = registry(app)
    hooks.add_hook("event_copy", copy_challenges)
    hooks.add_hook("invitation_accepted", claim_owned_challenges)
    csrf.exempt(api.bp)
    app.register_blueprint(api.bp)
    register_link(Link("teams.challenges", _l("Challenges"), "challenges.challenge_list", order=20))
    register_link(Link("teams.board", _l("Teams"), "teams.board_page",
                       ("organiser", "mentor", "jury", "challenge_owner", "participant"), order=30))
    register_link(Link("console.teams", _l("Teams"), "teams_console.overview", ("organiser",), "console", order=20))
    register_link(Link("console.challenges", _l("Challenges"), "challenges_console.overview", ("organiser",),
                       "console", order=15))
    register_phase("teams", teams_phase)
    realtime.add_room_provider(app, team_rooms)
    register_identity_source(app, TeamMembership)
    register_me_section(app, "team", team_section)
    register_seeder(app, "teams", demo.seed_teams)
    app.add_template_global(CardTexts, "team_card_texts")
    registry(app).add_hook("overview_section", overview_section)  # a section of the organisers' overview
