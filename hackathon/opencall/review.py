"""Reviewing applications: each reviewer's score and notes, and the decision (accept, waitlist, decline).

Accepting gives the applicant a confirmed place through the events' `admit`, which refuses beyond capacity;
taking an acceptance back frees that place. Quotas are guidance: exceeding one is allowed, and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..clock import utcnow
from ..errors import Conflict, Invalid
from ..events import registration as reg
from ..extensions import db
from .admission import quota_label, quotas_of
from .applications import accepted_counts, get_application
from .models import DECISIONS, Application, ApplicationReview

if TYPE_CHECKING:
    from ..events.models import Event

NOTES_MAX = 2000


def reviews_of(application: Application) -> list[ApplicationReview]:
    """Every reviewer's score and notes on the application (one query)."""
    return list(db.session.scalars(select(ApplicationReview).where(ApplicationReview.application_id == application.id)
                                   .options(joinedload(ApplicationReview.reviewer))
                                   .order_by(ApplicationReview.updated_at)))


def save_review(application: Application, reviewer_id: int, score: int | None, notes: str) -> ApplicationReview:
    """The reviewer's score (1–5, or none yet) and notes; one per reviewer and application, replaced on change."""
    if score is not None and (isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5):
        raise Invalid(_("A score is a whole number from 1 to 5."))
    notes = (notes or "").strip()
    if len(notes) > NOTES_MAX:
        raise Invalid(_("Notes may have at most %(n)d characters.", n=NOTES_MAX))
    values = {"score": score, "notes": notes, "updated_at": utcnow()}
    result = db.session.execute(
        update(ApplicationReview).where(ApplicationReview.application_id == application.id,
                                        ApplicationReview.reviewer_id == reviewer_id)
        .values(**values).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        try:
            with db.session.begin_nested():
                db.session.add(ApplicationReview(application_id=application.id, reviewer_id=reviewer_id, **values))
        except IntegrityError:  # the same reviewer saved in another tab at the same moment
            raise Conflict(_("Your review was saved elsewhere at the same moment. Please reload.")) from None
    return db.session.scalar(select(ApplicationReview).where(ApplicationReview.application_id == application.id,
                                                             ApplicationReview.reviewer_id == reviewer_id))


@dataclass
class Decision:
    """What one decision did: the application, its status before, quota warnings, people moved off a waitlist."""

    application: Application
    before: str
    warnings: list[str] = field(default_factory=list)
    promoted: list[Any] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before != self.application.status


def decision_label(status: str) -> str:
    """A status in the reader's language."""
    return {"submitted": _("Submitted"), "accepted": _("Accepted"), "waitlisted": _("Waitlist"),
            "declined": _("Declined")}.get(status, status)


def _quota_warnings(event: Event, application: Application) -> list[str]:
    counts = accepted_counts(event)
    warnings = []
    for quota in quotas_of(event):
        mine = application.country if quota.dimension == "country" else application.organisation_type
        accepted = counts.get((quota.dimension, quota.value), 0)
        if mine == quota.value and accepted > quota.maximum:
            warnings.append(_("Over the quota for %(what)s: %(n)d accepted, the quota is %(max)d.",
                              what=quota_label(quota.dimension, quota.value), n=accepted, max=quota.maximum))
    return warnings


def decide(event: Event, application_id: int, decision: str, expected_version: int | None = None) -> Decision:
    """Accept, waitlist or decline one application; `conflict` if it changed since the reviewer loaded it."""
    if decision not in DECISIONS:
        raise Invalid(_("Decide to accept, waitlist or decline."))
    application = get_application(event, application_id)
    before = application.status
    if before == decision:
        return Decision(application, before)
    conditions = [Application.id == application.id, Application.status == before]
    if expected_version is not None:
        conditions.append(Application.version == expected_version)
    result = db.session.execute(
        update(Application).where(*conditions)
        .values(status=decision, decided_at=utcnow(), version=Application.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(_("Someone decided on %(name)s's application in the meantime. Please reload and review it "
                         "again.", name=application.user.name), code="stale")
    db.session.refresh(application)
    outcome = Decision(application, before)
    if decision == "accepted":
        reg.admit(event, application.user, reg.Profile(country=application.country),
                  consent_at=application.consent_data_at)
        outcome.warnings = _quota_warnings(event, application)
    elif before == "accepted":  # an acceptance taken back: the place is free again
        registration = reg.registration_of(event, application.user)
        if registration is not None and registration.status == "confirmed":
            outcome.promoted = reg.cancel(registration)
    return outcome


def decide_many(event: Event, picks: list[tuple[int, int | None]], decision: str) -> list[Decision]:
    """The same decision for several applications, all or none: one refusal (stale, full) refuses the lot."""
    if not picks:
        raise Invalid(_("Tick the applications to decide on first."))
    if len(picks) > 500:
        raise Invalid(_("Decide on at most 500 applications at once."))
    return [decide(event, application_id, decision, version) for application_id, version in picks]
