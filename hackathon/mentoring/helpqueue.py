"""The live help queue: a team asks, exactly one mentor claims, the mentor resolves, the team rates.

Waiting requests expire after the organiser's limit; nothing runs on a timer, so they expire
lazily: whenever the queue is read for a page or a sync, and before any claim.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..audit.services import record as audit
from ..clock import iso, utcnow
from ..errors import Conflict, Forbidden, Gone, Invalid, NotFound
from ..extensions import db
from ..teams.membership import is_member, team_of
from .models import HelpRequest, MentorSlot
from .settings import settings_of

ACTIVE = ("waiting", "claimed")


def _change(request: HelpRequest, from_statuses: tuple[str, ...], *conditions, **values) -> bool:
    result = db.session.execute(
        update(HelpRequest).where(HelpRequest.id == request.id, HelpRequest.status.in_(from_statuses), *conditions)
        .values(version=HelpRequest.version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def get_request(request_id: int) -> HelpRequest:
    """One help request, read afresh; `not_found` otherwise."""
    found = db.session.scalar(select(HelpRequest).where(HelpRequest.id == request_id)
                              .execution_options(populate_existing=True))
    if found is None:
        raise NotFound(_("There is no such help request."))
    return found


def post_request(event_id: int, user: User, *, topic: str, location: str, tried: str = "") -> HelpRequest:
    """A team member asks for help; one active request per team at a time."""
    topic, location, tried = (topic or "").strip(), (location or "").strip(), (tried or "").strip()
    if not 3 <= len(topic) <= 200:
        raise Invalid(_("Please say in 3 to 200 characters what you need help with."))
    if not 1 <= len(location) <= 120:
        raise Invalid(_("Please say where your team sits (up to 120 characters)."))
    if len(tried) > 1000:
        raise Invalid(_("Please describe what you tried in at most 1000 characters."))
    team = team_of(user, event_id)
    if team is None:
        raise Forbidden(_("Join a team first: help requests come from teams."), code="not_in_team")
    expire_stale(event_id)
    request = HelpRequest(event_id=event_id, team_id=team.id, requested_by_id=user.id, topic=topic,
                          location=location, tried=tried, status="waiting", created_at=utcnow(), version=1)
    try:
        with db.session.begin_nested():
            db.session.add(request)
    except IntegrityError:
        raise Conflict(_("Your team already has a request in the queue."), code="already_waiting") from None
    return request


def stale_ids(event_id: int) -> list[int]:
    """The event's waiting requests older than the organiser's limit."""
    limit = utcnow() - timedelta(minutes=settings_of(event_id).help_expiry_minutes)
    return list(db.session.scalars(select(HelpRequest.id).where(
        HelpRequest.event_id == event_id, HelpRequest.status == "waiting", HelpRequest.created_at < limit)))


def expire_stale(event_id: int) -> list[int]:
    """Expire the event's requests that waited too long; returns their ids (publish them after the commit)."""
    stale = stale_ids(event_id)
    if not stale:
        return []
    db.session.execute(
        update(HelpRequest).where(HelpRequest.id.in_(stale), HelpRequest.status == "waiting")
        .values(status="expired", closed_at=utcnow(), version=HelpRequest.version + 1)
        .execution_options(synchronize_session=False)
    )
    return stale


def refuse_if_taken(request_id: int) -> int | None:
    """`conflict` at once when another mentor already has the request; returns its event's id (None: unknown)."""
    row = db.session.execute(select(HelpRequest.status, HelpRequest.event_id)
                             .where(HelpRequest.id == request_id)).first()
    if row is not None and row.status in ("claimed", "resolved"):
        raise Conflict(_("Another mentor is already on it."))
    return row.event_id if row is not None else None


def claim(request: HelpRequest, mentor: User, roles: set[str]) -> None:
    """waiting → claimed by this mentor; exactly one of many mentors wins, the others get `conflict`."""
    if "mentor" not in roles:
        raise Forbidden(_("Only mentors can take help requests."))
    if request.status == "waiting" and request.created_at < utcnow() - timedelta(
            minutes=settings_of(request.event_id).help_expiry_minutes):
        raise Gone(_("This request waited too long and has expired."), code="expired")
    if request.status == "expired":
        raise Gone(_("This request waited too long and has expired."), code="expired")
    if request.status != "waiting":
        raise Conflict(_("Another mentor is already on it."))
    if not _change(request, ("waiting",), status="claimed", mentor_id=mentor.id, claimed_at=utcnow()):
        raise Conflict(_("Another mentor is already on it."))


def resolve(request: HelpRequest, user: User, roles: set[str]) -> None:
    """claimed → resolved, by the mentor on it or an organiser."""
    if request.status != "claimed":
        raise Conflict(_("This request is not in progress."), code="not_claimed")
    if "organiser" not in roles and request.mentor_id != user.id:
        raise Forbidden(_("Only the mentor on this request or an organiser can resolve it."))
    if not _change(request, ("claimed",), status="resolved", resolved_at=utcnow(),
                                                  closed_at=utcnow()):
        raise Conflict(_("This request is not in progress."), code="not_claimed")


