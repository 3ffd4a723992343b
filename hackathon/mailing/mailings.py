"""Mailings: fixing the recipients when one is sent, delivering them in batches, and the progress and send log.

Delivery is claim, send, record: a sender claims pending rows (a conditional UPDATE, so two workers never take
the same row), sends each outside any transaction, then records sent or failed. Everything is in the database,
so a restart resumes where it stopped: rows claimed by a worker that died are claimed again after
MAILING_CLAIM_SECONDS (such a recipient may get the mail twice, never not at all).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, insert, or_, select, update

from ..clock import iso, utcnow
from ..errors import Invalid, NotFound
from ..extensions import db
from ..localized import check_translations
from ..transactions import unit_of_work
from .audiences import recipients
from .models import Mailing, MailingRecipient

if TYPE_CHECKING:
    from ..events.models import Event

SUBJECT_MAX, TEXT_MAX = 200, 5000
LOG_LIMIT = 1000


def create(event: Event, audience: str, subject: str, text: str, translations: dict | None = None,
           announcement_id: int | None = None) -> Mailing:
    """Store a mailing and its recipients as the audience names them now; `invalid` when nobody is in it."""
    subject, text = " ".join((subject or "").split()), (text or "").strip()
    if not subject or not text:
        raise Invalid(_("An email needs a subject and a message."))
    if len(subject) > SUBJECT_MAX or len(text) > TEXT_MAX:
        raise Invalid(_("Keep the subject to %(s)d and the message to %(t)d characters.", s=SUBJECT_MAX,
                        t=TEXT_MAX))
    people = recipients(event.id, audience)
    if not people:
        raise Invalid(_("Nobody is in that audience yet, so there is nobody to email."), code="empty_audience")
    mailing = Mailing(event_id=event.id, announcement_id=announcement_id, audience=audience, subject=subject,
                      text=text, status="sending", total=len(people), created_at=utcnow(),
                      translations=check_translations(translations, list(event.translation_languages or []),
                                                      {"subject": SUBJECT_MAX, "text": TEXT_MAX}))
    db.session.add(mailing)
    db.session.flush()
    db.session.execute(insert(MailingRecipient), [
        {"mailing_id": mailing.id, "user_id": p.id, "name": p.name[:120], "email": p.email, "locale": p.locale,
         "status": "pending"} for p in people])
    return mailing


def get_mailing(event: Event, mailing_id: int) -> Mailing:
    """One of the event's mailings; `not_found` otherwise."""
    found = db.session.get(Mailing, mailing_id)
    if found is None or found.event_id != event.id:
        raise NotFound(_("There is no such mailing."))
    return found


def mailings_of(event: Event) -> list[Mailing]:
    """The event's mailings, newest first."""
    return list(db.session.scalars(select(Mailing).where(Mailing.event_id == event.id)
                                   .order_by(Mailing.created_at.desc(), Mailing.id.desc()).limit(200)))


def send_log(mailing: Mailing) -> list[MailingRecipient]:
    """Each recipient with what happened: pending, sent or failed, and when."""
    return list(db.session.scalars(select(MailingRecipient).where(MailingRecipient.mailing_id == mailing.id)
                                   .order_by(MailingRecipient.finished_at.desc().nulls_last(), MailingRecipient.id)
                                   .limit(LOG_LIMIT)))


def progress(mailing: Mailing) -> dict:
    """A mailing's progress as the `mailing:progress` fact carries it: the whole state with its version."""
    return {"id": mailing.id, "event_id": mailing.event_id, "status": mailing.status, "total": mailing.total,
            "sent": mailing.sent_count, "failed": mailing.failed_count, "subject": mailing.subject,
            "finished_at": iso(mailing.finished_at) if mailing.finished_at else None, "version": mailing.version}


@dataclass
class Claimed:
    """A recipient row a sender took, with what the mail says in their language."""

    id: int
    mailing_id: int
    event_id: int
    email: str
    name: str
    locale: str | None
    subject: str
    text: str


def claim(limit: int) -> list[Claimed]:
    """Take up to `limit` pending recipients (or ones a dead worker left claimed) for this sender; commits."""
    stale = utcnow() - timedelta(seconds=current_app.config.get("MAILING_CLAIM_SECONDS", 300))
    with unit_of_work():
        return _claim(limit, stale)


def _claim(limit: int, stale: datetime) -> list[Claimed]:
    rows = db.session.execute(
        select(MailingRecipient, Mailing).join(Mailing, Mailing.id == MailingRecipient.mailing_id)
        .where(Mailing.status == "sending", MailingRecipient.status == "pending",
               or_(MailingRecipient.claimed_at.is_(None), MailingRecipient.claimed_at < stale))
        .order_by(MailingRecipient.id).limit(limit)).all()
    taken: list[Claimed] = []
    now = utcnow()
    for recipient, mailing in rows:
        result = db.session.execute(
            update(MailingRecipient).where(MailingRecipient.id == recipient.id, MailingRecipient.status == "pending",
                                           or_(MailingRecipient.claimed_at.is_(None),
                                               MailingRecipient.claimed_at < stale))
            .values(claimed_at=now).execution_options(synchronize_session=False))
        if result.rowcount == 1:
            words = (mailing.translations or {}).get(recipient.locale or "", {})
            taken.append(Claimed(recipient.id, mailing.id, mailing.event_id, recipient.email, recipient.name,
                                 recipient.locale, words.get("subject") or mailing.subject,
                                 words.get("text") or mailing.text))
    return taken


def record(results: dict[int, bool]) -> list[Mailing]:
    """Write what each claimed row came to (recipient id -> delivered?) and the mailings' counts; commits.

    Returns the mailings that changed, with their new state.
    """
    with unit_of_work():
        changed = _record(results, utcnow())
    return [db.session.get(Mailing, mailing_id) for mailing_id in changed]


def _record(results: dict[int, bool], now: datetime) -> list[int]:
    mailing_ids: set[int] = set()
    for recipient_id, delivered in results.items():
        result = db.session.execute(
            update(MailingRecipient).where(MailingRecipient.id == recipient_id, MailingRecipient.status == "pending")
            .values(status="sent" if delivered else "failed", finished_at=now)
            .returning(MailingRecipient.mailing_id))
        mailing_id = result.scalar_one_or_none()
        if mailing_id is not None:
            mailing_ids.add(mailing_id)
    changed = []
    for mailing_id in sorted(mailing_ids):
        counts = dict(db.session.execute(select(MailingRecipient.status, func.count())
                                         .where(MailingRecipient.mailing_id == mailing_id)
                                         .group_by(MailingRecipient.status)).all())
        done = not counts.get("pending")
        db.session.execute(update(Mailing).where(Mailing.id == mailing_id).values(
            sent_count=counts.get("sent", 0), failed_count=counts.get("failed", 0), version=Mailing.version + 1,
            **({"status": "done", "finished_at": now} if done else {})))
        changed.append(mailing_id)
    return changed
