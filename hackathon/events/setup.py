"""Setting an event up: creating one, its settings, its dates and time zone, publishing it.

Every function checks everything before it writes anything, so that a refused change leaves the event as it
was; the commands (`events/commands.py`) run them in one unit of work.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from ..errors import Conflict, Invalid
from ..extensions import db
from ..localized import CONTENT_LANGUAGES, check_translations
from . import registration as reg
from .models import Event, EventDay, Registration
from .moving import Move, Moving, plan
from .schedule import PHASE_KEYS, Windows, check_windows, contradictions, own_windows
from .services import check_timezone, create_event

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")
MAX_DAYS = 14
MAX_CAPACITY = 100_000
EVENT_TEXTS = {"tagline": 240, "description": 20000}


@dataclass
class NewEvent:
    """What the administrator gives for a new event."""

    slug: str
    name: str
    start: dt.date
    days: int = 3
    timezone: str = "Europe/Berlin"
    capacity: int = 100


def check_new_event(fields: NewEvent) -> NewEvent:
    """Normalise and check a new event's fields; `invalid` naming the first wrong one."""
    fields.slug = (fields.slug or "").strip().lower()
    if not SLUG.match(fields.slug):
        raise Invalid(_("The short name must have 3 to 80 characters: lower-case letters, digits and hyphens, "
                        "starting and ending with a letter or digit."), code="invalid_slug")
    fields.name = " ".join((fields.name or "").split())
    if not 3 <= len(fields.name) <= 160:
        raise Invalid(_("The event needs a name of 3 to 160 characters."))
    if not isinstance(fields.days, int) or not 1 <= fields.days <= MAX_DAYS:
        raise Invalid(_("An event lasts from 1 to %(n)d days.", n=MAX_DAYS))
    if not isinstance(fields.capacity, int) or not 0 <= fields.capacity <= MAX_CAPACITY:
        raise Invalid(_("The capacity must be a whole number from 0 to %(n)d.", n=MAX_CAPACITY))
    if not isinstance(fields.start, dt.date):
        raise Invalid(_("Please give the first day as YYYY-MM-DD."))
    check_timezone(fields.timezone)
    return fields


def slug_taken(slug: str) -> bool:
    """Whether an event already has this short name."""
    return db.session.scalar(select(Event.id).where(Event.slug == slug)) is not None


def create(fields: NewEvent, *, published: bool = False) -> Event:
    """A new, empty event (a draft until its organisers publish it); `conflict` when the slug is taken."""
    fields = check_new_event(fields)
    if slug_taken(fields.slug):
        raise Conflict(_("There is already an event called %(slug)s.", slug=fields.slug), code="slug_taken")
    days = [fields.start + dt.timedelta(days=i) for i in range(fields.days)]
    return create_event(fields.slug, fields.name, timezone=fields.timezone, days=days, capacity=fields.capacity,
                        published=published)


@dataclass
class EventSettings:
    """Everything about an event an organiser sets on the settings page (dates and zone have their own form)."""

    name: str
    tagline: str = ""
    description: str = ""
    venue: str = ""
    city: str = ""
    capacity: int = 100
    registration_open: bool = True
    team_min_size: int = 2
    team_max_size: int = 5
    windows: Windows = field(default_factory=dict)
    language: str = "en"
    translation_languages: list[str] = field(default_factory=list)
    translations: dict = field(default_factory=dict)


def check_settings(event: Event, settings: EventSettings) -> EventSettings:
    """Normalise and check the settings; `invalid` with every reason the windows contradict each other."""
    settings.name = " ".join((settings.name or "").split())
    if not 3 <= len(settings.name) <= 160:
        raise Invalid(_("The event needs a name of 3 to 160 characters."))
    limits = {"tagline": 240, "venue": 240, "city": 120, "description": 20000}
    for name, limit in limits.items():
        value = (getattr(settings, name) or "").strip()
        if len(value) > limit:
            raise Invalid(_("%(field)s may have at most %(n)d characters.", field=name, n=limit))
        setattr(settings, name, value)
    if not isinstance(settings.capacity, int) or not 0 <= settings.capacity <= MAX_CAPACITY:
        raise Invalid(_("The capacity must be a whole number from 0 to %(n)d.", n=MAX_CAPACITY))
    if not 1 <= settings.team_min_size <= settings.team_max_size <= 20:
        raise Invalid(_("Team sizes must satisfy 1 ≤ minimum ≤ maximum ≤ 20."))
    if settings.language not in CONTENT_LANGUAGES:
        raise Invalid(_("Please choose the language the event's texts are written in."))
    unknown = [code for code in settings.translation_languages if code not in CONTENT_LANGUAGES]
    if unknown:
        raise Invalid(_("Unknown language: %(code)s.", code=unknown[0][:8]))
    settings.translation_languages = [code for code in dict.fromkeys(settings.translation_languages)
                                      if code != settings.language]
    settings.translations = check_translations(settings.translations, settings.translation_languages, EVENT_TEXTS)
    unknown_phases = set(settings.windows) - set(PHASE_KEYS)
    if unknown_phases:
        raise Invalid(_("Unknown phase: %(phase)s.", phase=sorted(unknown_phases)[0][:40]))
    check_windows(event, settings.windows)
    return settings


