"""Socket.IO commands of the door scanner: parse, call the command, answer (scan, by name, undo; search, sync)."""

from __future__ import annotations

from ..commands import Actor
from ..events.services import get_event
from ..realtime.dispatch import socket_command
from . import attendance, commands, scanning
from .access import DOOR_ROLES
from .inputs import ManualIn, ScanIn, SearchIn, StatsIn, UndoIn


@socket_command("checkin:scan", ScanIn)
def scan(actor: Actor, payload: ScanIn) -> dict:
    return commands.scan_badge(actor, code=payload.code, day=payload.day, nonce=payload.nonce, door=payload.door or "",
                               point_id=payload.point_id, event_slug=payload.event,
                               scanned_at=payload.scanned_at)["body"]


@socket_command("checkin:manual", ManualIn)
def manual(actor: Actor, payload: ManualIn) -> dict:
    return commands.check_in_by_name(
        actor, event=get_event(payload.event), registration_id=payload.registration_id, nonce=payload.nonce,
        door=payload.door or "", point_id=payload.point_id, day=payload.day, scanned_at=payload.scanned_at)["body"]


@socket_command("checkin:undo", UndoIn)
def undo(actor: Actor, payload: UndoIn) -> dict:
    return commands.undo(actor, event=get_event(payload.event), checkin_id=payload.checkin_id).value


@socket_command("checkin:search", SearchIn)
def search(actor: Actor, payload: SearchIn) -> dict:
    event = get_event(payload.event)
    actor.require(event, *DOOR_ROLES)
    return {"people": [
        {"registration_id": r.id, "name": r.user.name, "organisation": r.organisation}
        for r in scanning.search(event, payload.q)
    ]}


@socket_command("checkin:sync", StatsIn)
def sync(actor: Actor, payload: StatsIn) -> dict:
    event = get_event(payload.event)
    actor.require(event, *DOOR_ROLES)
    return {"stats": attendance.stats(event, scanning.parse_day(payload.day, event))}
