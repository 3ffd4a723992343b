"""The registry of organisations, across events: who they are, their country and kind, their past challenges.

An organisation is registered once and reused by every event: a challenge names its organisation, so the
challenges an organisation posed at earlier events are its history, and the next event reuses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import Conflict, Invalid, NotFound
from ..events.countries import COUNTRIES
from ..events.days import event_days
from ..events.models import Event
from ..events.people import events_held
from ..extensions import db
from .models import ORGANISATION_KINDS, Challenge, Organisation

KIND_LABELS = {
    "social_economy": _l("Social-economy enterprise"),
    "partner": _l("Partner of the programme"),
    "technology": _l("Technology provider"),
    "research": _l("University or research"),
    "public": _l("Public body"),
    "business": _l("Company"),
    "funder": _l("Funder or investor"),
    "other": _l("Other"),
}
# Free-text kinds written before the registry had categories (and in the demo's content).
_LEGACY_KINDS = {"social enterprise": "social_economy", "cooperative": "social_economy",
                 "association": "social_economy", "foundation": "social_economy", "university": "research",
                 "company": "business"}


def kind_of(text: str) -> str:
    """A kind from a category code or an older free-text description ("cooperative" → social_economy)."""
    text = (text or "").strip().lower()
    if text in ORGANISATION_KINDS or not text:
        return text
    return _LEGACY_KINDS.get(text, "other")


def kind_label(kind: str) -> str:
    """A kind's name in the reader's language."""
    label = KIND_LABELS.get(kind)
    return str(label) if label is not None else ""


@dataclass
class OrganisationFields:
    """What the registry keeps about an organisation."""

    name: str
    country: str = ""
    kind: str = ""
    website: str = ""
    logo_path: str = ""
    description: str = ""


def _check(fields: OrganisationFields) -> OrganisationFields:
    fields.name = " ".join((fields.name or "").split())
    if not 2 <= len(fields.name) <= 160:
        raise Invalid(_("An organisation needs a name of 2 to 160 characters."))
    fields.country = (fields.country or "").strip().upper()
    if fields.country and fields.country not in COUNTRIES:
        raise Invalid(_("Please choose a country from the list."))
    fields.kind = kind_of(fields.kind)
    fields.website = (fields.website or "").strip()
    if len(fields.website) > 300 or (fields.website and not re.match(r"^https?://\S+$", fields.website)):
        raise Invalid(_("A website is a link starting with http:// or https://."))
    fields.logo_path = (fields.logo_path or "").strip()
    if len(fields.logo_path) > 300 or (fields.logo_path and not re.match(r"^(https://|/static/)\S+$",
                                                                          fields.logo_path)):
        raise Invalid(_("A logo is a link starting with https:// or a path under /static/."))
    fields.description = (fields.description or "").strip()
    if len(fields.description) > 1000:
        raise Invalid(_("The description may have at most 1000 characters."))
    return fields


def find_by_name(name: str) -> Organisation | None:
    """The registered organisation of this name (any case), or None."""
    name = " ".join((name or "").split())
    if not name:
        return None
    # SQLite's lower() folds only ASCII letters ("Ö" stays): the exact name must match there too.
    return db.session.scalar(select(Organisation).where(
        or_(Organisation.name == name, func.lower(Organisation.name) == name.lower())).limit(1))


def named(name: str, logo_path: str = "") -> Organisation | None:
    """The registered organisation of this name, registered now if new (a race on the name finds the other's row)."""
    name = " ".join((name or "").split())[:160]
    if not name:
        return None
    found = find_by_name(name)
    if found is None:
        found = Organisation(name=name, logo_path=logo_path or None)
        try:
            with db.session.begin_nested():
                db.session.add(found)
        except IntegrityError:
            found = find_by_name(name)
    elif logo_path and found.logo_path != logo_path:
        found.logo_path = logo_path
    return found


def get_organisation(organisation_id: object) -> Organisation:
    """An organisation of the registry; `not_found` otherwise."""
    found = db.session.get(Organisation, organisation_id) if isinstance(organisation_id, int) else None
    if found is None:
        raise NotFound(_("There is no such organisation."))
    return found


def register(fields: OrganisationFields) -> Organisation:
    """Add an organisation to the registry; `conflict` when one of that name is registered."""
    fields = _check(fields)
    if find_by_name(fields.name) is not None:
        raise Conflict(_("%(name)s is already in the registry.", name=fields.name), code="organisation_exists")
    organisation = Organisation(name=fields.name, country=fields.country, kind=fields.kind, website=fields.website,
                                logo_path=fields.logo_path or None, description=fields.description)
    try:
        with db.session.begin_nested():
            db.session.add(organisation)
    except IntegrityError:
        raise Conflict(_("%(name)s is already in the registry.", name=fields.name),
                       code="organisation_exists") from None
    return organisation


def update_organisation(organisation: Organisation, fields: OrganisationFields,
                        expected_version: int | None = None) -> Organisation:
    """Change what the registry says of an organisation; `conflict` on a taken name or a stale form."""
    fields = _check(fields)
    other = find_by_name(fields.name)
    if other is not None and other.id != organisation.id:
        raise Conflict(_("%(name)s is already in the registry.", name=fields.name), code="organisation_exists")
    query = update(Organisation).where(Organisation.id == organisation.id)
    if expected_version is not None:
        query = query.where(Organisation.version == expected_version)
    result = db.session.execute(query.values(
        name=fields.name, country=fields.country, kind=fields.kind, website=fields.website,
        logo_path=fields.logo_path or None, description=fields.description, version=Organisation.version + 1,
    ).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise Conflict(_("Someone else changed this organisation meanwhile. Please review it again."), code="stale")
    db.session.refresh(organisation)
    return organisation


@dataclass
class RegistryRow:
    """An organisation as the registry's list shows it."""

    organisation: Organisation
    challenges: int
    events: int


def search(q: str = "", kind: str = "", country: str = "") -> list[RegistryRow]:
    """Registered organisations with how many challenges they posed at how many events (two queries)."""
    query = select(Organisation).order_by(func.lower(Organisation.name))
    if q:
        like = f"%{q.strip().lower()[:80]}%"
        query = query.where(or_(func.lower(Organisation.name).like(like),
                                func.lower(Organisation.description).like(like)))
    if kind:
        query = query.where(Organisation.kind == kind)
    if country:
        query = query.where(Organisation.country == country.upper()[:2])
    organisations = list(db.session.scalars(query))
    counts = {row.organisation_id: (row.challenges, row.events) for row in db.session.execute(
        select(Challenge.organisation_id, func.count(Challenge.id).label("challenges"),
               func.count(func.distinct(Challenge.event_id)).label("events"))
        .where(Challenge.organisation_id.in_([o.id for o in organisations]))
        .group_by(Challenge.organisation_id))} if organisations else {}
    return [RegistryRow(o, *counts.get(o.id, (0, 0))) for o in organisations]


@dataclass
class PastChallenge:
    """A challenge an organisation posed, with its event."""

    id: int
    title: str
    summary: str
    event_slug: str
    event_name: str
    year: int | None


def past_challenges(organisation_ids: list[int], exclude_event_id: int | None = None) -> list[PastChallenge]:
    """The challenges these organisations posed at events (the newest first; one query)."""
    if not organisation_ids:
        return []
    days = event_days()
    first_day = (select(func.min(days.c.date)).where(days.c.event_id == Event.id).correlate(Event)
                 .scalar_subquery())
    query = (select(Challenge.id, Challenge.title, Challenge.summary, Event.slug, Event.name, first_day,
                    Challenge.organisation_id)
             .join(Event, Event.id == Challenge.event_id)
             .where(Challenge.organisation_id.in_(organisation_ids)).order_by(first_day.desc(), Challenge.title))
    if exclude_event_id is not None:
        query = query.where(Challenge.event_id != exclude_event_id)
    return [PastChallenge(row[0], row[1], row[2], row[3], row[4], row[5].year if row[5] else None)
            for row in db.session.execute(query)]


def may_keep_registry(user) -> bool:
    """Platform administrators and the organisers of any event keep the registry."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_admin", False):
        return True
    return db.session.scalar(events_held(user.id, "organiser").limit(1)) is not None


def posing_at(event_id: int) -> list[tuple[int, str]]:
    """(id, name) of the registry's organisations that pose a challenge at the event, by name (one query)."""
    return list(db.session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(
        select(Challenge.organisation_id).where(Challenge.event_id == event_id))).order_by(Organisation.name)))


def poses_at(organisation_id: int, event_id: int) -> bool:
    """Whether this registered organisation poses a challenge at the event (one query)."""
    return db.session.scalar(select(Challenge.id).join(Organisation, Organisation.id == Challenge.organisation_id)
                             .where(Challenge.event_id == event_id, Challenge.organisation_id == organisation_id)
                             .limit(1)) is not None


def kinds_by_name() -> dict[str, str]:
    """name -> kind of the registered organisations whose kind is known (one query)."""
    return {name: kind for name, kind in db.session.execute(
        select(Organisation.name, Organisation.kind).where(Organisation.kind != "")) if kind}