def save_settings(event: Event, settings: EventSettings, expected_version: int | None = None) -> list[Registration]:
    """Change the settings; returns the people a larger capacity moved off the waitlist.

    `conflict` when someone saved the settings since the form was loaded (`expected_version`).
    """
    settings = check_settings(event, settings)
    values = {f"{key}_{side}_at": moment for key, (opens, closes) in settings.windows.items()
              for side, moment in (("opens", opens), ("closes", closes))}
    query = update(Event).where(Event.id == event.id)
    if expected_version is not None:
        query = query.where(Event.version == expected_version)
    result = db.session.execute(query.values(
        name=settings.name, tagline=settings.tagline, description=settings.description, venue=settings.venue,
        city=settings.city, registration_open=settings.registration_open, team_min_size=settings.team_min_size,
        team_max_size=settings.team_max_size, language=settings.language,
        translation_languages=settings.translation_languages, translations=settings.translations,
        version=Event.version + 1, **values,
    ).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise Conflict(_("Someone else saved the settings meanwhile. Please review them again."), code="stale")
    db.session.refresh(event)
    return reg.set_capacity(event, settings.capacity)


def set_published(event: Event, published: bool) -> bool:
    """Publish a draft (it shows on the home page, people may register) or take it back; True if it changed."""
    result = db.session.execute(
        update(Event).where(Event.id == event.id, Event.published.is_not(published))
        .values(published=published, version=Event.version + 1).execution_options(synchronize_session=False))
    db.session.refresh(event)
    return result.rowcount == 1


@dataclass
class DateChange:
    """New days and time zone for an event: its first day, how many days, the zone."""

    start: dt.date
    days: int
    timezone: str


@dataclass
class DatePlan:
    """What a date change would do: the move, the new days, and what each capability would move with it."""

    move: Move
    new_days: list[dt.date]
    moving: list[Moving]

    @property
    def blocked(self) -> list[str]:
        return [reason for part in self.moving for reason in part.blocked]

    @property
    def warnings(self) -> list[str]:
        return [part.what for part in self.moving if part.count]


def plan_dates(event: Event, change: DateChange) -> DatePlan:
    """Check a date change and list what it moves; nothing is written."""
    if not isinstance(change.days, int) or not 1 <= change.days <= MAX_DAYS:
        raise Invalid(_("An event lasts from 1 to %(n)d days.", n=MAX_DAYS))
    check_timezone(change.timezone)
    old_days = [d.date for d in event.days]
    move = Move(event.timezone, change.timezone, (change.start - old_days[0]).days if old_days else 0)
    new_days = [change.start + dt.timedelta(days=i) for i in range(change.days)]
    moved = {key: (move(opens), move(closes)) for key, (opens, closes) in own_windows(event).items()}
    reasons = contradictions(new_days, change.timezone, moved)
    if reasons:
        raise Invalid(" ".join(reasons), code="schedule_contradiction")
    return DatePlan(move, new_days, plan(event, move, new_days))


def apply_dates(event: Event, change: DateChange, expected_version: int | None = None) -> DatePlan:
    """Move the event to its new days and zone with everything that moves with it; `conflict` when blocked."""
    planned = plan_dates(event, change)
    if planned.blocked:
        raise Conflict(" ".join(planned.blocked), code="cannot_move")
    values = {f"{key}_{side}_at": planned.move(moment) for key, (opens, closes) in own_windows(event).items()
              for side, moment in (("opens", opens), ("closes", closes))}
    query = update(Event).where(Event.id == event.id)
    if expected_version is not None:
        query = query.where(Event.version == expected_version)
    result = db.session.execute(query.values(timezone=change.timezone, version=Event.version + 1, **values)
                                .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise Conflict(_("Someone else saved the settings meanwhile. Please review them again."), code="stale")
    for part in planned.moving:
        part.apply()
    db.session.execute(delete(EventDay).where(EventDay.event_id == event.id))
    db.session.add_all([EventDay(event_id=event.id, date=day, label=f"Day {i + 1}")
                        for i, day in enumerate(planned.new_days)])
    db.session.flush()
    db.session.expire(event)
    return planned
