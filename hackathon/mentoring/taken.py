"""What this worker knows of each slot's status, from the facts it saw: most racers are refused from memory.

In a storm of hundreds of bookings for a few slots nearly everyone loses; asking the database to tell each
loser costs a session, a connection and a query. Every `mentoring:slot` fact — published here or relayed by
the bus from another worker — records the slot's status and version; a claim or booking of a slot known to be
taken is refused at once. The conditional UPDATE still decides every race: memory only refuses what a fact
already showed as taken, and when the bus is unreachable (facts from other workers may be missing) or was
lost for a while, memory is ignored or forgotten and the database is asked, as before.
"""

from __future__ import annotations

import threading

from flask import Flask, current_app

from ..realtime.identity import sockets

KEY = "hackathon.mentoring.taken"


class KnownSlots:
    """slot id -> (status, version), newest version wins."""

    def __init__(self) -> None:
        self.slots: dict[int, tuple[str, int]] = {}
        self.lock = threading.Lock()

    def saw(self, payload: object) -> None:
        """A `mentoring:slot` fact went by."""
        if not isinstance(payload, dict):
            return
        slot_id, status, version = payload.get("id"), payload.get("status"), payload.get("version")
        if not isinstance(slot_id, int) or not isinstance(status, str) or not isinstance(version, int):
            return
        with self.lock:
            known = self.slots.get(slot_id)
            if known is None or known[1] < version:
                self.slots[slot_id] = (status, version)

    def status(self, slot_id: int) -> str | None:
        known = self.slots.get(slot_id)
        return known[0] if known is not None else None

    def forget(self) -> None:
        with self.lock:
            self.slots.clear()


def install(app: Flask) -> KnownSlots:
    """Keep the app's known slots and let the facts update them (the mentoring wiring calls this)."""
    from ..registry import registry

    known = app.extensions[KEY] = KnownSlots()
    hooks = registry(app)
    hooks.add_hook("fact:mentoring:slot", known.saw)
    hooks.add_hook("bus_restored", known.forget)
    return known


def known_status(slot_id: int) -> str | None:
    """The slot's status as the last fact this worker saw showed it; None when unknown or not to be trusted."""
    if not sockets().trusted:
        return None
    known: KnownSlots | None = current_app.extensions.get(KEY)
    return known.status(slot_id) if known is not None else None
