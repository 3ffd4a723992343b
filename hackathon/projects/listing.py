"""Projects as the JSON API, the `projects:project` fact and the pages show them: read in two queries, columns only."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select

from ..accounts.models import User
from ..clock import iso
from ..events.services import slug_of
from ..extensions import db
from ..teams.challenges import titles
from ..teams.models import Team
from .models import Project, ProjectFile


def file_path(slug: str, file_id: int, filename: str) -> str:
    """Where a project file is served (a path: facts are built where there is no request to make URLs from)."""
    return f"/events/{slug}/projects/files/{file_id}/{filename}"


def file_json(slug: str, row) -> dict:
    """A file as the project shows it."""
    return {"id": row.id, "kind": row.kind, "name": row.filename, "content_type": row.content_type,
            "size": row.size, "url": file_path(slug, row.id, row.filename)}


def projects_json(event_id: int, team_ids: Iterable[int] | None = None, *, shown_only: bool = False,
                  slug: str | None = None) -> list[dict]:
    """Each team's project (an empty one at version 0 where the team has not saved yet), teams by name; `slug`:
    the event's, when the caller has it (file links need it)."""
    challenge = titles(event_id).subquery()
    query = (select(Team.id, Team.name, challenge.c.id.label("challenge_id"),
                    challenge.c.title.label("challenge_title"), Project.id.label("project_id"), Project.title,
                    Project.summary, Project.problem, Project.built, Project.approach, Project.links,
                    Project.show_in_gallery, Project.submitted_at, Project.updated_at, Project.version,
                    Project.updated_by_id, User.name.label("updated_by_name"))
             .outerjoin(Project, Project.team_id == Team.id)
             .outerjoin(User, User.id == Project.updated_by_id)
             .outerjoin(challenge, challenge.c.id == Team.challenge_id)
             .where(Team.event_id == event_id).order_by(Team.name))
    if team_ids is not None:
        wanted = list(team_ids)
        if not wanted:
            return []
        query = query.where(Team.id.in_(wanted))
    if shown_only:
        query = query.where(Project.show_in_gallery.is_(True))
    rows = db.session.execute(query).all()
    project_ids = [r.project_id for r in rows if r.project_id is not None]
    files: dict[int, list] = defaultdict(list)
    if project_ids:
        for row in db.session.execute(select(ProjectFile.id, ProjectFile.project_id, ProjectFile.kind,
                                             ProjectFile.filename, ProjectFile.content_type, ProjectFile.size)
                                      .where(ProjectFile.project_id.in_(project_ids)).order_by(ProjectFile.id)):
            files[row.project_id].append(row)
    slug = slug or slug_of(event_id)
    return [{
        "team_id": r.id,
        "team": {"id": r.id, "name": r.name},
        "title": r.title or "",
        "summary": r.summary or "",
        "problem": r.problem or "",
        "built": r.built or "",
        "approach": r.approach or "",
        "challenge": {"id": r.challenge_id, "title": r.challenge_title} if r.challenge_id else None,
        "links": list(r.links or []),
        "files": [file_json(slug, f) for f in files.get(r.project_id, [])],
        "show_in_gallery": bool(r.show_in_gallery),
        "submitted_at": iso(r.submitted_at),
        "updated_at": iso(r.updated_at),
        "updated_by": {"id": r.updated_by_id, "name": r.updated_by_name} if r.updated_by_id else None,
        "version": r.version or 0,
    } for r in rows]


def project_json(event_id: int, team_id: int, slug: str | None = None) -> dict | None:
    """One team's project, or None if the team is not at this event."""
    found = projects_json(event_id, [team_id], slug=slug)
    return found[0] if found else None
