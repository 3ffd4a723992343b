"""The agenda's rules: items placed on the event's days in its time zone, and what is on now and next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from ..clock import utcnow
from ..errors import Conflict, Invalid, NotFound
from ..events.models import Event
from ..extensions import db
from ..localized import check_translations
from .models import KINDS, AgendaItem


@dataclass(frozen=True)
class ItemFields:
    """An agenda item as an organiser writes it: a day of the event and wall-clock times in its zone."""

    title: str
    kind: str
    day: dt.date
    start: dt.time
    end: dt.time
    place: str = ""
    description: str = ""
    translations: dict = field(default_factory=dict)


# What an agenda item's translations may hold (hackathon/localized.py), and their longest texts.
TRANSLATED = {"title": 200, "place": 160, "description": 5000}


@dataclass
class NowNext:
    """What runs at a moment (several items may overlap) and what starts next (all items at that start)."""

    now: list[AgendaItem] = field(default_factory=list)
    next: list[AgendaItem] = field(default_factory=list)
    state: str = "empty"  # empty | before | during | between | after


def _moments(event: Event, fields: ItemFields) -> tuple[dt.datetime, dt.datetime]:
    """The item's start and end in UTC; an end earlier than the start is after midnight."""
    title = fields.title.strip()
    if not 1 <= len(title) <= 200:
        raise Invalid(_("Give the item a title of at most 200 characters."))
    if fields.kind not in KINDS:
        raise Invalid(_("Unknown kind of agenda item."))
    if fields.day not in {d.date for d in event.days}:
        raise Invalid(_("Choose one of the event's days."))
    if len(fields.place) > 160 or len(fields.description) > 5000:
        raise Invalid(_("The place or the description is too long."))
    zone = ZoneInfo(event.timezone)
    starts = dt.datetime.combine(fields.day, fields.start, zone)
    ends = dt.datetime.combine(fields.day, fields.end, zone)
    if ends < starts:
        ends += dt.timedelta(days=1)
    return starts.astimezone(dt.UTC), ends.astimezone(dt.UTC)


def _translations(event: Event, fields: ItemFields) -> dict:
    return check_translations(fields.translations, list(event.translation_languages or []), TRANSLATED)


def create_item(event: Event, fields: ItemFields) -> AgendaItem:
    """Add an item to the agenda."""
    starts, ends = _moments(event, fields)
    item = AgendaItem(event_id=event.id, title=fields.title.strip(), kind=fields.kind, starts_at=starts,
                      ends_at=ends, place=fields.place.strip(), description=fields.description.strip(),
                      translations=_translations(event, fields))
    db.session.add(item)
    db.session.flush()
    return item


def get_item(event: Event, item_id: int) -> AgendaItem:
    """One item of this event's agenda; `not_found` otherwise."""
    item = db.session.scalar(select(AgendaItem).where(AgendaItem.id == item_id, AgendaItem.event_id == event.id))
    if item is None:
        raise NotFound(_("There is no such agenda item."))
    return item


def update_item(event: Event, item_id: int, fields: ItemFields, expected_version: int | None) -> AgendaItem:
    """Change an item; `conflict` when someone changed it since the editor loaded it."""
    item = get_item(event, item_id)
    starts, ends = _moments(event, fields)
    query = update(AgendaItem).where(AgendaItem.id == item.id)
    if expected_version is not None:
        query = query.where(AgendaItem.version == expected_version)
    result = db.session.execute(query.values(
        title=fields.title.strip(), kind=fields.kind, starts_at=starts, ends_at=ends, place=fields.place.strip(),
        description=fields.description.strip(), translations=_translations(event, fields),
        version=AgendaItem.version + 1, updated_at=utcnow(),
    ))
    if result.rowcount != 1:
        raise Conflict(_("Someone else changed this item meanwhile. Reload and try again."), code="stale")
    db.session.refresh(item)
    return item


def delete_item(event: Event, item_id: int) -> None:
    """Remove an item; `not_found` when it is already gone."""
    result = db.session.execute(delete(AgendaItem).where(AgendaItem.id == item_id, AgendaItem.event_id == event.id))
    if result.rowcount != 1:
        raise NotFound(_("There is no such agenda item."))


def agenda(event: Event) -> list[AgendaItem]:
    """Every item of the event, in time order (one query)."""
    return list(db.session.scalars(
        select(AgendaItem).where(AgendaItem.event_id == event.id)
        .order_by(AgendaItem.starts_at, AgendaItem.ends_at, AgendaItem.id)
    ))


def local_day(item: AgendaItem, timezone: str) -> dt.date:
    """The day of the event an item belongs to: the date it starts on in the event's zone."""
    return item.starts_at.astimezone(ZoneInfo(timezone)).date()


def by_day(event: Event, items: list[AgendaItem]) -> list[tuple[dt.date, list[AgendaItem]]]:
    """The items grouped under each day of the event (and any other day they fall on), in order."""
    days: dict[dt.date, list[AgendaItem]] = {d.date: [] for d in event.days}
    for item in items:
        days.setdefault(local_day(item, event.timezone), []).append(item)
    return sorted(days.items())


def now_next(items: list[AgendaItem], at: dt.datetime) -> NowNext:
    """Items running at `at` (start ≤ at < end) and the earliest ones starting after it."""
    if not items:
        return NowNext()
    now = [i for i in items if i.starts_at <= at < i.ends_at]
    later = [i for i in items if i.starts_at > at]
    soonest = min((i.starts_at for i in later), default=None)
    upcoming = [i for i in later if i.starts_at == soonest]
    if now:
        state = "during"
    elif at < min(i.starts_at for i in items):
        state = "before"
    elif upcoming:
        state = "between"
    else:
        state = "after"
    return NowNext(now=now, next=upcoming, state=state)


def event_now_next(event: Event) -> NowNext:
    """Now and next at the event, by the platform's clock."""
    return now_next(agenda(event), utcnow())


def programme_phase(event: Event) -> str:
    """The phase shown in the event's API: what is on now, or before / between / after / empty."""
    found = event_now_next(event)
    if found.state == "during":
        return " + ".join(item.title for item in found.now)
    return found.state
