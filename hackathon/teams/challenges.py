"""Challenges (posed by organisations of the registry, `organisations.py`): posting, editing, listing."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import Row, Select, String, cast, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..events.models import Event
from ..events.registration import normalise_tags
from ..extensions import db
from ..localized import check_translations
from . import organisations
from .models import Challenge, Organisation, Team

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


def controls(organisation: Organisation, owner_id: int | None) -> bool:
    """Whether every challenge the organisation ever posed is this challenge owner's (so it is theirs to rename)."""
    owners = set(db.session.scalars(select(Challenge.owner_id).where(Challenge.organisation_id == organisation.id)))
    return owner_id is not None and owners == {owner_id}


def _only_here(organisation: Organisation, event: Event) -> bool:
    """Whether every challenge of the organisation is at this event (renaming it changes no other event)."""
    events = set(db.session.scalars(select(Challenge.event_id).where(Challenge.organisation_id == organisation.id)))
    return events <= {event.id}


def organisation_for(event: Event, fields: ChallengeFields, current: Organisation | None, *, owner_id: int | None,
                     manager: bool) -> Organisation | None:
    """The registry's organisation a challenge is posed by after an edit, by these rules.

    Conflicts of interest are declared against an organisation's id, so a new name renames the row, not moves the
    challenge to a new one (which would shed the conflict). Organisers (`manager`) may rename (in place when the
    organisation posed challenges at this event only; otherwise the challenge moves to the organisation of the
    new name, since the registry's row is every event's history), move a challenge to another organisation,
    detach it and set any logo. A challenge owner may name a new organisation or join an existing one, and may
    rename an organisation or change its logo only when every challenge it ever posed is theirs; moving or
    detaching a challenge is refused (`forbidden`).
    """
    name, logo = fields.organisation, fields.logo_path
    if current is not None and name != current.name:
        existing = organisations.find_by_name(name) if name else None
        if not manager:
            if existing is not None or not name:
                raise Forbidden(_("Only organisers can move a challenge to another organisation."))
            if not controls(current, owner_id):
                raise Forbidden(_("Only organisers can rename an organisation that poses others' challenges too."))
        if existing is None and name and (not manager or _only_here(current, event)):
            current.name = name  # renamed in place: its id, and every conflict declared against it, stay
            try:
                with db.session.begin_nested():
                    db.session.flush()
            except IntegrityError:
                raise Conflict(_("An organisation of that name was just added. Please try again.")) from None
            organisation = current
        elif existing is None and name:
            return organisations.named(name, logo)
        else:
            organisation = existing
    elif current is not None:
        organisation = current
    else:
        organisation = organisations.find_by_name(name) if name else None
        if organisation is None:
            return organisations.named(name, logo)  # a new organisation: its poster sets the logo
    if organisation is not None and logo and organisation.logo_path != logo:
        if not manager and not controls(organisation, owner_id):
            raise Forbidden(_("Only organisers can change the logo of an organisation that poses others' "
                              "challenges."))
        organisation.logo_path = logo
    return organisation


def create_challenge(event: Event, fields: ChallengeFields, owner: User | None, *, manager: bool = True) -> Challenge:
    """Post a challenge; its owner (a challenge owner) may edit it later. `manager`: an organiser posts it."""
    fields = _check(fields, event)
    organisation = organisation_for(event, fields, None, owner_id=owner.id if owner else None, manager=manager)
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


def update_challenge(challenge: Challenge, fields: ChallengeFields, expected_version: int | None = None, *,
                     manager: bool = True) -> Challenge:
    """Change a challenge; `conflict` if someone else changed it since the form was loaded.

    `manager`: an organiser edits it (see organisation_for for what its owner may do to the organisation).
    """
    event = db.session.get(Event, challenge.event_id)
    fields = _check(fields, event)
    current = db.session.get(Organisation, challenge.organisation_id) if challenge.organisation_id else None
    organisation = organisation_for(event, fields, current, owner_id=challenge.owner_id, manager=manager)
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


# What other capabilities ask of challenges: a statement to use inside their own (`titles`, `teams_by_organisation`),
# or exactly the data they need in one query.


def titles(event_id: int) -> Select:
    """(id, title) of the event's challenges, to use inside your own statement (`.subquery()` to join it)."""
    return select(Challenge.id, Challenge.title).where(Challenge.event_id == event_id)


def teams_by_organisation(event_id: int) -> Select:
    """(organisation_id, team_id): the event's teams on each organisation's challenges, to use inside your own
    statement (`.subquery()` to join it)."""
    return (select(Challenge.organisation_id, Team.id.label("team_id"))
            .join(Team, Team.challenge_id == Challenge.id)
            .where(Challenge.event_id == event_id, Team.event_id == event_id))


def organisation_id_of(challenge_id: int | None) -> int | None:
    """The id of the organisation posing the challenge, or None."""
    if challenge_id is None:
        return None
    return db.session.scalar(select(Challenge.organisation_id).where(Challenge.id == challenge_id))


def owner_id_of(challenge_id: int | None) -> int | None:
    """The id of the challenge's owner, or None."""
    if challenge_id is None:
        return None
    return db.session.scalar(select(Challenge.owner_id).where(Challenge.id == challenge_id))


def owner_ids_alongside(event_id: int, challenge_id: int) -> set[int]:
    """The owner of the challenge and the owners of its organisation's other challenges at the event (one query)."""
    organisation_id = select(Challenge.organisation_id).where(Challenge.id == challenge_id).scalar_subquery()
    return set(db.session.scalars(select(Challenge.owner_id).where(
        Challenge.event_id == event_id, Challenge.owner_id.is_not(None),
        or_(Challenge.id == challenge_id, Challenge.organisation_id == organisation_id))))


def owned_team_ids(event_id: int, owner_id: int) -> set[int]:
    """The event's teams working on the challenges this person owns (one query)."""
    return set(db.session.scalars(select(Team.id).join(Challenge, Challenge.id == Team.challenge_id)
                                  .where(Team.event_id == event_id, Challenge.owner_id == owner_id)))


def organisation_ids(event_id: int) -> list[int]:
    """The organisations posing the event's challenges, in the order their challenges were posted (one query)."""
    found = db.session.scalars(select(Challenge.organisation_id).where(
        Challenge.event_id == event_id, Challenge.organisation_id.is_not(None)).order_by(Challenge.id))
    return list(dict.fromkeys(found))


def posed_by(event_id: int) -> list[Row]:
    """(id, title, organisation's name, country, kind) of the event's challenges by title, the organisation's
    columns None for a challenge nobody poses (one query)."""
    return db.session.execute(select(Challenge.id, Challenge.title, Organisation.name, Organisation.country,
                                     Organisation.kind)
                              .outerjoin(Organisation, Organisation.id == Challenge.organisation_id)
                              .where(Challenge.event_id == event_id).order_by(Challenge.title)).all()
