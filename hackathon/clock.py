"""The time: UTC now (replaceable in tests), a UTC column type, and conversions to an event's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


class _Clock:
    """Holds the function that tells the time, so that tests can freeze it."""

    def __init__(self) -> None:
        self.frozen: datetime | None = None

    def now(self) -> datetime:
        return self.frozen or datetime.now(UTC)


clock = _Clock()


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return clock.now()


def local_today(timezone: str) -> date:
    """Today's date in the given IANA time zone."""
    return utcnow().astimezone(ZoneInfo(timezone)).date()


def to_zone(moment: datetime, timezone: str) -> datetime:
    """An aware datetime shown in the given zone."""
    return moment.astimezone(ZoneInfo(timezone))


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with offset, or None."""
    return moment.isoformat() if moment else None


class UTCDateTime(TypeDecorator):
    """Stores aware datetimes as naive UTC (SQLite has no zones) and returns them aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)
