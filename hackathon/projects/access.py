"""Who may see which project: the one place the projects capability decides it.

Organisers and jurors see every project; a challenge owner sees the teams of their challenges and of the tracks
whose panel they sit on; members see their own team's. Once the gallery is public, everyone (without logging
in) sees the projects whose team agreed to show them.
"""

from __future__ import annotations

from sqlalchemy import select

from ..events.models import Event
from ..extensions import db
from ..judging.tracks import panel_team_ids
from ..teams.challenges import owned_team_ids
from ..teams.membership import team_id_of
from .deadline import settings_of
from .models import Project

ALL = None  # readable_team_ids: every team of the event


def gallery_is_public(event_id: int) -> bool:
    """Whether the organisers have published the gallery."""
    return settings_of(event_id).gallery_published_at is not None


def readable_team_ids(event: Event, user_id: int | None, roles: set[str] | frozenset[str]) -> set[int] | None:
    """The teams whose project this person may read (ALL for organisers and jurors), gallery aside."""
    if roles & {"organiser", "jury"}:
        return ALL
    ids: set[int] = set()
    if user_id is None:
        return ids
    if "challenge_owner" in roles:
        ids |= owned_team_ids(event.id, user_id)
        ids |= panel_team_ids(event, user_id)
    own = team_id_of(user_id, event.id)
    return ids if own is None else ids | {own}


def shown_team_ids(event_id: int) -> set[int]:
    """The teams that agreed to show their project in the gallery."""
    return set(db.session.scalars(select(Project.team_id).where(Project.event_id == event_id,
                                                                Project.show_in_gallery.is_(True))))


def may_read(event: Event, user_id: int | None, roles, team_id: int) -> bool:
    """Whether this person may read this team's project (their role, or the public gallery)."""
    readable = readable_team_ids(event, user_id, roles)
    if readable is ALL or team_id in readable:
        return True
    return gallery_is_public(event.id) and team_id in shown_team_ids(event.id)
