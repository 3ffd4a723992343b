"""The organiser's grid: sessions on the event's days, cut into slots; loading slots and their JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..clock import iso
from ..errors import Conflict, Invalid, NotFound
from ..events.models import Event
from ..events.services import event_dates
from ..extensions import db
from ..teams.challenges import titles
from ..teams.models import Team
from .models import MentoringSession, MentorProfile, MentorSlot

MAX_SLOTS_PER_SESSION = 200


def create_session(event: Event, *, day: dt.date, start: dt.time, end: dt.time, slot_minutes: int,
                   location: str = "", video_link: str = "", title: str = "") -> MentoringSession:
    """A block on one of the event's days (times in the event's zone), with its slots, all `open`."""
    if day not in event_dates(event):
        raise Invalid(_("Please choose one of the event's days."))
    if not 5 <= slot_minutes <= 240:
        raise Invalid(_("Slots last between 5 and 240 minutes."))
    location, video_link, title = location.strip()[:200], video_link.strip()[:300], title.strip()[:160]
    if video_link and not video_link.startswith("https://"):
        raise Invalid(_("A video link must start with https://."))
    if not location and not video_link:
        raise Invalid(_("Say where mentoring happens: a place or a video link."))
    zone = ZoneInfo(event.timezone)
    starts_at = datetime.combine(day, start, zone).astimezone(UTC)
    ends_at = datetime.combine(day, end, zone).astimezone(UTC)
    if ends_at <= starts_at:
        raise Invalid(_("The session must end after it starts."))
    count = int((ends_at - starts_at) / timedelta(minutes=slot_minutes))
    if count < 1:
        raise Invalid(_("The session is shorter than one slot."))
    if count > MAX_SLOTS_PER_SESSION:
        raise Invalid(_("That makes more than %(n)d slots; please use longer slots.", n=MAX_SLOTS_PER_SESSION))
    session = MentoringSession(event_id=event.id, title=title, starts_at=starts_at, ends_at=ends_at,
                               slot_minutes=slot_minutes, location=location, video_link=video_link)
    db.session.add(session)
    db.session.flush()
    length = timedelta(minutes=slot_minutes)
    db.session.add_all([
        MentorSlot(event_id=event.id, session_id=session.id, starts_at=starts_at + i * length,
                   ends_at=starts_at + (i + 1) * length, status="open", version=1)
        for i in range(count)
    ])
    db.session.flush()
    return session


def delete_session(event: Event, session_id: int) -> list[int]:
    """Remove a session whose slots nobody has booked; returns the removed slots' ids."""
    session = db.session.get(MentoringSession, session_id)
    if session is None or session.event_id != event.id:
        raise NotFound(_("There is no such mentoring session."))
    booked = db.session.scalar(select(func.count()).select_from(MentorSlot).where(
        MentorSlot.session_id == session_id, MentorSlot.status == "booked"))
    if booked:
        raise Conflict(_("Teams have booked slots in this session. Cancel those bookings first."), code="booked")
    ids = list(db.session.scalars(select(MentorSlot.id).where(MentorSlot.session_id == session_id)))
    db.session.execute(delete(MentorSlot).where(MentorSlot.session_id == session_id, MentorSlot.status != "booked"))
    db.session.delete(session)
    return ids


def sessions_of(event_id: int) -> list[MentoringSession]:
    """The event's sessions in time order."""
    return list(db.session.scalars(select(MentoringSession).where(MentoringSession.event_id == event_id)
                                   .order_by(MentoringSession.starts_at)))


def load_slots(event_id: int, ids: Iterable[int] | None = None) -> list[MentorSlot]:
    """Slots with their session, mentor, team and challenge in one query, in time order."""
    query = select(MentorSlot).where(MentorSlot.event_id == event_id).options(
        joinedload(MentorSlot.session), joinedload(MentorSlot.mentor),
        joinedload(MentorSlot.team).joinedload(Team.challenge),
    )
    if ids is not None:
        wanted = list(ids)
        if not wanted:
            return []
        query = query.where(MentorSlot.id.in_(wanted))
    # populate_existing: the conditional UPDATEs bypass the identity map, so facts must read the rows afresh.
    return list(db.session.scalars(query.order_by(MentorSlot.starts_at, MentorSlot.id)
                                   .execution_options(populate_existing=True)))