def cancel(request: HelpRequest, user: User, roles: set[str]) -> None:
    """waiting or claimed → cancelled, by the team or an organiser."""
    member = is_member(user, request.team_id)
    if "organiser" not in roles and not member:
        raise Forbidden(_("Only the team or an organiser can withdraw this request."))
    if request.status not in ACTIVE or not _change(request, ACTIVE, status="cancelled", closed_at=utcnow()):
        raise Conflict(_("This request is already closed."), code="not_active")
    if not member:  # an organiser withdrew the team's request
        audit(request.event_id, user, "mentoring.help_request_cancelled", f"help_request:{request.id}",
              _("Withdrew the help request of %(team)s.", team=request.team.name), team_id=request.team_id)


def rate(request: HelpRequest, user: User, rating: int) -> None:
    """The team rates a resolved request from 1 to 5, once."""
    if not 1 <= rating <= 5:
        raise Invalid(_("Please rate from 1 to 5."))
    if not is_member(user, request.team_id):
        raise Forbidden(_("Only the team that asked can rate this help."))
    if request.status != "resolved":
        raise Conflict(_("Only resolved requests can be rated."), code="not_resolved")
    if not _change(request, ("resolved",), HelpRequest.rating.is_(None), rating=rating):
        raise Conflict(_("You have already rated this help."), code="already_rated")


def load_requests(event_id: int, *, ids: Iterable[int] | None = None, statuses: Iterable[str] | None = None,
                  team_id: int | None = None, since=None) -> list[HelpRequest]:
    """Requests with their team and mentor in one query, oldest first."""
    query = select(HelpRequest).where(HelpRequest.event_id == event_id).options(
        joinedload(HelpRequest.team), joinedload(HelpRequest.mentor))
    if ids is not None:
        wanted = list(ids)
        if not wanted:
            return []
        query = query.where(HelpRequest.id.in_(wanted))
    if statuses is not None:
        query = query.where(HelpRequest.status.in_(list(statuses)))
    if team_id is not None:
        query = query.where(HelpRequest.team_id == team_id)
    if since is not None:
        query = query.where(HelpRequest.created_at >= since)
    return list(db.session.scalars(query.order_by(HelpRequest.created_at, HelpRequest.id)
                                   .execution_options(populate_existing=True)))


def help_payload(request: HelpRequest) -> dict:
    """A help request as the `mentoring:help` fact and the queue show it: the whole state with its version."""
    return {
        "id": request.id,
        "event_id": request.event_id,
        "team": {"id": request.team_id, "name": request.team.name},
        "topic": request.topic,
        "location": request.location,
        "tried": request.tried,
        "status": request.status,
        "mentor": {"id": request.mentor.id, "name": request.mentor.name} if request.mentor else None,
        "created_at": iso(request.created_at),
        "claimed_at": iso(request.claimed_at),
        "resolved_at": iso(request.resolved_at),
        "rating": request.rating,
        "version": request.version,
    }


def queue_stats(event_id: int) -> dict:
    """Live numbers for organisers: waiting times (median, longest), today's totals, and each mentor's load."""
    now = utcnow()
    waits = [(now - created).total_seconds() for created in db.session.scalars(
        select(HelpRequest.created_at).where(HelpRequest.event_id == event_id, HelpRequest.status == "waiting"))]
    answered = [(claimed - created).total_seconds() for created, claimed in db.session.execute(
        select(HelpRequest.created_at, HelpRequest.claimed_at).where(
            HelpRequest.event_id == event_id, HelpRequest.claimed_at.is_not(None)))]
    counts = dict(db.session.execute(select(HelpRequest.status, func.count()).where(
        HelpRequest.event_id == event_id).group_by(HelpRequest.status)).all())
    load: dict[int, dict] = {}

    def mentor(user_id: int, name: str) -> dict:
        return load.setdefault(user_id, {"id": user_id, "name": name, "helping": 0, "resolved": 0,
                                         "rating": None, "booked": 0, "available": 0})

    rows = db.session.execute(
        select(User.id, User.name, HelpRequest.status, func.count(), func.avg(HelpRequest.rating))
        .join(HelpRequest, HelpRequest.mentor_id == User.id)
        .where(HelpRequest.event_id == event_id).group_by(User.id, User.name, HelpRequest.status))
    for user_id, name, status, count, average in rows:
        entry = mentor(user_id, name)
        if status == "claimed":
            entry["helping"] = count
        elif status == "resolved":
            entry["resolved"] = count
            entry["rating"] = round(float(average), 1) if average is not None else None
    rows = db.session.execute(
        select(User.id, User.name, MentorSlot.status, func.count())
        .join(MentorSlot, MentorSlot.mentor_id == User.id)
        .where(MentorSlot.event_id == event_id, MentorSlot.ends_at > now)
        .group_by(User.id, User.name, MentorSlot.status))
    for user_id, name, status, count in rows:
        mentor(user_id, name)[status] = count
    return {
        "event_id": event_id,
        "waiting": len(waits),
        "median_wait_seconds": round(statistics.median(waits)) if waits else 0,
        "longest_wait_seconds": round(max(waits)) if waits else 0,
        "median_answer_seconds": round(statistics.median(answered)) if answered else 0,
        "counts": {status: counts.get(status, 0) for status in
                   ("waiting", "claimed", "resolved", "expired", "cancelled")},
        "mentors": sorted(load.values(), key=lambda m: (-m["helping"], -m["booked"], m["name"])),
        # A clock-based version: each publication supersedes the one before.
        "version": int(now.timestamp() * 1000),
    }
