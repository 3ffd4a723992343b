"""The privacy notice's version, and the consent each registration recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..accounts.models import User
from ..events.models import Event
from ..events.people import registrations
from ..events.registration import CONSENT_VERSION
from ..extensions import db

# Bump when templates/privacy/notice.html changes in substance; the date says when it took effect.
NOTICE_VERSION = "2026-11-v1"
NOTICE_DATE = "2026-11-01"

__all__ = ["CONSENT_VERSION", "NOTICE_DATE", "NOTICE_VERSION", "ConsentRecord", "account_page", "consent_records"]


@dataclass(frozen=True)
class ConsentRecord:
    """What one registration consented to, and when."""

    event_name: str
    event_slug: str
    status: str
    version: str
    at: datetime
    photos: bool

    @property
    def is_current(self) -> bool:
        return self.version == CONSENT_VERSION


def consent_records(user: User) -> list[ConsentRecord]:
    """The consent versions the user's registrations recorded, newest first (one query)."""
    registration = registrations()
    rows = db.session.execute(
        select(Event.name, Event.slug, registration.c.status, registration.c.consent_data_version,
               registration.c.consent_data_at, registration.c.consent_photos)
        .select_from(registration).join(Event, Event.id == registration.c.event_id)
        .where(registration.c.user_id == user.id)
        .order_by(registration.c.consent_data_at.desc())
    )
    return [ConsentRecord(*row) for row in rows]


def account_page(user: User) -> dict:
    """Privacy's part of the account page (the "account_page" hook): the consents given, the notice's version."""
    return {"consents": consent_records(user), "notice_version": NOTICE_VERSION}
