"""Projects JSON API: the projects of an event, one team's project, and a member's save."""

from __future__ import annotations

from flask import jsonify
from flask_babel import gettext as _
from flask_login import current_user

from ..commands import request_actor
from ..errors import Forbidden, NotFound, Unauthorized
from ..events.models import Event
from ..events.roles import roles_of
from ..events.services import get_event
from ..extensions import db
from ..jsonapi import api_blueprint, api_login_required, json_body
from ..teams.models import Team
from . import commands
from .access import ALL, gallery_is_public, readable_team_ids, shown_team_ids
from .facts import PROJECT
from .gallery import public_project
from .listing import project_json, projects_json
from .schemas import ProjectFields

bp = api_blueprint("projects_api", __name__)

def _visible(event: Event) -> tuple[set[int] | None, set[int]]:
    """(teams readable by role or ALL, teams readable through the public gallery)."""
    user_id = current_user.id if current_user.is_authenticated else None
    roles = roles_of(current_user, event) if user_id else set()
    shown = shown_team_ids(event.id) if gallery_is_public(event.id) else set()
    readable = readable_team_ids(event, user_id, roles)
    if readable is not ALL and not readable and not shown:
        if user_id is None:
            raise Unauthorized()
        raise Forbidden(_("The projects are not public yet."))
    return readable, shown


@bp.get("/events/<slug>/projects")
def list_projects(slug: str):
    """Organisers and jurors: every team's project; members: their own; everyone: the gallery once it is public."""
    event = get_event(slug)
    readable, shown = _visible(event)
    if readable is ALL:
        return jsonify({"projects": projects_json(event.id, slug=event.slug)})
    found = projects_json(event.id, readable | shown, slug=event.slug)
    return jsonify({"projects": [p if p["team_id"] in readable else public_project(p) for p in found]})


def _team(team_id: int) -> Team:
    team = db.session.get(Team, team_id)
    if team is None:
        raise NotFound(_("There is no such team."))
    return team


@bp.get("/teams/<int:team_id>/project")
def get_project(team_id: int):
    """One team's project, for whoever may read it."""
    team = _team(team_id)
    event = db.session.get(Event, team.event_id)
    readable, shown = _visible(event)
    if readable is not ALL and team.id not in readable and team.id not in shown:
        raise NotFound(_("There is no such project."))
    project = project_json(event.id, team.id, slug=event.slug)
    return jsonify(project if readable is ALL or team.id in readable else public_project(project))


@bp.put("/teams/<int:team_id>/project")
@api_login_required
def put_project(team_id: int):
    """A member saves the project: 200 with its new version; 409 on a stale version; 403 closed after the deadline."""
    body = json_body(ProjectFields)
    _team(team_id)
    outcome = commands.save_project(request_actor(), team_id=team_id, values=body.values(), version=body.version,
                                    submit=body.submit)
    project = outcome.payload(PROJECT, team_id)
    if project is None:  # published later by the outbox: answer from the database
        team = _team(team_id)
        project = project_json(team.event_id, team.id)
    return jsonify(project)
