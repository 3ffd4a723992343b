"""The demo's projects: most teams have one (some submitted, some agreed to the gallery), a deadline on the last
day at noon, two challenges judged as tracks with their prizes, and names some members chose for the gallery."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..events.models import Event
from ..extensions import db
from ..judging.tracks import save_track
from ..teams.challenges import list_challenges
from ..teams.membership import members as memberships
from ..teams.models import Team
from .demo_texts import PROJECTS
from .models import GalleryName, Project, ProjectSettings

TRACKS = {
    "forecast-the-surplus": "A paid three-month pilot with Associação Prato Cheio and a place in the SocialTech4EU "
                            "voucher scheme",
    "repair-impact-log": "Roll-out in five repair cafés of Stichting Heelmakers Gelderland, with a mentor from the "
                         "network for six months",
}
SUFFIXES = ("", " Together", " Open", " Local", " Plus")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _gallery_name(full_name: str, rng: random.Random) -> str:
    first, _sep, last = full_name.partition(" ")
    return f"{first} {last[:1]}." if last and rng.random() < 0.5 else first


def seed_projects(event: Event, people, rng: random.Random) -> str:
    """Projects for the demo teams, the deadline, two tracks and gallery names."""
    days = [d.date for d in event.days]
    zone = ZoneInfo(event.timezone)
    deadline = datetime.combine(days[-1], time(12, 0), zone).astimezone(UTC) if days else None
    db.session.add(ProjectSettings(event_id=event.id, deadline=deadline, winner_places=3, version=1))
    challenges = {c.id: c for c in list_challenges(event)}
    tracks = 0
    for challenge in sorted(challenges.values(), key=lambda c: c.slug):
        if challenge.slug in TRACKS:
            save_track(event, challenge.id, TRACKS[challenge.slug])
            tracks += 1
    teams = list(db.session.scalars(select(Team).where(Team.event_id == event.id).order_by(Team.id)))
    members: dict[int, list] = {}
    for _event_id, team_id, user in db.session.execute(memberships(event.id)):
        members.setdefault(team_id, []).append(user)
    names = {u.id: u.name for u in people.participants}
    used: Counter[str] = Counter()
    made = submitted = shown = 0
    opened = datetime.combine(days[0], time(14, 0), zone).astimezone(UTC) if days else None
    for index, team in enumerate(teams):
        challenge = challenges.get(team.challenge_id)
        takes = PROJECTS.get(challenge.slug if challenge else "", ())
        if not takes or rng.random() < 0.15:
            continue  # a team still at work on its idea
        take = takes[index % len(takes)]
        title = take["title"] + SUFFIXES[used[take["title"]] % len(SUFFIXES)]
        used[take["title"]] += 1
        links = [{"kind": "repository", "url": f"https://code.example.org/{_slug(team.name)}/{_slug(title)}"}]
        if rng.random() < 0.6:
            links.append({"kind": "demo", "url": f"https://{_slug(title)}.demo.example.org/"})
        if rng.random() < 0.3:
            links.append({"kind": "video", "url": f"https://video.example.org/{_slug(team.name)}-pitch"})
        is_submitted = rng.random() < 0.7
        show = is_submitted and rng.random() < 0.8
        db.session.add(Project(
            event_id=event.id, team_id=team.id, title=title, summary=take["summary"], problem=take["problem"],
            built=take["built"], approach=take["approach"], links=links, show_in_gallery=show,
            submitted_at=opened if is_submitted else None, version=rng.randint(3, 14), created_at=opened,
            updated_at=opened, updated_by_id=(members.get(team.id) or [None])[0]))
        made += 1
        submitted += is_submitted
        shown += show
        if show:
            for user_id in members.get(team.id, []):
                if user_id in names and rng.random() < 0.6:
                    db.session.add(GalleryName(event_id=event.id, user_id=user_id,
                                               name=_gallery_name(names[user_id], rng)))
    db.session.flush()
    return (f"Projects: {made} of {len(teams)} teams have a project ({submitted} submitted, {shown} for the "
            f"gallery), deadline on the last day at 12:00, {tracks} challenges judged as tracks")
