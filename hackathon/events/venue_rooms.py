"""The rooms of the event's venue: named once, offered wherever a place is asked for (agenda, mentoring)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from .models import Event, EventRoom

MAX_ROOMS = 200


def list_rooms(event_id: int) -> list[EventRoom]:
    """The event's rooms in their order (one query)."""
    return list(db.session.scalars(
        select(EventRoom).where(EventRoom.event_id == event_id).order_by(EventRoom.position, EventRoom.id)))


def room_names(event_id: int) -> list[str]:
    """The rooms' names, for the place fields' suggestions (one query of one column)."""
    return list(db.session.scalars(
        select(EventRoom.name).where(EventRoom.event_id == event_id).order_by(EventRoom.position, EventRoom.id)))


def _check(name: str, capacity: int | None, notes: str) -> tuple[str, int | None, str]:
    name = " ".join((name or "").split())
    if not 1 <= len(name) <= 120:
        raise Invalid(_("A room needs a name of at most 120 characters."))
    if capacity is not None and (not isinstance(capacity, int) or not 0 <= capacity <= 100_000):
        raise Invalid(_("A room's capacity is a whole number from 0 to 100000, or empty."))
    notes = (notes or "").strip()
    if len(notes) > 300:
        raise Invalid(_("A room's notes may have at most 300 characters."))
    return name, capacity, notes


def get_room(event: Event, room_id: int) -> EventRoom:
    """One of the event's rooms; `not_found` otherwise."""
    room = db.session.get(EventRoom, room_id) if isinstance(room_id, int) else None
    if room is None or room.event_id != event.id:
        raise NotFound(_("There is no such room."))
    return room


def add_room(event: Event, name: str, capacity: int | None = None, notes: str = "") -> EventRoom:
    """Add a room at the end of the list; `conflict` when the event has a room of that name."""
    name, capacity, notes = _check(name, capacity, notes)
    count, last = db.session.execute(select(func.count(), func.coalesce(func.max(EventRoom.position), 0))
                                     .where(EventRoom.event_id == event.id)).one()
    if count >= MAX_ROOMS:
        raise Invalid(_("An event has at most %(n)d rooms.", n=MAX_ROOMS))
    room = EventRoom(event_id=event.id, name=name, capacity=capacity, notes=notes, position=last + 1)
    try:
        with db.session.begin_nested():
            db.session.add(room)
    except IntegrityError:
        raise Conflict(_("There is already a room called %(name)s.", name=name)) from None
    return room


def update_room(event: Event, room_id: int, name: str, capacity: int | None, notes: str,
                expected_version: int | None = None) -> EventRoom:
    """Rename a room or change its capacity or notes; `conflict` on a taken name or a stale form."""
    room = get_room(event, room_id)
    name, capacity, notes = _check(name, capacity, notes)
    query = update(EventRoom).where(EventRoom.id == room.id)
    if expected_version is not None:
        query = query.where(EventRoom.version == expected_version)
    try:
        with db.session.begin_nested():
            result = db.session.execute(query.values(name=name, capacity=capacity, notes=notes,
                                                     version=EventRoom.version + 1)
                                        .execution_options(synchronize_session=False))
    except IntegrityError:
        raise Conflict(_("There is already a room called %(name)s.", name=name)) from None
    if result.rowcount != 1:
        raise Conflict(_("Someone else changed this room meanwhile. Please review it again."), code="stale")
    db.session.refresh(room)
    return room


def remove_room(event: Event, room_id: int) -> str:
    """Remove a room (places already written with its name keep the name); returns the name."""
    room = get_room(event, room_id)
    name = room.name
    db.session.delete(room)
    db.session.flush()
    return name


def copy_rooms(source: Event, target: Event) -> int:
    """The source event's rooms, in order, for a new event; how many."""
    rooms = list_rooms(source.id)
    db.session.add_all([EventRoom(event_id=target.id, name=r.name, capacity=r.capacity, notes=r.notes,
                                  position=r.position) for r in rooms])
    db.session.flush()
    return len(rooms)
