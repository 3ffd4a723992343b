"""Applications to an open call: answering the questions, and the organisers' list with its filters and counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..clock import utcnow
from ..errors import Closed, Conflict, Invalid, NotFound
from ..events.countries import COUNTRIES
from ..events.registration import CONSENT_VERSION
from ..extensions import db
from .admission import call_phase, is_open_call, quota_label, quotas_of
from .models import ORGANISATION_TYPES, STATUSES, Application, ApplicationQuestion, ApplicationReview
from .questions import questions_of

if TYPE_CHECKING:
    from ..events.models import Event

SHORT_MAX, LONG_MAX = 200, 3000
LIST_LIMIT = 500


@dataclass
class Checked:
    """Answers as stored, with the country and organisation type they name (for filters and quotas)."""

    answers: dict[str, str]
    country: str
    organisation_type: str


def check_answers(questions: list[ApplicationQuestion], raw: dict[str, Any]) -> Checked:
    """Validate answers {question id: text} against the questions; `invalid` naming the first wrong one."""
    answers: dict[str, str] = {}
    country = organisation_type = ""
    for question in questions:
        given = raw.get(str(question.id))
        text = "" if given is None else str(given)
        value = text.strip() if question.kind == "long_text" else " ".join(text.split())
        if not value:
            if question.required:
                raise Invalid(_("Please answer: %(question)s", question=question.label), code="missing_answer")
            continue
        if question.kind == "short_text" and len(value) > SHORT_MAX:
            raise Invalid(_("%(question)s: at most %(n)d characters, please.", question=question.label, n=SHORT_MAX))
        if question.kind == "long_text" and len(value) > LONG_MAX:
            raise Invalid(_("%(question)s: at most %(n)d characters, please.", question=question.label, n=LONG_MAX))
        if question.kind == "choice" and value not in (question.options or []):
            raise Invalid(_("%(question)s: please choose one of the options.", question=question.label))
        if question.kind == "country":
            value = value.upper()
            if value not in COUNTRIES:
                raise Invalid(_("%(question)s: please choose a country from the list.", question=question.label))
            country = country or value
        if question.kind == "organisation_type":
            if value not in ORGANISATION_TYPES:
                raise Invalid(_("%(question)s: please choose an organisation type from the list.",
                                question=question.label))
            organisation_type = organisation_type or value
        answers[str(question.id)] = value
    return Checked(answers, country, organisation_type)


def application_of(event: Event, user_id: int) -> Application | None:
    """The person's application to the event, or None."""
    return db.session.scalar(select(Application).where(Application.event_id == event.id,
                                                       Application.user_id == user_id))


def get_application(event: Event, application_id: int) -> Application:
    """One application of this event; `not_found` otherwise."""
    found = db.session.scalar(select(Application).where(Application.id == application_id)
                              .options(joinedload(Application.user)))
    if found is None or found.event_id != event.id:
        raise NotFound(_("There is no such application."))
    return found


def applications_by_ids(event: Event, ids: list[int]) -> list[Application]:
    """The event's applications with these ids, with their people (one query)."""
    if not ids:
        return []
    return list(db.session.scalars(select(Application).where(Application.event_id == event.id,
                                                             Application.id.in_(ids))
                                   .options(joinedload(Application.user)).order_by(Application.id)))


