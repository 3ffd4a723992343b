"""Editing a project: its members save it together, last writer wins with a version check.

A save names the version its editor started from: if someone saved since, it is refused with `conflict` and
the current project (so that the page can show both and keep the editor's text). A save without a version
simply wins. Every change adds one to `version`; the fact `projects:project` carries it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select, update

from ..accounts.models import User
from ..clock import utcnow
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..extensions import db
from ..teams.membership import is_member
from ..teams.models import Team
from ..transactions import insert_unless_duplicate
from .deadline import require_open
from .models import LINK_KINDS, GalleryName, Project

LIMITS = {"title": 120, "summary": 500, "problem": 4000, "built": 4000, "approach": 4000}
TEXT_FIELDS = tuple(LIMITS)
MAX_LINKS = 8
MAX_URL = 500
MAX_GALLERY_NAME = 80
URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


@dataclass
class Changes:
    """The fields a save sets (those absent keep their value)."""

    texts: dict[str, str] = field(default_factory=dict)
    links: list[dict] | None = None


def clean_changes(values: dict[str, Any]) -> Changes:
    """Trimmed texts within their limits and well-formed links; `invalid` with the field's name otherwise."""
    changes = Changes()
    for name, limit in LIMITS.items():
        if name not in values or values[name] is None:
            continue
        text = str(values[name]).replace("\r\n", "\n").strip()
        if name in ("title", "summary"):
            text = " ".join(text.split()) if name == "title" else text
        if len(text) > limit:
            raise Invalid(_("%(field)s is too long (at most %(n)d characters).", field=field_label(name), n=limit),
                          details={"field": name})
        changes.texts[name] = text
    if values.get("links") is not None:
        changes.links = clean_links(values["links"])
    return changes


def field_label(name: str) -> str:
    """A project field's name in the reader's language."""
    return {"title": _("Title"), "summary": _("Summary"), "problem": _("The problem and for whom"),
            "built": _("What we built"), "approach": _("How it answers the challenge"),
            "links": _("Links")}.get(name, name)


def clean_links(links: Any) -> list[dict]:
    """At most eight links, each a known kind and an http(s) address."""
    if not isinstance(links, list) or len(links) > MAX_LINKS:
        raise Invalid(_("A project has at most %(n)d links.", n=MAX_LINKS), details={"field": "links"})
    clean = []
    for link in links:
        if not isinstance(link, dict) or set(link) - {"kind", "url"}:
            raise Invalid(_("Each link has a kind and a url."), details={"field": "links"})
        kind, url = link.get("kind"), str(link.get("url") or "").strip()
        if kind not in LINK_KINDS:
            raise Invalid(_("A link is a repository, demo, video or other link."), details={"field": "links"})
        if not url:
            continue
        if len(url) > MAX_URL or not URL.match(url):
            raise Invalid(_("A link must start with https:// or http://: %(url)s", url=url[:80]),
                          details={"field": "links"})
        clean.append({"kind": kind, "url": url})
    return clean


def team_for_member(team_id: int, user: User) -> Team:
    """The team, if the user is one of its members; `not_found` or `forbidden` otherwise."""
    team = db.session.get(Team, team_id) if isinstance(team_id, int) else None
    if team is None:
        raise NotFound(_("There is no such team."))
    if not is_member(user, team.id):
        raise Forbidden(_("Only the team's members can change its project."))
    return team


def project_of(team_id: int) -> Project | None:
    """A team's project, read afresh (conditional updates bypass the session's identity map)."""
    return db.session.scalar(select(Project).where(Project.team_id == team_id)
                             .execution_options(populate_existing=True))


def _stale(team: Team) -> Conflict:
    from .listing import projects_json

    (current,) = projects_json(team.event_id, [team.id])
    return Conflict(_("Someone in your team saved the project meanwhile. Compare their version with yours, then "
                      "save again."), details={"project": current})


def write_project(team: Team, expected_version: int | None, values: dict) -> None:
    """Write these columns and one more version, if the project is still at `expected_version` (None: any)."""
    conditions = [Project.team_id == team.id]
    if expected_version is not None:
        conditions.append(Project.version == expected_version)
    result = db.session.execute(update(Project).where(*conditions).values(
        **values, version=Project.version + 1, updated_at=utcnow()).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise _stale(team)


def ensure_project(team: Team, user: User | None, expected_version: int | None = None) -> bool:
    """Make the team's (empty) project if it has none; True when this call made it.

    A project that does not exist yet has version 0: a save that names another version is stale.
    """
    if project_of(team.id) is not None:
        return False
    now = utcnow()
    made = db.session.execute(insert_unless_duplicate(Project.__table__).values(
        event_id=team.event_id, team_id=team.id, title="", summary="", problem="", built="", approach="", links=[],
        show_in_gallery=False, version=1, created_at=now, updated_at=now,
        updated_by_id=user.id if user else None).returning(Project.id)).first()
    if made is None:
        return False  # made by a teammate a moment ago
    if expected_version not in (None, 0):
        raise _stale(team)
    return True


def save(team: Team, user: User, changes: Changes, expected_version: int | None, submit: bool = False) -> Project:
    """A member's save: the fields given, checked against the version they started from, before the deadline."""
    require_open(team.event_id, team.id)
    values: dict[str, Any] = dict(changes.texts)
    if changes.links is not None:
        values["links"] = changes.links
    values["updated_by_id"] = user.id
    if ensure_project(team, user, expected_version):
        # Made just now at version 1 from nothing: the editor started from version 0, which this is.
        expected_version = 1 if expected_version is not None else None
    if submit:
        current = project_of(team.id)
        title = values.get("title", current.title)
        summary = values.get("summary", current.summary)
        if not title or not summary:
            raise Invalid(_("Give the project a title and a summary before you submit it."))
        if current.submitted_at is None:
            values["submitted_at"] = utcnow()
    write_project(team, expected_version, values)
    return project_of(team.id)


def set_consent(team: Team, user: User, show: bool) -> Project:
    """A member agrees (or no longer agrees) to show the project in the public gallery; allowed at any time."""
    ensure_project(team, user)
    current = project_of(team.id)
    if current.show_in_gallery != show:
        write_project(team, None, {"show_in_gallery": show, "updated_by_id": user.id})
    return project_of(team.id)


def set_gallery_name(event_id: int, user: User, name: str) -> GalleryName | None:
    """The name a person shows in the public gallery ("" shows nothing)."""
    name = " ".join((name or "").split())
    if len(name) > MAX_GALLERY_NAME:
        raise Invalid(_("A name is at most %(n)d characters.", n=MAX_GALLERY_NAME))
    found = db.session.scalar(select(GalleryName).where(GalleryName.event_id == event_id,
                                                        GalleryName.user_id == user.id))
    if not name:
        if found is not None:
            db.session.delete(found)
        return None
    if found is None:
        found = GalleryName(event_id=event_id, user_id=user.id, name=name)
        db.session.add(found)
    else:
        found.name = name
    return found


def gallery_name_of(event_id: int, user_id: int) -> str:
    """The name this person chose to show in the gallery, or ""."""
    return db.session.scalar(select(GalleryName.name).where(GalleryName.event_id == event_id,
                                                            GalleryName.user_id == user_id)) or ""
