"""Registration rules: a seat while there is capacity, the waitlist beyond it, promotion in order.

Seats are counted in events.confirmed_count and taken by a conditional UPDATE, so two
people registering at once can never both take the last seat, on SQLite or PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..clock import utcnow
from ..errors import Closed, Conflict, Invalid, NotFound
from ..extensions import db
from .countries import COUNTRIES
from .models import Event, Registration
from .schedule import local_text
from .services import registration_phase

# Bump when the consent text in templates/events/_consent.html changes; each registration keeps its version.
CONSENT_VERSION = "2026-11-v1"
MAX_TAGS = 15
MAX_TAG_LENGTH = 40


@dataclass
class Profile:
    """What a participant tells about themselves when registering."""

    organisation: str = ""
    country: str = ""
    skills: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    bio: str = ""
    dietary: str = ""
    accessibility: str = ""
    consent_photos: bool = False


def normalise_tags(values: list[str] | str) -> list[str]:
    """Lower-cased, trimmed, de-duplicated tags in their first order."""
    if isinstance(values, str):
        values = values.split(",")
    seen: list[str] = []
    for raw in values:
        tag = " ".join(str(raw).strip().lower().split())
        if tag and tag not in seen:
            seen.append(tag)
    return seen


def check_profile(profile: Profile) -> Profile:
    """Validate and normalise a profile; `invalid` with a message naming the field otherwise."""
    limits = {"organisation": 160, "bio": 500, "dietary": 200, "accessibility": 200}
    for name, limit in limits.items():
        value = (getattr(profile, name) or "").strip()
        if len(value) > limit:
            raise Invalid(_("%(field)s may have at most %(n)d characters.", field=name, n=limit))
        setattr(profile, name, value)
    profile.country = (profile.country or "").strip().upper()
    if profile.country and profile.country not in COUNTRIES:
        raise Invalid(_("Please choose a country from the list."))
    for name in ("skills", "interests", "languages"):
        tags = normalise_tags(getattr(profile, name) or [])
        if len(tags) > MAX_TAGS or any(len(t) > MAX_TAG_LENGTH for t in tags):
            raise Invalid(
                _("Please give at most %(n)d %(field)s of up to %(m)d characters each.",
                  n=MAX_TAGS, field=name, m=MAX_TAG_LENGTH)
            )
        setattr(profile, name, tags)
    profile.consent_photos = bool(profile.consent_photos)
    return profile


def registration_of(event: Event, user: User) -> Registration | None:
    """The user's registration at the event (in any status), or None."""
    return db.session.scalar(
        select(Registration).where(Registration.event_id == event.id, Registration.user_id == user.id)
    )


