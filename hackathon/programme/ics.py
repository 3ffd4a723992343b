"""The agenda as an iCalendar feed (RFC 5545): UTC times, escaped text, lines folded at 75 octets, CRLF."""

from __future__ import annotations

from datetime import UTC, datetime

from ..events.models import Event
from .models import AgendaItem

CRLF = "\r\n"
LIMIT = 75  # octets per line, without the CRLF


def utc_stamp(moment: datetime) -> str:
    """A DATE-TIME in UTC form: 20260923T073000Z."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape(value: str) -> str:
    """TEXT escaping: backslash, semicolon, comma, and newlines as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into parts of at most 75 octets, never inside a UTF-8 character."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        # Continuation lines start with a space, which counts towards their 75 octets.
        if size + width > LIMIT:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return CRLF.join(parts)


def item_uid(event: Event, item: AgendaItem) -> str:
    """A UID that stays the same for an item as long as it exists, so calendars update instead of duplicating."""
    return f"agenda-{item.id}.{event.slug}@hackathon-programme"


def calendar(event: Event, items: list[AgendaItem], name: str) -> str:
    """The whole agenda as one VCALENDAR text."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Hackathon platform//Programme//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{event.timezone}",
    ]
    for item in items:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{item_uid(event, item)}",
            f"DTSTAMP:{utc_stamp(item.updated_at or item.created_at)}",
            f"DTSTART:{utc_stamp(item.starts_at)}",
        ]
        # A deadline is a moment: without DTEND the event ends when it starts (RFC 5545, 3.6.1).
        if item.ends_at > item.starts_at:
            lines.append(f"DTEND:{utc_stamp(item.ends_at)}")
        lines += [f"SUMMARY:{escape(item.title)}", f"SEQUENCE:{item.version - 1}",
                  f"CATEGORIES:{item.kind.upper()}"]
        if item.place:
            lines.append(f"LOCATION:{escape(item.place)}")
        if item.description:
            lines.append(f"DESCRIPTION:{escape(item.description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
