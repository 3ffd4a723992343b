"""The programme's facts: `programme:announcement` to the people an announcement is for."""

from __future__ import annotations

from .. import realtime
from ..clock import iso
from .announcements import room_of
from .models import Announcement


def announcement_payload(announcement: Announcement) -> dict:
    """An announcement as the API and the fact show it: the whole state with its version."""
    sender = announcement.sender
    return {
        "id": announcement.id,
        "event_id": announcement.event_id,
        "text": announcement.text,
        "translations": dict(announcement.translations or {}),
        "audience": {"kind": announcement.audience_kind, "value": _audience_value(announcement)},
        "pinned": announcement.pinned,
        "sent_at": iso(announcement.sent_at),
        "sender": {"id": sender.id, "name": sender.name} if sender else None,
        "version": announcement.version,
    }


def _audience_value(announcement: Announcement) -> str | int | None:
    if announcement.audience_kind == "team" and announcement.audience_value:
        return int(announcement.audience_value)
    return announcement.audience_value


def publish_announcement(announcement: Announcement) -> None:
    """Tell its audience (after the commit): a new message, or its new pinned state."""
    realtime.publish("programme:announcement", announcement_payload(announcement), room_of(announcement))
