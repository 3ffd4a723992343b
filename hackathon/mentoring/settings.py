"""The organiser's mentoring settings per event, and mentors' profiles."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..errors import Conflict, Invalid
from ..events.models import Event
from ..events.registration import normalise_tags
from ..extensions import db
from .models import MentoringSettings, MentorProfile

MAX_EXPERTISE = 10
MAX_BIO = 600


def settings_of(event_id: int) -> MentoringSettings:
    """The event's settings; the defaults (not stored) until an organiser saves them."""
    found = db.session.get(MentoringSettings, event_id)
    if found is None:
        found = MentoringSettings(event_id=event_id, cancel_cutoff_minutes=30, max_upcoming_bookings=2,
                                  help_expiry_minutes=45, version=0)
    return found


def update_settings(event: Event, *, cancel_cutoff_minutes: int, max_upcoming_bookings: int,
                    help_expiry_minutes: int) -> MentoringSettings:
    """Save the event's booking cut-off, fairness limit and help-request expiry."""
    if not 0 <= cancel_cutoff_minutes <= 24 * 60:
        raise Invalid(_("The cancellation cut-off must be between 0 and 1440 minutes."))
    if not 1 <= max_upcoming_bookings <= 50:
        raise Invalid(_("The booking limit must be between 1 and 50."))
    if not 5 <= help_expiry_minutes <= 24 * 60:
        raise Invalid(_("Help requests must expire after 5 to 1440 minutes."))
    values = dict(cancel_cutoff_minutes=cancel_cutoff_minutes, max_upcoming_bookings=max_upcoming_bookings,
                  help_expiry_minutes=help_expiry_minutes)
    if db.session.get(MentoringSettings, event.id) is None:
        try:
            with db.session.begin_nested():
                db.session.add(MentoringSettings(event_id=event.id, version=1, **values))
            return db.session.get(MentoringSettings, event.id)
        except IntegrityError:  # saved by another organiser at the same moment: update theirs
            pass
    db.session.execute(update(MentoringSettings).where(MentoringSettings.event_id == event.id)
                       .values(version=MentoringSettings.version + 1, **values))
    found = db.session.get(MentoringSettings, event.id)
    db.session.refresh(found)
    return found


def profiles_of(event_id: int) -> dict[int, MentorProfile]:
    """Every mentor profile at the event by user id (one query)."""
    return {p.user_id: p for p in db.session.scalars(select(MentorProfile).where(MentorProfile.event_id == event_id))}


def profile_of(event_id: int, user_id: int) -> MentorProfile | None:
    """One mentor's profile at the event, or None."""
    return db.session.scalar(select(MentorProfile).where(MentorProfile.event_id == event_id,
                                                         MentorProfile.user_id == user_id))


def save_profile(event: Event, mentor: User, *, expertise: list[str] | str, bio: str, organisation: str = "",
                 expected_version: int | None = None) -> MentorProfile:
    """Create or change a mentor's expertise tags and bio; `conflict` when edited elsewhere meanwhile."""
    tags = normalise_tags(expertise)
    bio = (bio or "").strip()
    organisation = (organisation or "").strip()
    if len(tags) > MAX_EXPERTISE or any(len(t) > 40 for t in tags):
        raise Invalid(_("Please give at most %(n)d expertise tags of up to 40 characters each.", n=MAX_EXPERTISE))
    if len(bio) > MAX_BIO:
        raise Invalid(_("The bio may have at most %(n)d characters.", n=MAX_BIO))
    if len(organisation) > 160:
        raise Invalid(_("The organisation may have at most %(n)d characters.", n=160))
    existing = profile_of(event.id, mentor.id)
    if existing is None:
        profile = MentorProfile(event_id=event.id, user_id=mentor.id, expertise=tags, bio=bio,
                                organisation=organisation, version=1)
        try:
            with db.session.begin_nested():
                db.session.add(profile)
        except IntegrityError:
            raise Conflict(_("Your profile was saved elsewhere meanwhile. Please reload.")) from None
        return profile
    query = update(MentorProfile).where(MentorProfile.id == existing.id)
    if expected_version is not None:
        query = query.where(MentorProfile.version == expected_version)
    result = db.session.execute(query.values(expertise=tags, bio=bio, organisation=organisation,
                                             version=MentorProfile.version + 1)
                                .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise Conflict(_("Your profile was changed elsewhere meanwhile. Please reload and try again."))
    db.session.refresh(existing)
    return existing
