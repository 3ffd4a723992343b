"""What the organiser console asks of registrations: counts, search and filters, the CSV export."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import contains_eager

from ..accounts.models import User
from ..csv_export import stream_csv
from ..extensions import db
from .models import REGISTRATION_STATUSES, Event, Registration

PAGE_SIZE = 50


@dataclass
class RegistrationFilter:
    """The console's search box and filters."""

    q: str = ""
    status: str = ""
    country: str = ""
    skill: str = ""
    needs: str = ""  # "dietary" or "accessibility": only people who told us of such needs
    page: int = 1


def status_counts(event: Event) -> dict[str, int]:
    """How many registrations are in each status (one query)."""
    counts = dict.fromkeys(REGISTRATION_STATUSES, 0)
    rows = db.session.execute(
        select(Registration.status, func.count()).where(Registration.event_id == event.id)
        .group_by(Registration.status)
    )
    counts.update({status: n for status, n in rows})
    return counts


def _filtered(event: Event, flt: RegistrationFilter, query=None):
    """The filters on a query of registrations (by default of whole entities) joined to their users."""
    query = (select(Registration) if query is None else query).join(Registration.user).where(
        Registration.event_id == event.id)
    if flt.q:
        like = f"%{flt.q.strip().lower()}%"
        query = query.where(or_(func.lower(User.name).like(like), User.email.like(like),
                                func.lower(Registration.organisation).like(like)))
    if flt.status in REGISTRATION_STATUSES:
        query = query.where(Registration.status == flt.status)
    if flt.country:
        query = query.where(Registration.country == flt.country.upper()[:2])
    if flt.skill:
        # Tags are stored as a JSON list of strings; the quoted tag matches whole tags only.
        needle = '"' + flt.skill.strip().lower().replace('"', "") + '"'
        query = query.where(cast(Registration.skills, String).like(f"%{needle}%"))
    if flt.needs == "dietary":
        query = query.where(Registration.dietary != "")
    elif flt.needs == "accessibility":
        query = query.where(Registration.accessibility != "")
    return query


def search(event: Event, flt: RegistrationFilter) -> tuple[list[Registration], int]:
    """One page of matching registrations with their users (two queries), and the total that match."""
    query = _filtered(event, flt)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    page = max(flt.page, 1)
    rows = db.session.scalars(
        query.options(contains_eager(Registration.user))
        .order_by(Registration.created_at.desc(), Registration.id.desc())
        .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    )
    return list(rows), total


def countries_present(event: Event) -> list[str]:
    """The countries people registered from, for the filter."""
    return sorted(c for c in db.session.scalars(
        select(Registration.country).where(Registration.event_id == event.id).distinct()
    ) if c)


CSV_COLUMNS = ["id", "name", "email", "status", "organisation", "country", "skills", "interests", "languages",
               "dietary", "accessibility", "consent_version", "consent_at", "photos", "registered_at",
               "waitlisted_at", "confirmed_at", "cancelled_at"]


def export_csv(event: Event, flt: RegistrationFilter) -> Iterator[str]:
    """Every matching registration as CSV rows, streamed (one query of columns, run when the download starts)."""
    columns = select(
        Registration.id, User.name, User.email, Registration.status, Registration.organisation, Registration.country,
        Registration.skills, Registration.interests, Registration.languages, Registration.dietary,
        Registration.accessibility, Registration.consent_data_version, Registration.consent_data_at,
        Registration.consent_photos, Registration.created_at, Registration.waitlisted_at, Registration.confirmed_at,
        Registration.cancelled_at)
    rows = db.session.execute(_filtered(event, flt, columns).order_by(Registration.id))
    yield from stream_csv(CSV_COLUMNS, (
        (r.id, r.name, r.email, r.status, r.organisation, r.country, "; ".join(r.skills or []),
         "; ".join(r.interests or []), "; ".join(r.languages or []), r.dietary, r.accessibility,
         r.consent_data_version, r.consent_data_at.isoformat(), "yes" if r.consent_photos else "no",
         r.created_at.isoformat(), r.waitlisted_at.isoformat() if r.waitlisted_at else "",
         r.confirmed_at.isoformat() if r.confirmed_at else "",
         r.cancelled_at.isoformat() if r.cancelled_at else "")
        for r in rows
    ))
