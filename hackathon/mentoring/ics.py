"""Calendar files (RFC 5545) for a mentor's agenda and a team's bookings, written by hand: UTC, CRLF, folded."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from .models import MentorSlot

PRODID = "-//Social Impact Hackathon//Mentoring//EN"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _escape(text: str) -> str:
    """TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def calendar(slots: Iterable[MentorSlot], *, name: str, host: str, summary_of, description_of,
             now: datetime) -> str:
    """A VCALENDAR with one VEVENT per slot; summary_of/description_of(slot) give the texts."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{_escape(name)}"]
    for slot in slots:
        location = slot.session.location or slot.session.video_link
        lines += [
            "BEGIN:VEVENT",
            f"UID:mentor-slot-{slot.id}@{host}",
            f"DTSTAMP:{_stamp(now)}",
            f"DTSTART:{_stamp(slot.starts_at)}",
            f"DTEND:{_stamp(slot.ends_at)}",
            f"SEQUENCE:{slot.version}",
            f"SUMMARY:{_escape(summary_of(slot))}",
        ]
        description = description_of(slot)
        if description:
            lines.append(f"DESCRIPTION:{_escape(description)}")
        if location:
            lines.append(f"LOCATION:{_escape(location)}")
        if slot.session.video_link:
            lines.append(f"URL:{slot.session.video_link}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
