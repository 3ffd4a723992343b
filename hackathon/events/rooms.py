"""The Socket.IO rooms a user's event roles give them."""

from __future__ import annotations

from ..accounts.models import User
from ..realtime import event_room, role_room
from .roles import roles_by_event


def event_rooms(user: User) -> set[str]:
    """One room per event the user is at, and one per role they hold there."""
    rooms: set[str] = set()
    for event_id, roles in roles_by_event(user).items():
        rooms.add(event_room(event_id))
        rooms.update(role_room(event_id, role) for role in roles)
    return rooms
