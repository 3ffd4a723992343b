"""One scan or undo as a unit of work, then the facts: shared by the JSON API, the sockets and the pages."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from ..accounts.models import User
from ..audit.services import record as audit
from ..events.models import Event
from ..events.registration import get_registration
from ..transactions import unit_of_work
from . import scanning
from .access import require_door, scanning_event
from .door_read import read_badge
from .facts import publish_stats


class ScanIn(BaseModel):
    """A scan: the badge's code; optionally the day, a client nonce, the door's label, a point, the event."""

    model_config = ConfigDict(extra="forbid")
    code: StrictStr = Field(min_length=1, max_length=200)
    day: StrictStr | None = Field(default=None, max_length=10)
    nonce: StrictStr | None = Field(default=None, min_length=8, max_length=64)
    door: StrictStr | None = Field(default=None, max_length=60)
    point_id: StrictInt | None = None
    event: StrictStr | None = Field(default=None, max_length=80)
    scanned_at: StrictStr | None = Field(default=None, max_length=40)


class ManualIn(BaseModel):
    """A check-in by name search (a lost badge): the registration instead of a code."""

    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(max_length=80)
    registration_id: StrictInt
    nonce: StrictStr | None = Field(default=None, min_length=8, max_length=64)
    door: StrictStr | None = Field(default=None, max_length=60)
    point_id: StrictInt | None = None
    day: StrictStr | None = Field(default=None, max_length=10)
    scanned_at: StrictStr | None = Field(default=None, max_length=40)


class UndoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(max_length=80)
    checkin_id: StrictInt


def run_scan(user: User, body: ScanIn) -> scanning.ScanResult:
    """Check in by code: authorise, write, commit, then tell the door the new counters."""
    try:
        with unit_of_work():
            read = read_badge(body.code, user.id, body.nonce)
            event = scanning_event(user, read, body.event)
            day = scanning.parse_day(body.day, event)
            point = scanning.get_point(event, body.point_id) if body.point_id is not None else None
            result = scanning.scan(event, body.code, user, day=day, nonce=body.nonce, door=body.door or "",
                                   point=point, scanned_at=scanning.parse_scanned_at(body.scanned_at), read=read)
    except scanning.NonceAnswered:
        return scanning.replay(event, body.nonce)
    _after(event, result)
    return result


def run_manual(user: User, event: Event, body: ManualIn) -> scanning.ScanResult:
    """Check in a person found by name."""
    try:
        with unit_of_work():
            require_door(user, event)
            registration = get_registration(event, body.registration_id)
            point = scanning.get_point(event, body.point_id) if body.point_id is not None else None
            result = scanning.scan(event, None, user, day=scanning.parse_day(body.day, event), nonce=body.nonce,
                                   door=body.door or "", point=point, registration=registration,
                                   scanned_at=scanning.parse_scanned_at(body.scanned_at))
    except scanning.NonceAnswered:
        return scanning.replay(event, body.nonce)
    _after(event, result)
    return result


def run_undo(user: User, event: Event, checkin_id: int) -> None:
    """Undo a mis-scan within the minute, then publish the counters."""
    with unit_of_work():
        require_door(user, event)
        checkin = scanning.undo(event, checkin_id)
        day, point_id = checkin.day, checkin.point_id
        audit(event, user, "checkin.checkin_undone", f"checkin:{checkin.id}",
              _("Undid the check-in of %(name)s at %(point)s on %(day)s.", name=checkin.registration.user.name,
                point=checkin.point.name, day=day.isoformat()), registration_id=checkin.registration_id)
    publish_stats(event.id, day, point_id)


def _after(event: Event, result: scanning.ScanResult) -> None:
    if result.created:
        publish_stats(event.id, date.fromisoformat(result.body["day"]), result.point_id)
