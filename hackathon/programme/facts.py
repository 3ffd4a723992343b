"""The programme's facts, published after the commit (registered with the pipeline by the wiring).

- `programme:announcement` (the announcement, as in the JSON list) to the people it is for, when it is sent
  and when it is pinned or unpinned. Every payload also carries `event_id` and `event` (the slug).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .. import realtime
from ..clock import iso
from ..extensions import db
from .announcements import room_of
from .models import Announcement

ANNOUNCEMENT = "programme:announcement"


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


def publish_announcements(event_id: int, ids: Iterable[int]) -> dict[int, dict]:
    """Tell each announcement's audience its new state (a new message, or its pin); returns the payloads by id."""
    found = db.session.scalars(
        select(Announcement).where(Announcement.event_id == event_id, Announcement.id.in_(list(ids)))
        .options(joinedload(Announcement.sender)).execution_options(populate_existing=True))
    published: dict[int, dict] = {}
    for announcement in found:
        published[announcement.id] = payload = realtime.envelope(event_id, announcement_payload(announcement))
        realtime.publish(ANNOUNCEMENT, payload, room_of(announcement))
    return published
