"""Event rules: finding events, their days and settings, and the phase each capability is in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..clock import local_today
from ..errors import Invalid, NotFound
from ..extensions import db
from .models import Event, EventDay
from .schedule import phase_state

PhaseFn = Callable[[Event], str]
_phases: dict[str, PhaseFn] = {}


def register_phase(capability: str, phase: PhaseFn) -> None:
    """Let a capability report its phase in GET /api/v1/events/<slug> (wired by create_app)."""
    _phases[capability] = phase


def phases(event: Event) -> dict[str, str]:
    """The phase each capability is in at this event."""
    return {name: phase(event) for name, phase in sorted(_phases.items())}


def slug_of(event_id: int) -> str:
    """An event's slug by its id, kept in memory per app: facts name their event by both, and a slug never changes."""
    slugs = current_app.extensions.setdefault("hackathon.event_slugs", {})
    slug = slugs.get(event_id)
    if slug is None:
        slug = db.session.scalar(select(Event.slug).where(Event.id == event_id)) or ""
        if slug:
            slugs[event_id] = slug
    return slug


def registration_phase(event: Event) -> str:
    """upcoming (its window has not opened), open, full (new people join the waitlist), closed, or over."""
    days = event_dates(event)
    if days and local_today(event.timezone) > days[-1]:
        return "over"
    window = phase_state(event, "registration")
    if not event.published or not event.registration_open or window == "closed":
        return "closed"
    if window == "upcoming":
        return "upcoming"
    return "full" if event.confirmed_count >= event.capacity else "open"


def checkin_phase(event: Event) -> str:
    """upcoming, open (today is a day of the event), between (a gap day), or over."""
    days = event_dates(event)
    today = local_today(event.timezone)
    if not days or today < days[0]:
        return "upcoming"
    if today > days[-1]:
        return "over"
    return "open" if today in days else "between"


def hidden_event(slug: object) -> NotFound:
    """The refusal for an event that does not exist, or that the asker may not see (a draft): the same answer."""
    return NotFound(_("There is no event called %(slug)s.", slug=str(slug)[:80]))


def get_event(slug: str) -> Event:
    """The event with this slug; `not_found` otherwise."""
    event = db.session.scalar(select(Event).where(Event.slug == slug)) if isinstance(slug, str) else None
    if event is None:
        raise hidden_event(slug)
    return event


def list_events() -> list[Event]:
    """Every event, the soonest first."""
    events = list(db.session.scalars(select(Event).options(selectinload(Event.days))))
    return sorted(events, key=lambda e: (e.days[0].date if e.days else dt.date.max, e.id))


def visible_events(user_id: int | None, admin: bool = False) -> list[Event]:
    """The events someone may see, soonest first: published ones, drafts where they hold a role, all for admins."""
    from .models import Registration, Role

    query = select(Event).options(selectinload(Event.days))
    if not admin and user_id:
        mine = (select(Role.event_id).where(Role.user_id == user_id)
                .union(select(Registration.event_id).where(Registration.user_id == user_id)))
        query = query.where(Event.published.is_(True) | Event.id.in_(mine))
    elif not admin:
        query = query.where(Event.published.is_(True))
    events = list(db.session.scalars(query))
    return sorted(events, key=lambda e: (e.days[0].date if e.days else dt.date.max, e.id))


def event_dates(event: Event) -> list[dt.date]:
    """The event's days as dates, in order."""
    return [day.date for day in event.days]


def create_event(slug: str, name: str, *, timezone: str, days: list[dt.date], capacity: int, **fields) -> Event:
    """Create an event with its days."""
    check_timezone(timezone)
    if not days:
        raise Invalid(_("An event needs at least one day."))
    event = Event(slug=slug, name=name, timezone=timezone, capacity=capacity, **fields)
    event.days = [EventDay(date=day, label=_day_label(i)) for i, day in enumerate(sorted(set(days)))]
    db.session.add(event)
    db.session.flush()
    return event


def _day_label(index: int) -> str:
    return f"Day {index + 1}"


def check_timezone(timezone: str) -> None:
    """Refuse a time zone that is not an IANA name."""
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise Invalid(_("Unknown time zone: %(tz)s.", tz=timezone)) from None
