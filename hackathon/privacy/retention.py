"""How long personal data is kept after an event, and the purge that enforces it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..accounts.models import User
from ..errors import Invalid
from ..events.days import event_days
from ..events.models import Event
from ..events.people import holders_at_any_event, registrations
from ..extensions import db
from ..registry import registry
from .models import PrivacySettings

MAX_RETENTION_DAYS = 3650


def retention_of(event: Event) -> int | None:
    """Days personal data is kept after the event's last day; None when no purge is set."""
    return db.session.scalar(select(PrivacySettings.retention_days).where(PrivacySettings.event_id == event.id))


def set_retention(event: Event, days: int | None) -> PrivacySettings:
    """Set (or with None, clear) the event's retention period."""
    if days is not None and not 0 <= days <= MAX_RETENTION_DAYS:
        raise Invalid(_("Retention must be from 0 to %(n)d days.", n=MAX_RETENTION_DAYS))
    settings = db.session.get(PrivacySettings, event.id)
    if settings is None:
        settings = PrivacySettings(event_id=event.id)
        db.session.add(settings)
    settings.retention_days = days
    db.session.flush()
    return settings


def purge_date(event: Event) -> dt.date | None:
    """The first day on which the event's participants may be purged, or None."""
    days = retention_of(event)
    event_day = event_days()
    last = db.session.scalar(select(func.max(event_day.c.date)).where(event_day.c.event_id == event.id))
    if days is None or last is None:
        return None
    return last + dt.timedelta(days=days + 1)


@dataclass
class PurgePlan:
    """Whom a purge anonymises, per event, and whom it keeps and why."""

    by_event: dict[str, list[int]] = field(default_factory=dict)
    kept_organisers: set[int] = field(default_factory=set)
    kept_elsewhere: set[int] = field(default_factory=set)

    @property
    def user_ids(self) -> list[int]:
        return sorted({user_id for ids in self.by_event.values() for user_id in ids})


def plan_purge(today: dt.date) -> PurgePlan:
    """Participants of events whose retention has passed, except organisers and people still in another event."""
    event_day = event_days()
    rows = db.session.execute(
        select(Event, PrivacySettings.retention_days, func.max(event_day.c.date))
        .join(PrivacySettings, PrivacySettings.event_id == Event.id)
        .join(event_day, event_day.c.event_id == Event.id)
        .where(PrivacySettings.retention_days.is_not(None))
        .group_by(Event.id, PrivacySettings.retention_days)
    ).all()
    due = {event.id: event for event, days, last in rows if last + dt.timedelta(days=days) < today}
    plan = PurgePlan()
    if not due:
        return plan
    organisers = set(db.session.scalars(holders_at_any_event("organiser")))
    registration = registrations()
    people = db.session.execute(
        select(registration.c.event_id, registration.c.user_id).join(User, User.id == registration.c.user_id)
        .where(registration.c.event_id.in_(due), User.email.not_like("deleted-%@invalid"))
    ).all()
    # Capabilities that hold people at an event without a registration (an open call's applicants) add them:
    # hook(due event ids, elsewhere=False) -> [(event id, user id)], and with elsewhere=True, at other events.
    hooks = registry().hooks_for("retention_people")
    people = [*people, *(pair for hook in hooks for pair in hook(list(due), elsewhere=False))]
    candidates = {user_id for _event_id, user_id in people}
    # Someone also registered at an event whose data is still kept stays until that event's purge too.
    elsewhere = set(db.session.scalars(
        select(registration.c.user_id).where(registration.c.user_id.in_(candidates),
                                             registration.c.event_id.not_in(due))
    )) if candidates else set()
    elsewhere |= {user_id for hook in hooks for _event_id, user_id in hook(list(due), elsewhere=True)}
    for event_id, user_id in people:
        if user_id in organisers:
            plan.kept_organisers.add(user_id)
        elif user_id in elsewhere:
            plan.kept_elsewhere.add(user_id)
        else:
            plan.by_event.setdefault(due[event_id].slug, []).append(user_id)
    for ids in plan.by_event.values():
        ids.sort()
    return plan

