"""The organiser's grid: sessions on the event's days, cut into slots; loading slots and their JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload

from ..clock import iso
from ..errors import Conflict, Invalid, NotFound
from ..events.models import Event
from ..events.services import event_dates
from ..extensions import db
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


def mentor_json(user, profile: MentorProfile | None) -> dict:
    """A mentor as slots and the help queue show them."""
    return {"id": user.id, "name": user.name, "expertise": list(profile.expertise) if profile else [],
            "bio": profile.bio if profile else "", "organisation": profile.organisation if profile else ""}


@dataclass(frozen=True)
class NoteReader:
    """Who reads slots. A booking's note is the team's private word to its mentor: only the team, the slot's
    mentor and the organisers read it; everyone else gets `note: ""`."""

    user_id: int | None = None
    team_id: int | None = None
    organiser: bool = False

    def reads(self, slot: MentorSlot) -> bool:
        return self.organiser or (self.user_id is not None and slot.mentor_id == self.user_id) or (
            self.team_id is not None and slot.team_id == self.team_id)


ANYONE = NoteReader()  # the event room: no notes
STAFF = NoteReader(organiser=True)  # the booking team's, the mentor's and the organisers' rooms, and acks


def slot_payload(slot: MentorSlot, profiles: dict[int, MentorProfile], reader: NoteReader = ANYONE) -> dict:
    """A slot as the JSON list and the `mentoring:slot` fact show it: the whole state with its version."""
    team = slot.team
    return {
        "id": slot.id,
        "event_id": slot.event_id,
        "session_id": slot.session_id,
        "starts_at": iso(slot.starts_at),
        "ends_at": iso(slot.ends_at),
        "status": slot.status,
        "mentor": mentor_json(slot.mentor, profiles.get(slot.mentor_id)) if slot.mentor else None,
        "team": {
            "id": team.id, "name": team.name,
            "challenge": {"id": team.challenge.id, "title": team.challenge.title} if team.challenge else None,
        } if team else None,
        "note": slot.note if reader.reads(slot) else "",
        "location": slot.session.location,
        "video_link": slot.session.video_link,
        "version": slot.version,
    }


def slots_json(event_id: int, ids: Iterable[int] | None = None, reader: NoteReader = ANYONE) -> list[dict]:
    """Slots as JSON (two queries, whatever the count), with the notes this reader may read."""
    slots = load_slots(event_id, ids)
    # Only these slots' mentors' profiles: a fact about one booked slot should not read every mentor's.
    mentor_ids = {slot.mentor_id for slot in slots if slot.mentor_id is not None}
    profiles = {p.user_id: p for p in db.session.scalars(select(MentorProfile).where(
        MentorProfile.event_id == event_id, MentorProfile.user_id.in_(mentor_ids)))} if mentor_ids else {}
    return [slot_payload(slot, profiles, reader) for slot in slots]


def note_reader(user, roles: set[str], team_id: int | None) -> NoteReader:
    """The reader a person at the event is."""
    return NoteReader(user_id=user.id, team_id=team_id, organiser="organiser" in roles)
