"""Slot rules: mentors claim and release, teams book and cancel. Each is one conditional UPDATE.

`UPDATE … WHERE id = ? AND status = ?` with a row-count check is what makes exactly one of many
concurrent claims or bookings win, on SQLite and PostgreSQL alike; `version` grows with each change.
"""

from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import bindparam, exists, func, select, update
from sqlalchemy.orm import aliased

from ..accounts.models import User
from ..audit.services import record as audit
from ..clock import to_zone, utcnow
from ..errors import Closed, Conflict, Forbidden, Invalid
from ..events.models import Event
from ..extensions import db
from ..teams.membership import is_member, team_of
from ..teams.models import Team
from .models import MentorSlot
from .settings import settings_of
from .taken import known_status

MAX_NOTE = 500
MAX_REASON = 300


def _change(slot: MentorSlot, from_status: str, *conditions, **values) -> bool:
    """Move the slot from one status to another if nobody changed it first; True when this call won."""
    result = db.session.execute(
        update(MentorSlot).where(MentorSlot.id == slot.id, MentorSlot.status == from_status, *conditions)
        .values(version=MentorSlot.version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _taken() -> Conflict:
    return Conflict(_("Someone else got this slot first."))


def _when(slot: MentorSlot) -> str:
    """'2030-09-22 10:00' in the event's zone, for the audit log."""
    return f"{to_zone(slot.starts_at, db.session.get(Event, slot.event_id).timezone):%Y-%m-%d %H:%M}"


_SLOT_STATUS = select(MentorSlot.status).where(MentorSlot.id == bindparam("slot_id"))  # built once: the hot path


def refuse_if_taken(slot_id: int, action: str) -> None:
    """`conflict` at once when a claim or booking can no longer win (the conditional UPDATE still decides).

    From memory when a fact showed the slot taken (mentoring/taken.py), else one small read instead of the whole
    slot: in a race of hundreds, nearly everyone ends here.
    """
    wanted = {"claim": "open", "book": "available"}.get(action)
    if wanted is None:
        return
    status = known_status(slot_id)  # a fact this worker saw; else the database
    if status is None:
        status = db.session.execute(_SLOT_STATUS, {"slot_id": slot_id}).scalar()
    if status is not None and status != wanted:
        raise _taken()


def claim(slot: MentorSlot, mentor: User, roles: set[str]) -> None:
    """open → available under this mentor; `conflict` if another mentor got there first."""
    if "mentor" not in roles:
        raise Forbidden(_("Only mentors can claim slots."))
    if slot.starts_at <= utcnow():  # no team could book it any more
        raise Closed(_("This slot has already started."), code="past")
    if slot.status != "open":
        raise _taken()
    # The same mentor cannot be in two places at once (two rooms may run in parallel).
    other = aliased(MentorSlot)
    overlapping = exists().where(other.mentor_id == mentor.id, other.status != "open", other.id != slot.id,
                                 other.starts_at < slot.ends_at, other.ends_at > slot.starts_at)
    if _change(slot, "open", ~overlapping, status="available", mentor_id=mentor.id, claimed_at=utcnow()):
        return
    if db.session.scalar(select(MentorSlot.status).where(MentorSlot.id == slot.id)) == "open":
        raise Conflict(_("You already have a slot at that time."), code="overlap")
    raise _taken()


def release(slot: MentorSlot, user: User, roles: set[str]) -> None:
    """available → open: the mentor gives the slot back (or an organiser takes it away)."""
    if slot.status == "open":
        raise Conflict(_("This slot has no mentor to release."), code="not_claimed")
    if "organiser" not in roles and slot.mentor_id != user.id:
        raise Forbidden(_("Only the slot's mentor or an organiser can release it."))
    if slot.status == "booked":
        raise Conflict(_("A team has booked this slot: cancel the booking first."), code="booked")
    mentor_id, mentor_name = slot.mentor_id, slot.mentor.name if slot.mentor else ""
    if not _change(slot, "available", MentorSlot.mentor_id == slot.mentor_id, status="open", mentor_id=None,
                   claimed_at=None, cancel_reason=""):
        raise Conflict(_("This slot changed meanwhile. Please look again."))
    if mentor_id != user.id:  # an organiser took it away
        audit(slot.event_id, user, "mentoring.claim_removed", f"slot:{slot.id}",
              _("Took the slot at %(when)s back from %(name)s.", when=_when(slot), name=mentor_name),
              mentor_id=mentor_id)


_UPCOMING = select(func.count()).select_from(MentorSlot).where(
    MentorSlot.team_id == bindparam("team_id"), MentorSlot.status == "booked", MentorSlot.ends_at > bindparam("now"))
_LOCK_TEAM = select(Team.id).where(Team.id == bindparam("team_id")).with_for_update()
_BOOK = (update(MentorSlot)
         .where(MentorSlot.id == bindparam("slot_id"), MentorSlot.status == "available",
                MentorSlot.mentor_id.is_not(None))
         .values(version=MentorSlot.version + 1, status="booked", team_id=bindparam("team_id"),
                 booked_by_id=bindparam("user_id"), note=bindparam("note"), booked_at=bindparam("now"),
                 cancel_reason="")
         .execution_options(synchronize_session=False))


def upcoming_bookings(team_id: int) -> int:
    """How many booked slots the team has that have not ended."""
    return db.session.scalar(_UPCOMING, {"team_id": team_id, "now": utcnow()})


def book(slot: MentorSlot, user: User, note: str = "") -> Team:
    """available → booked by the user's team, within the organiser's fairness limit; returns the team."""
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise Invalid(_("The note may have at most %(n)d characters.", n=MAX_NOTE))
    team = team_of(user, slot.event_id)
    if team is None:
        raise Forbidden(_("Join a team first: slots are booked by teams."), code="not_in_team")
    if slot.starts_at <= utcnow():
        raise Closed(_("This slot has already started."), code="past")
    if slot.status != "available":
        raise _taken()
    # Lock the team's row (PostgreSQL; SQLite serialises writers anyway) so that two members booking
    # two slots at once cannot both slip under the limit.
    db.session.execute(_LOCK_TEAM, {"team_id": team.id})
    limit = settings_of(slot.event_id).max_upcoming_bookings
    if upcoming_bookings(team.id) >= limit:
        raise Conflict(_("Your team already has %(n)d upcoming bookings, the most allowed. Cancel one first.",
                         n=limit), code="booking_limit")
    # Prebuilt (the hot path of a storm): the conditional UPDATE that decides the race, as _change would build it.
    booked = db.session.execute(_BOOK, {"slot_id": slot.id, "team_id": team.id, "user_id": user.id, "note": note,
                                        "now": utcnow()})
    if booked.rowcount != 1:
        raise _taken()
    return team


def cancel(slot: MentorSlot, user: User, roles: set[str], reason: str = "") -> int:
    """booked → available: the team (until the cut-off), its mentor or an organiser; returns the team's id."""
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise Invalid(_("The reason may have at most %(n)d characters.", n=MAX_REASON))
    if slot.status != "booked" or slot.team_id is None:
        raise Conflict(_("This slot is not booked."), code="not_booked")
    staff = "organiser" in roles or slot.mentor_id == user.id
    if not staff:
        if not is_member(user, slot.team_id):
            raise Forbidden(_("Only the booking team, its mentor or an organiser can cancel this booking."))
        cutoff = settings_of(slot.event_id).cancel_cutoff_minutes
        if utcnow() > slot.starts_at - timedelta(minutes=cutoff):
            raise Closed(_("Bookings can only be cancelled until %(n)d minutes before the start.", n=cutoff),
                         code="too_late")
    team_id = slot.team_id
    team_name = slot.team.name if slot.team else ""
    if not _change(slot, "booked", MentorSlot.team_id == team_id, status="available", team_id=None,
                   booked_by_id=None, note="", booked_at=None, cancel_reason=reason):
        raise Conflict(_("This booking changed meanwhile. Please look again."))
    if staff and slot.mentor_id != user.id and not is_member(user, team_id):  # as an organiser
        audit(slot.event_id, user, "mentoring.booking_cancelled", f"slot:{slot.id}",
              _("Cancelled the booking of %(team)s for the slot at %(when)s.", team=team_name, when=_when(slot)),
              team_id=team_id, mentor_id=slot.mentor_id)
    return team_id

