"""Which slots each list of a page shows, from the JSON payloads (the page's script applies the same rules)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime, format_time
from flask_babel import get_locale


@dataclass
class SlotFilter:
    """A participant's filters: a mentor's expertise tag, a day (YYYY-MM-DD, local), a start time after (HH:MM)."""

    expertise: str = ""
    day: str = ""
    after: str = ""


def _start(slot: dict) -> datetime:
    return datetime.fromisoformat(slot["starts_at"])


def _end(slot: dict) -> datetime:
    return datetime.fromisoformat(slot["ends_at"])


def available(slots: list[dict], now: datetime, timezone: str, flt: SlotFilter) -> list[dict]:
    """Slots a team can book now, narrowed by the filters."""
    zone = ZoneInfo(timezone)
    found = []
    for slot in slots:
        if slot["status"] != "available" or _start(slot) <= now:
            continue
        local = _start(slot).astimezone(zone)
        if flt.expertise and flt.expertise not in (slot["mentor"] or {}).get("expertise", []):
            continue
        if flt.day and local.date().isoformat() != flt.day:
            continue
        if flt.after and local.strftime("%H:%M") < flt.after:
            continue
        found.append(slot)
    return found


def team_bookings(slots: list[dict], team_id: int | None, now: datetime) -> list[dict]:
    """The team's booked slots that have not ended."""
    return [s for s in slots if team_id and s["status"] == "booked" and s["team"] and s["team"]["id"] == team_id
            and _end(s) > now]


def open_slots(slots: list[dict], now: datetime) -> list[dict]:
    """Slots without a mentor that have not ended."""
    return [s for s in slots if s["status"] == "open" and _end(s) > now]


def agenda(slots: list[dict], mentor_id: int, now: datetime) -> list[dict]:
    """A mentor's claimed and booked slots that have not ended."""
    return [s for s in slots if s["mentor"] and s["mentor"]["id"] == mentor_id and _end(s) > now]


def when(slot: dict, timezone: str) -> str:
    """'Fri 10:00–10:30' in the event's zone and the reader's language."""
    zone = ZoneInfo(timezone)
    locale = get_locale()
    return (format_datetime(_start(slot), "EEE HH:mm", tzinfo=zone, locale=locale) + "–"
            + format_time(_end(slot), "HH:mm", tzinfo=zone, locale=locale))