def _take_seat(event: Event) -> bool:
    result = db.session.execute(
        update(Event)
        .where(Event.id == event.id, Event.confirmed_count < Event.capacity)
        .values(confirmed_count=Event.confirmed_count + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _free_seat(event: Event) -> None:
    db.session.execute(
        update(Event).where(Event.id == event.id, Event.confirmed_count > 0)
        .values(confirmed_count=Event.confirmed_count - 1)
        .execution_options(synchronize_session=False)
    )


def _touch(event: Event) -> None:
    """Bump the event's version: the organisers' live counters drop facts older than what they hold."""
    db.session.execute(
        update(Event).where(Event.id == event.id).values(version=Event.version + 1)
        .execution_options(synchronize_session=False)
    )


def _anyone_waiting(event: Event) -> bool:
    return db.session.scalar(
        select(func.count()).select_from(Registration)
        .where(Registration.event_id == event.id, Registration.status == "waitlisted")
    ) > 0


def _admission_guard(event: Event) -> None:
    """Capabilities that admit people another way (an open call) refuse self-registration here."""
    from ..registry import registry

    for guard in registry().hooks_for("registration_guard"):
        guard(event)


def register(event: Event, user: User, profile: Profile, *, consent_data: bool, by_organiser: bool = False,
             at: datetime | None = None) -> Registration:
    """Register the user: confirmed while seats are left, else waitlisted; `conflict` if already registered.

    Organisers may register people after registration closed (walk-ins at the door, the demo seed). `at` is when
    the person signed up, when that was not now (the demo spreads its sign-ups over the weeks before the event).
    """
    if not consent_data:
        raise Invalid(_("We can only register you with your consent to the processing of your data."),
                      code="consent_required")
    if not by_organiser:
        _admission_guard(event)
    phase = registration_phase(event)
    if not by_organiser and phase == "upcoming":
        raise Closed(_("Registration opens on %(when)s.", when=local_text(event.registration_opens_at,
                                                                         event.timezone)))
    if not by_organiser and phase in ("closed", "over"):
        raise Closed(_("Registration for this event is closed."))
    profile = check_profile(profile)
    existing = registration_of(event, user)
    if existing is not None and existing.status != "cancelled":
        raise Conflict(_("You are already registered for this event."), code="already_registered")
    now = at or utcnow()
    # Nobody jumps the queue: while people wait, newcomers wait too.
    seated = not _anyone_waiting(event) and _take_seat(event)
    values = dict(
        status="confirmed" if seated else "waitlisted",
        confirmed_at=now if seated else None,
        waitlisted_at=None if seated else now,
        cancelled_at=None,
        consent_data_version=CONSENT_VERSION,
        consent_data_at=now,
        **vars(profile),
        **({"created_at": at} if at is not None else {}),
    )
    # Coming back after cancelling: the same row, only if it is still cancelled.
    return _write(event, user, existing, values, now,
                  Conflict(_("You are already registered for this event."), code="already_registered"))


def _write(event: Event, user: User, existing: Registration | None, values: dict, now: datetime,
           lost: Conflict) -> Registration:
    """The person's registration row with these values: the existing row only while its status is the one read
    (a racing write makes `lost`), else a new row (the unique key makes a racing insert `lost`)."""
    if existing is not None:
        result = db.session.execute(
            update(Registration)
            .where(Registration.id == existing.id, Registration.status == existing.status)
            .values(version=Registration.version + 1, updated_at=now, **values)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            raise lost
        db.session.refresh(existing)
        registration = existing
    else:
        registration = Registration(event_id=event.id, user_id=user.id, **values)
        try:
            with db.session.begin_nested():
                db.session.add(registration)
        except IntegrityError:
            raise lost from None
    _touch(event)
    db.session.refresh(event)
    return registration


def admit(event: Event, user: User, profile: Profile, *, consent_at: datetime) -> Registration:
    """Give the person a confirmed place (an organiser's pick, e.g. from an open call); `full` when none is left.

    Unlike `register`, nobody goes to the waitlist: the organisers decide who waits, so a full event refuses.
    """
    profile = check_profile(profile)
    existing = registration_of(event, user)
    if existing is not None and existing.status == "confirmed":
        return existing
    if not _take_seat(event):
        db.session.refresh(event)
        raise Conflict(_("The event is full: all %(n)d places are taken. Raise the capacity in the settings or "
                         "free a place first.", n=event.capacity), code="full")
    now = utcnow()
    values = dict(status="confirmed", confirmed_at=now, waitlisted_at=None, cancelled_at=None,
                  consent_data_version=CONSENT_VERSION, consent_data_at=consent_at, **vars(profile))
    return _write(event, user, existing, values, now,
                  Conflict(_("This registration changed in the meantime. Please reload.")))


def update_profile(registration: Registration, profile: Profile, *, expected_version: int | None = None
                   ) -> Registration:
    """Change a registration's profile; `conflict` if it changed since the form was loaded."""
    if registration.status == "cancelled":
        raise Closed(_("This registration was cancelled. Please register again."))
    profile = check_profile(profile)
    conditions = [Registration.id == registration.id]
    if expected_version is not None:
        conditions.append(Registration.version == expected_version)
    result = db.session.execute(
        update(Registration).where(*conditions)
        .values(version=Registration.version + 1, updated_at=utcnow(), **vars(profile))
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(_("Your registration was changed elsewhere in the meantime. Please review it again."))
    db.session.refresh(registration)
    return registration


def cancel(registration: Registration) -> list[Registration]:
    """Cancel a registration; a freed seat goes to the first on the waitlist. Returns who was promoted."""
    was = registration.status
    if was == "cancelled":
        raise Conflict(_("This registration is already cancelled."), code="already_cancelled")
    result = db.session.execute(
        update(Registration)
        .where(Registration.id == registration.id, Registration.status == was)
        .values(status="cancelled", cancelled_at=utcnow(), version=Registration.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(_("This registration changed in the meantime. Please reload."))
    db.session.refresh(registration)
    event = registration.event
    _touch(event)
    if was == "confirmed":
        _free_seat(event)
        return promote_waitlist(event)
    return []


def promote_waitlist(event: Event) -> list[Registration]:
    """Give free seats to waiting people, first come first served; returns the promoted registrations."""
    promoted: list[Registration] = []
    while True:
        candidate = db.session.scalar(
            select(Registration)
            .where(Registration.event_id == event.id, Registration.status == "waitlisted")
            .order_by(Registration.waitlisted_at, Registration.id)
            .limit(1)
        )
        if candidate is None or not _take_seat(event):
            break
        result = db.session.execute(
            update(Registration)
            .where(Registration.id == candidate.id, Registration.status == "waitlisted")
            .values(status="confirmed", confirmed_at=utcnow(), version=Registration.version + 1)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # promoted or cancelled by someone else meanwhile: give the seat back
            _free_seat(event)
            continue
        db.session.refresh(candidate)
        promoted.append(candidate)
    db.session.refresh(event)
    return promoted


def set_capacity(event: Event, capacity: int) -> list[Registration]:
    """Change the capacity; raising it promotes from the waitlist. It cannot go below the seats taken."""
    if not isinstance(capacity, int) or capacity < 0 or capacity > 100_000:
        raise Invalid(_("Capacity must be a whole number from 0 to 100000."))
    result = db.session.execute(
        update(Event).where(Event.id == event.id, Event.confirmed_count <= capacity)
        .values(capacity=capacity, version=Event.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(
            _("%(n)d people are already confirmed: cancel registrations before lowering the capacity below that.",
              n=event.confirmed_count),
            code="below_confirmed",
        )
    db.session.refresh(event)
    return promote_waitlist(event)


def waitlist_position(registration: Registration) -> int | None:
    """1 for the next person to be promoted; None when not waiting."""
    if registration.status != "waitlisted":
        return None
    ahead = db.session.scalar(
        select(func.count()).select_from(Registration).where(
            Registration.event_id == registration.event_id,
            Registration.status == "waitlisted",
            (Registration.waitlisted_at < registration.waitlisted_at)
            | ((Registration.waitlisted_at == registration.waitlisted_at) & (Registration.id < registration.id)),
        )
    )
    return ahead + 1


def get_registration(event: Event, registration_id: int) -> Registration:
    """A registration of this event by id; `not_found` otherwise."""
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.id:
        raise NotFound(_("No such registration."))
    return registration