def get_slot(slot_id: int) -> MentorSlot:
    """One slot, read afresh; `not_found` otherwise."""
    slot = db.session.scalar(select(MentorSlot).where(MentorSlot.id == slot_id)
                             .execution_options(populate_existing=True))
    if slot is None:
        raise NotFound(_("There is no such slot."))
    return slot


@dataclass(frozen=True)
class NoteReader:
    """Who reads slots. A booking's note is the team's private word to its mentor: only the team, the slot's
    mentor and the organisers read it; everyone else gets `note: ""`."""

    user_id: int | None = None
    team_id: int | None = None
    organiser: bool = False

    def reads(self, mentor_id: int | None, team_id: int | None) -> bool:
        """Whether this reader may read the note of a slot with this mentor and team."""
        return self.organiser or (self.user_id is not None and mentor_id == self.user_id) or (
            self.team_id is not None and team_id == self.team_id)


ANYONE = NoteReader()  # the event room: no notes
STAFF = NoteReader(organiser=True)  # the booking team's, the mentor's and the organisers' rooms, and acks


def slots_json(event_id: int, ids: Iterable[int] | None = None, reader: NoteReader = ANYONE) -> list[dict]:
    """Slots as JSON in time order, with the notes this reader may read: one statement of columns, whatever the
    count (no objects are built: every booking's fact and every page's list reads through here)."""
    challenge = titles(event_id).subquery()
    query = (
        select(MentorSlot.id, MentorSlot.session_id, MentorSlot.starts_at, MentorSlot.ends_at, MentorSlot.status,
               MentorSlot.mentor_id, MentorSlot.team_id, MentorSlot.note, MentorSlot.version,
               MentoringSession.location, MentoringSession.video_link, User.name.label("mentor_name"),
               MentorProfile.expertise, MentorProfile.bio, MentorProfile.organisation,
               Team.name.label("team_name"), challenge.c.id.label("challenge_id"),
               challenge.c.title.label("challenge_title"))
        .join(MentoringSession, MentoringSession.id == MentorSlot.session_id)
        .outerjoin(User, User.id == MentorSlot.mentor_id)
        .outerjoin(MentorProfile, and_(MentorProfile.event_id == MentorSlot.event_id,
                                       MentorProfile.user_id == MentorSlot.mentor_id))
        .outerjoin(Team, Team.id == MentorSlot.team_id)
        .outerjoin(challenge, challenge.c.id == Team.challenge_id)
        .where(MentorSlot.event_id == event_id)
        .order_by(MentorSlot.starts_at, MentorSlot.id)
    )
    if ids is not None:
        wanted = list(ids)
        if not wanted:
            return []
        query = query.where(MentorSlot.id.in_(wanted))
    return [_slot_row_json(event_id, row, reader) for row in db.session.execute(query)]


def _slot_row_json(event_id: int, row, reader: NoteReader) -> dict:
    """A row of `slots_json`'s statement: the slot as the JSON list and the `mentoring:slot` fact show it, the
    whole state with its version."""
    return {
        "id": row.id,
        "event_id": event_id,
        "session_id": row.session_id,
        "starts_at": iso(row.starts_at),
        "ends_at": iso(row.ends_at),
        "status": row.status,
        "mentor": {"id": row.mentor_id, "name": row.mentor_name, "expertise": list(row.expertise or []),
                   "bio": row.bio or "", "organisation": row.organisation or ""}
        if row.mentor_name is not None else None,
        "team": {"id": row.team_id, "name": row.team_name,
                 "challenge": {"id": row.challenge_id, "title": row.challenge_title}
                 if row.challenge_id is not None else None}
        if row.team_name is not None else None,
        "note": row.note if reader.reads(row.mentor_id, row.team_id) else "",
        "location": row.location,
        "video_link": row.video_link,
        "version": row.version,
    }


def note_reader(user, roles: set[str], team_id: int | None) -> NoteReader:
    """The reader a person at the event is."""
    return NoteReader(user_id=user.id, team_id=team_id, organiser="organiser" in roles)
