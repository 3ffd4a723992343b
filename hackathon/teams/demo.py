"""The demo's teams: organisations, the eight challenges, teams of every kind, and people still looking."""

from __future__ import annotations

import math
import random

from ..accounts.models import User
from ..events.models import Event
from ..events.people import registered_ids
from ..events.roles import grant_role
from ..extensions import db
from . import organisations as registry
from .challenges import slugify
from .models import BoardEntry, Challenge, JoinRequest, Organisation, Team, TeamMembership
from .services import new_invite_code

OWNERS = 3
LOOKING_SHARE = 0.15
NOTES = ("Happy to help wherever I am needed.", "Looking for a team on one of these challenges.",
         "First hackathon: keen to learn and to build.", "I can take on research, interviews and the pitch.")


def _organisations(event: Event, content) -> dict[str, Organisation]:
    """The demo's organisations in the registry (those a reset demo left there are reused)."""
    made: dict[str, Organisation] = {}
    for item in content.ORGANISATIONS:
        name = item["name"] if isinstance(item, dict) else str(item)
        if name in made:
            continue
        found = registry.named(name)
        if isinstance(item, dict):
            found.country = found.country or item.get("country", "")
            found.kind = found.kind or registry.kind_of(item.get("kind", ""))
            found.website = found.website or item.get("website", "")
            found.logo_path = found.logo_path or item.get("logo") or item.get("logo_path")
        made[name] = found
    db.session.flush()
    return made


def _challenges(event: Event, content, organisations: dict[str, Organisation], owners: list[User],
                teams_needed: int) -> list[Challenge]:
    names = list(organisations)
    per_challenge = max(4, math.ceil(teams_needed / max(len(content.CHALLENGES), 1)) + 1)
    made = []
    for index, item in enumerate(content.CHALLENGES):
        org_name = item.get("organisation") or (names[index % len(names)] if names else None)
        organisation = organisations.get(org_name)
        if organisation is None and org_name:
            organisation = organisations[org_name] = registry.named(org_name)
        db.session.flush()
        resources = [r if isinstance(r, dict) else {"label": str(r), "url": str(r)} for r in item.get("resources", [])]
        made.append(Challenge(
            event_id=event.id, slug=item.get("slug") or slugify(item["title"]), title=item["title"],
            summary=item.get("summary", "")[:300], description=item.get("description", ""),
            tags=list(item.get("tags", [])), skills=list(item.get("skills", [])), resources=resources,
            max_teams=max(int(item.get("max_teams", 0) or 0), per_challenge),
            organisation_id=organisation.id if organisation else None,
            owner_id=owners[index % len(owners)].id if owners else None,
        ))
    db.session.add_all(made)
    db.session.flush()
    return made


def _owners(event: Event, password_hash: str, rng: random.Random) -> list[User]:
    from ..demo.seeding import DOMAIN

    owners = [User(email=f"owner{i}@{DOMAIN}", name=f"Challenge Owner {i}", password_hash=password_hash)
              for i in range(1, OWNERS + 1)]
    db.session.add_all(owners)
    db.session.flush()
    for owner in owners:
        grant_role(event, owner, "challenge_owner")
    return owners


def seed_teams(event: Event, people, rng: random.Random) -> str:
    """Organisations, challenges with owners, teams (full, open with room, by request), people looking."""
    from .. import demo_content as content

    confirmed_ids = registered_ids(event.id, "confirmed")
    confirmed = [u for u in people.participants if u.id in confirmed_ids]
    looking_count = round(len(confirmed) * LOOKING_SHARE)
    pool = confirmed[:]
    rng.shuffle(pool)
    looking, forming = pool[:looking_count], pool[looking_count:]
    teams_needed = max(len(forming) * 2 // 9, 1)

    owners = _owners(event, people.organiser.password_hash, rng)
    organisations = _organisations(event, content)
    db.session.flush()
    challenges = _challenges(event, content, organisations, owners, teams_needed)
    if not challenges:
        return "Teams: no challenges in the demo content"

    names = list(content.TEAM_NAMES)
    pitches = list(content.TEAM_PITCHES)
    teams: list[Team] = []
    sizes = [5, 4, 5, 3, 4, 2]
    index = 0
    while forming:
        size = min(sizes[index % len(sizes)], len(forming), event.team_max_size)
        members, forming = forming[:size], forming[size:]
        name = names[index] if index < len(names) else f"{names[index % len(names)]} {index // len(names) + 1}"
        policy = "request" if index % 3 == 1 else "open"
        team = Team(event_id=event.id, challenge_id=challenges[index % len(challenges)].id, name=name,
                    pitch=pitches[index % len(pitches)] if pitches else "", join_policy=policy,
                    open_roles=[] if size >= event.team_max_size else rng.sample(content.SKILLS, 2),
                    invite_code=new_invite_code(), max_size=event.team_max_size, member_count=len(members))
        team.memberships = [TeamMembership(event_id=event.id, user_id=u.id) for u in members]
        teams.append(team)
        index += 1
    db.session.add_all(teams)
    db.session.flush()

    entries, requests = [], []
    for n, user in enumerate(looking):
        liked = rng.sample(challenges, min(2, len(challenges)))
        entries.append(BoardEntry(event_id=event.id, user_id=user.id, challenge_ids=[c.id for c in liked],
                                  note=rng.choice(NOTES)))
        asking = [t for t in teams if t.join_policy == "request" and t.member_count < t.max_size]
        if asking and n % 3 == 0:
            team = asking[n % len(asking)]
            requests.append(JoinRequest(event_id=event.id, team_id=team.id, user_id=user.id,
                                        message="I would love to join: I can help with the prototype."))
    db.session.add_all(entries + requests)
    db.session.flush()
    full = sum(1 for t in teams if t.member_count >= t.max_size)
    return (f"Teams: {len(challenges)} challenges (owners owner1…owner{OWNERS}@demo.example), {len(teams)} teams "
            f"({full} full, {len(teams) - full} with room), {len(looking)} people looking, "
            f"{len(requests)} pending join requests")
