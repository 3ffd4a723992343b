"""Challenges (posed by organisations of the registry, `organisations.py`): posting, editing, listing."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import String, cast, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..errors import Conflict, Invalid, NotFound
from ..events.models import Event
from ..events.registration import normalise_tags
from ..extensions import db
from ..localized import check_translations
from . import organisations
from .models import Challenge, Team

CHALLENGE_TAGS = ("digital", "green", "inclusion", "circular economy", "energy", "food", "care", "education",
                  "mobility", "rural")


@dataclass
class ChallengeFields:
    """What an organiser or challenge owner writes about a challenge."""

    title: str
    organisation: str = ""
    logo_path: str = ""
    summary: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    resources: list[dict] = field(default_factory=list)
    max_teams: int = 4
    translations: dict = field(default_factory=dict)


# What a challenge's translations may hold (hackathon/localized.py), and their longest texts.
TRANSLATED = {"title": 200, "summary": 300, "description": 20000}


def slugify(text: str) -> str:
    """A URL-safe slug from a title."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:70] or "challenge"


def parse_resources(text: str) -> list[dict]:
    """One resource per line, `Label | https://…` or just the link."""
    resources = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        label, _sep, url = line.rpartition("|") if "|" in line else ("", "", line)
        url, label = url.strip(), label.strip()
        if not re.match(r"^https?://\S+$", url):
            raise Invalid(_("Each resource needs a link starting with http:// or https:// (%(line)s).",
                            line=line[:60]))
        resources.append({"label": label[:120] or url[:120], "url": url[:500]})
    return resources[:20]


def _check(fields: ChallengeFields, event: Event) -> ChallengeFields:
    fields.title = " ".join((fields.title or "").split())
    if not 3 <= len(fields.title) <= 200:
        raise Invalid(_("A challenge needs a title of 3 to 200 characters."))
    fields.summary = (fields.summary or "").strip()[:300]
    fields.description = (fields.description or "").strip()[:20000]
    fields.organisation = " ".join((fields.organisation or "").split())[:160]
    fields.logo_path = (fields.logo_path or "").strip()[:300]
    if fields.logo_path and not re.match(r"^(https://|/static/)\S+$", fields.logo_path):
        raise Invalid(_("A logo is a link starting with https:// or a path under /static/."))
    fields.tags = normalise_tags(fields.tags)[:10]
    fields.skills = normalise_tags(fields.skills)[:15]
    if not isinstance(fields.max_teams, int) or not 1 <= fields.max_teams <= 100:
        raise Invalid(_("Maximum teams must be a whole number from 1 to 100."))
    fields.translations = check_translations(fields.translations, list(event.translation_languages or []), TRANSLATED)
    return fields


def create_challenge(event: Event, fields: ChallengeFields, owner: User | None) -> Challenge:
    """Post a challenge; its owner (a challenge owner) may edit it later."""
    fields = _check(fields, event)
    organisation = organisations.named(fields.organisation, fields.logo_path)
    base = slugify(fields.title)
    taken = set(db.session.scalars(
        select(Challenge.slug).where(Challenge.event_id == event.id, Challenge.slug.like(f"{base}%"))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    challenge = Challenge(
        event_id=event.id, slug=slug, title=fields.title, summary=fields.summary, description=fields.description,
        tags=fields.tags, skills=fields.skills, resources=fields.resources, max_teams=fields.max_teams,
        organisation_id=organisation.id if organisation else None, owner_id=owner.id if owner else None,
        translations=fields.translations,
    )
    try:
        with db.session.begin_nested():
            db.session.add(challenge)
    except IntegrityError:
        raise Conflict(_("A challenge with this title was just posted. Please choose another title.")) from None
    return challenge


def update_challenge(challenge: Challenge, fields: ChallengeFields, expected_version: int | None = None) -> Challenge:
    """Change a challenge; `conflict` if someone else changed it since the form was loaded."""
    fields = _check(fields, db.session.get(Event, challenge.event_id))
    organisation = organisations.named(fields.organisation, fields.logo_path)
    conditions = [Challenge.id == challenge.id]
    if expected_version is not None:
        conditions.append(Challenge.version == expected_version)
    result = db.session.execute(
        update(Challenge).where(*conditions).values(
            title=fields.title, summary=fields.summary, description=fields.description, tags=fields.tags,
            skills=fields.skills, resources=fields.resources, max_teams=fields.max_teams,
            organisation_id=organisation.id if organisation else None, translations=fields.translations,
            version=Challenge.version + 1,
        ).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(_("This challenge was changed by someone else meanwhile. Please review it again."))
    db.session.refresh(challenge)
    return challenge


def get_challenge(event: Event, challenge_id: object) -> Challenge:
    """A challenge of this event; `not_found` otherwise."""
    challenge = db.session.get(Challenge, challenge_id) if isinstance(challenge_id, int) else None
    if challenge is None or challenge.event_id != event.id:
        raise NotFound(_("There is no such challenge."))
    return challenge


def list_challenges(event: Event, tag: str = "") -> list[Challenge]:
    """The event's challenges with their organisations (two queries), optionally those with a tag."""
    query = select(Challenge).where(Challenge.event_id == event.id).options(selectinload(Challenge.organisation))
    if tag:
        needle = '"' + tag.strip().lower().replace('"', "") + '"'
        query = query.where(cast(Challenge.tags, String).like(f"%{needle}%"))
    return list(db.session.scalars(query.order_by(Challenge.title)))


def team_counts(event: Event) -> dict[int, int]:
    """How many teams work on each challenge (one query)."""
    rows = db.session.execute(
        select(Team.challenge_id, func.count()).where(Team.event_id == event.id).group_by(Team.challenge_id))
    return {challenge_id: n for challenge_id, n in rows if challenge_id is not None}


def tags_in_use(challenges: list[Challenge]) -> list[str]:
    """Every tag the challenges carry, for the filter."""
    return sorted({tag for c in challenges for tag in c.tags})