def submit(event: Event, user_id: int, raw: dict[str, Any], *, consent_data: bool,
           expected_version: int | None = None) -> tuple[Application, bool]:
    """Apply, or change one's application while the call is open and undecided; returns (application, new?)."""
    if not is_open_call(event):
        raise Closed(_("This event does not take applications: registration is first come, first served."),
                     code="not_open_call")
    phase = call_phase(event)
    if phase != "open":
        raise Closed(_("The call for applications is closed.") if phase != "upcoming"
                     else _("The call for applications has not opened yet."))
    checked = check_answers(questions_of(event), raw)
    now = utcnow()
    existing = application_of(event, user_id)
    if existing is None:
        if not consent_data:
            raise Invalid(_("We can only take your application with your consent to the processing of your data."),
                          code="consent_required")
        application = Application(event_id=event.id, user_id=user_id, status="submitted", answers=checked.answers,
                                  country=checked.country, organisation_type=checked.organisation_type,
                                  consent_data_version=CONSENT_VERSION, consent_data_at=now, submitted_at=now,
                                  updated_at=now)
        try:
            with db.session.begin_nested():
                db.session.add(application)
        except IntegrityError:
            raise Conflict(_("You have applied already."), code="already_applied") from None
        return application, True
    if existing.status != "submitted":
        raise Closed(_("The organisers have decided on your application, so it cannot change any more."),
                     code="decided")
    conditions = [Application.id == existing.id, Application.status == "submitted"]
    if expected_version is not None:
        conditions.append(Application.version == expected_version)
    result = db.session.execute(
        update(Application).where(*conditions)
        .values(answers=checked.answers, country=checked.country, organisation_type=checked.organisation_type,
                updated_at=now, version=Application.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(_("Your application changed in the meantime (perhaps it was decided). Please review it."))
    db.session.refresh(existing)
    return existing, False


@dataclass
class Row:
    """One line of the organisers' list: the application, its average score and how many reviewed it."""

    application: Application
    average: float | None
    reviews: int


def listing(event: Event, status: str = "", country: str = "", organisation_type: str = "") -> list[Row]:
    """The event's applications, filtered, best average first (two queries whatever the number)."""
    scores = (select(ApplicationReview.application_id, func.avg(ApplicationReview.score).label("average"),
                     func.count(ApplicationReview.id).label("reviews"))
              .group_by(ApplicationReview.application_id).subquery())
    query = (select(Application, scores.c.average, scores.c.reviews)
             .outerjoin(scores, scores.c.application_id == Application.id)
             .where(Application.event_id == event.id).options(joinedload(Application.user)))
    if status in STATUSES:
        query = query.where(Application.status == status)
    if country:
        query = query.where(Application.country == country.upper())
    if organisation_type in ORGANISATION_TYPES:
        query = query.where(Application.organisation_type == organisation_type)
    query = query.order_by(scores.c.average.desc().nulls_last(), Application.submitted_at, Application.id)
    return [Row(app, float(avg) if avg is not None else None, reviews or 0)
            for app, avg, reviews in db.session.execute(query.limit(LIST_LIMIT))]


def status_counts(event: Event) -> dict[str, int]:
    """How many applications are in each status."""
    rows = db.session.execute(select(Application.status, func.count()).where(Application.event_id == event.id)
                              .group_by(Application.status))
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status: n for status, n in rows})
    return counts


def countries_applied(event: Event) -> list[str]:
    """The countries applicants named, for the filter."""
    return sorted(c for c in db.session.scalars(select(Application.country).where(
        Application.event_id == event.id, Application.country != "").distinct()))


def accepted_counts(event: Event) -> dict[tuple[str, str], int]:
    """Accepted applications per (dimension, value): ("country", "DE") -> 3 (one query per dimension)."""
    counts: dict[tuple[str, str], int] = {}
    for dimension, column in (("country", Application.country), ("organisation_type", Application.organisation_type)):
        rows = db.session.execute(select(column, func.count()).where(
            Application.event_id == event.id, Application.status == "accepted", column != "").group_by(column))
        counts.update({(dimension, value): n for value, n in rows})
    return counts


@dataclass
class QuotaLine:
    """A quota as the deciding organiser sees it."""

    dimension: str
    value: str
    label: str
    maximum: int
    accepted: int

    @property
    def over(self) -> bool:
        return self.accepted > self.maximum

    @property
    def reached(self) -> bool:
        return self.accepted >= self.maximum


def quota_report(event: Event) -> list[QuotaLine]:
    """Every quota with how many were accepted against it."""
    counts = accepted_counts(event)
    return [QuotaLine(q.dimension, q.value, quota_label(q.dimension, q.value), q.maximum,
                      counts.get((q.dimension, q.value), 0)) for q in quotas_of(event)]


def waitlisted_user_ids(event_id: int) -> set[int]:
    """The people whose application is on the waitlist (for mailings to the waitlist)."""
    return set(db.session.scalars(select(Application.user_id).where(Application.event_id == event_id,
                                                                    Application.status == "waitlisted")))
