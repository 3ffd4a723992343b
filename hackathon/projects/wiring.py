"""How the projects capability plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def import_handlers() -> None:
    """Import the models (so that their tables are known)."""
    from . import models  # noqa: F401


def projects_phase(event) -> str:
    """open (projects can be changed), closed (the deadline has passed) or gallery (the gallery is public)."""
    from .deadline import settings_of, team_deadline

    if settings_of(event.id).gallery_published_at is not None:
        return "gallery"
    return "closed" if team_deadline(event.id, None).is_closed() else "open"


def erase_gallery_name(user) -> None:
    """Privacy eraser: the name a person chose for the gallery goes with their account."""
    from sqlalchemy import delete

    from ..extensions import db
    from .models import GalleryName

    db.session.execute(delete(GalleryName).where(GalleryName.user_id == user.id))


def jury_panel(event, team_ids) -> dict:
    """The judging pages' hook: each team's project, shown to jurors while they score."""
    from .listing import projects_json
    from .views import link_labels

    return {"template": "projects/_jury_panel.html", "link_labels": link_labels(),
            "projects": {p["team_id"]: p for p in projects_json(event.id, team_ids, slug=event.slug)}}


def wire(app: Flask) -> None:
    """Register blueprints, commands, facts, socket commands, links, the phase, hooks and the demo seeder."""
    from ..commands import register_commands, register_fact
    from ..demo.seeding import register_seeder
    from ..events.navigation import Link, register_link
    from ..events.services import register_phase
    from ..extensions import csrf
    from ..realtime.dispatch import register_socket_commands
    from ..registry import registry
    from . import (
        api,
        commands,
        console_views,
        demo,
        event_setup,
        facts,
        followup_views,
        gallery_views,
        report_views,
        storage,
        views,
    )
    from . import sockets as socket_commands

    storage.install(app)
    register_socket_commands(app, socket_commands)
    register_commands(app, commands)
    register_fact(app, facts.PROJECT, facts.publish_projects)
    register_fact(app, facts.DEADLINE, facts.publish_deadlines)
    for blueprint in (views.bp, gallery_views.bp, console_views.bp, report_views.bp, followup_views.bp):
        app.register_blueprint(blueprint)
    csrf.exempt(views.upload)  # checks the token itself, after raising the body limit for files
    csrf.exempt(api.bp)
    app.register_blueprint(api.bp)
    register_link(Link("projects.editor", _l("Our project"), "projects.editor", ("participant",), order=35))
    register_link(Link("projects.index", _l("Projects"), "projects.index", ("organiser", "jury", "challenge_owner"),
                       order=36))
    register_link(Link("projects.gallery", _l("Gallery"), "gallery.index", (), order=90))
    register_link(Link("projects.follow_ups", _l("Follow-ups"), "follow_ups.index", ("challenge_owner",), order=95))
    register_link(Link("console.projects", _l("Projects"), "projects_console.overview", ("organiser",), "console",
                       order=45))
    register_link(Link("console.follow_ups", _l("Follow-ups"), "follow_ups.index", ("organiser",), "console",
                       order=46))
    register_link(Link("console.impact", _l("Impact report"), "project_reports.impact_page", ("organiser",),
                       "console", order=47))
    register_phase("projects", projects_phase)
    registry(app).add_hook("erase_person", erase_gallery_name)  # privacy's account deletion
    registry(app).add_hook("judging_team_panels", jury_panel)
    registry(app).add_hook("event_phase_windows", event_setup.submission_window)
    registry(app).add_hook("event_moves", event_setup.deadline_moves)
    registry(app).add_hook("event_copy", event_setup.copy_deadline)
    register_seeder(app, "projects", demo.seed_projects)
