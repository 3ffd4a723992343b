"""Socket.IO commands of the door scanner: scan, check in by name, undo, search."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from ..events.services import get_event
from ..realtime.dispatch import command
from . import attendance, scanning
from .access import require_door
from .handling import ManualIn, ScanIn, UndoIn, run_manual, run_scan, run_undo


class SearchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(max_length=80)
    q: StrictStr = Field(max_length=80)


class StatsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(max_length=80)
    day: StrictStr | None = Field(default=None, max_length=10)


@command("checkin:scan", ScanIn)
def scan(user, payload: ScanIn) -> dict:
    return run_scan(user, payload).body


@command("checkin:manual", ManualIn)
def manual(user, payload: ManualIn) -> dict:
    return run_manual(user, get_event(payload.event), payload).body


@command("checkin:undo", UndoIn)
def undo(user, payload: UndoIn) -> dict:
    run_undo(user, get_event(payload.event), payload.checkin_id)
    return {"undone": payload.checkin_id}


@command("checkin:search", SearchIn)
def search(user, payload: SearchIn) -> dict:
    event = get_event(payload.event)
    require_door(user, event)
    return {"people": [
        {"registration_id": r.id, "name": r.user.name, "organisation": r.organisation}
        for r in scanning.search(event, payload.q)
    ]}


@command("checkin:sync", StatsIn)
def sync(user, payload: StatsIn) -> dict:
    event = get_event(payload.event)
    require_door(user, event)
    return {"stats": attendance.stats(event, scanning.parse_day(payload.day, event))}
