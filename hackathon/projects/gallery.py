"""The public gallery: the projects whose teams agreed to show them, with the winners marked, filterable.

Nothing personal is shown beyond the names members chose for the gallery (`GalleryName`), and only for people
who are still in the team.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from ..events.models import Event
from ..extensions import db
from ..judging.tracks import list_tracks
from ..teams.membership import members
from .awards import Award, awards
from .listing import projects_json
from .models import GalleryName


@dataclass
class GalleryFilter:
    """The gallery's filters: a challenge, a track, winners only."""

    challenge: int | None = None
    track: int | None = None
    winners: bool = False


@dataclass
class GalleryEntry:
    """A project in the gallery, its awards and the names its members chose to show."""

    project: dict
    awards: list[Award] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    @property
    def image(self) -> dict | None:
        """The first image, for the card and the share preview."""
        return next((f for f in self.project["files"] if f["kind"] == "image"), None)


def shown_names(event_id: int, team_ids: list[int]) -> dict[int, list[str]]:
    """The names the teams' current members chose to show (one query)."""
    if not team_ids:
        return {}
    seats = members(event_id).subquery()
    rows = db.session.execute(select(seats.c.team_id, GalleryName.name)
                              .join(GalleryName, (GalleryName.user_id == seats.c.user_id)
                                    & (GalleryName.event_id == seats.c.event_id))
                              .where(seats.c.team_id.in_(team_ids))
                              .order_by(GalleryName.name))
    found: dict[int, list[str]] = defaultdict(list)
    for team_id, name in rows:
        found[team_id].append(name)
    return found


def public_project(project: dict) -> dict:
    """A project without what is not for the public (who saved it last)."""
    return {key: value for key, value in project.items() if key != "updated_by"}


def gallery(event: Event, flt: GalleryFilter | None = None) -> list[GalleryEntry]:
    """The shown projects (winners first, then by title), filtered."""
    flt = flt or GalleryFilter()
    projects = [public_project(p) for p in projects_json(event.id, shown_only=True, slug=event.slug)]
    won = awards(event)
    if flt.challenge is not None:
        projects = [p for p in projects if p["challenge"] and p["challenge"]["id"] == flt.challenge]
    if flt.track is not None:
        challenge_of_track = {t.id: t.challenge_id for t in list_tracks(event)}
        wanted = challenge_of_track.get(flt.track)
        projects = [p for p in projects if p["challenge"] and p["challenge"]["id"] == wanted]
    if flt.winners:
        projects = [p for p in projects if p["team_id"] in won]
    names = shown_names(event.id, [p["team_id"] for p in projects])
    entries = [GalleryEntry(p, won.get(p["team_id"], []), names.get(p["team_id"], [])) for p in projects]
    return sorted(entries, key=lambda e: (not e.awards, _best_place(e.awards),
                                          (e.project["title"] or e.project["team"]["name"]).lower()))


def _best_place(found: list[Award]) -> int:
    """The best overall place among a team's awards (teams without one after those with one)."""
    return min((a.place for a in found if a.kind == "overall" and a.place), default=99)


def gallery_entry(event: Event, team_id: int) -> GalleryEntry | None:
    """One shown project, or None if it is not in the gallery."""
    found = [public_project(p) for p in projects_json(event.id, [team_id], shown_only=True, slug=event.slug)]
    if not found:
        return None
    return GalleryEntry(found[0], awards(event).get(team_id, []), shown_names(event.id, [team_id]).get(team_id, []))
