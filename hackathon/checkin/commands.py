"""Check-in commands: a scan, a check-in by name, an undo, points, walk-ins and badges, one function each.

Each authorises its actor (`access`: organisers and door staff of the badge's event), applies the rules
(`scanning`, `walkins`, `badges`), writes the audit entry and declares what changed; `hackathon.commands` runs
it as one unit of work and publishes the door's counters (`checkin:stats`) after the commit. The JSON API, the
sockets and the console only call these.

Scans are not logged one by one (a door scans hundreds a minute; each check-in row says who scanned it); undos,
points, walk-ins and reissued badges are. A scan's `nonce` is the door's own retry key (older than the
pipeline's idempotency keys, and part of the contract): a retry gets the first answer. When two requests with
one nonce race, the loser's unit of work rolls back and `scan_badge`/`check_in_by_name` answer it with the
winner's answer.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _

from ..accounts.services import find_user
from ..audit.services import record as audit
from ..commands import Actor, changed, command
from ..errors import Forbidden
from ..events import registration as reg
from ..events.commands import REGISTRATIONS
from ..events.models import Event
from ..events.registration import get_registration
from ..extensions import db
from . import scanning
from .access import DOOR_ROLES, scanning_event
from .badges import active_badge, ensure_badge, ensure_badges, reissue
from .door_read import read_badge
from .facts import STATS, stats_subject
from .holders import holder_of
from .walkins import walk_in as register_walk_in


class _Answered(Exception):
    """A concurrent request with this scan's nonce stored its answer first (this unit of work rolled back)."""

    def __init__(self, event_id: int, nonce: str) -> None:
        super().__init__(nonce)
        self.event_id, self.nonce = event_id, nonce


def _door(actor: Actor, event: Event) -> None:
    actor.require(event, *DOOR_ROLES)


def _counted(event: Event, result: scanning.ScanResult) -> dict:
    """The door's counters change with a new check-in; the answer is the contract's status and body."""
    if result.created:
        changed(STATS, event.id, stats_subject(dt.date.fromisoformat(result.body["day"]), result.point_id))
    return {"status": result.status, "body": result.body}


def _scanned(event: Event, nonce: str | None, scan) -> dict:
    try:
        return _counted(event, scan())
    except scanning.NonceAnswered:
        raise _Answered(event.id, nonce) from None


@command("checkin.scan")
def scan(actor: Actor, *, code: str, day: str | None = None, nonce: str | None = None, door: str = "",
         point_id: int | None = None, event_slug: str | None = None, scanned_at: str | None = None) -> dict:
    """Check in a badge's holder: {"status": 201 first time that day | 200 already, "body": the contract's answer}.

    One read of the badge answers who it is and whether the scanner works its event's door (`door_read`).
    """
    read = read_badge(code, actor.id, nonce)
    event = scanning_event(actor.user, read, event_slug)
    when = scanning.parse_day(day, event)
    point = scanning.get_point(event, point_id) if point_id is not None else None
    return _scanned(event, nonce, lambda: scanning.scan(
        event, code, actor.user, day=when, nonce=nonce, door=door or "", point=point,
        scanned_at=scanning.parse_scanned_at(scanned_at), read=read))


@command("checkin.manual")
def check_in(actor: Actor, *, event: Event, registration_id: int, nonce: str | None = None, door: str = "",
             point_id: int | None = None, day: str | None = None, scanned_at: str | None = None) -> dict:
    """Check in a person found by name (a lost badge); answered as a scan."""
    _door(actor, event)
    registration = get_registration(event, registration_id)
    point = scanning.get_point(event, point_id) if point_id is not None else None
    return _scanned(event, nonce, lambda: scanning.scan(
        event, None, actor.user, day=scanning.parse_day(day, event), nonce=nonce, door=door or "", point=point,
        registration=registration, scanned_at=scanning.parse_scanned_at(scanned_at)))


def _answer(cmd, actor: Actor, **fields) -> dict:
    try:
        return cmd(actor, **fields).value
    except _Answered as answered:
        return _replayed(db.session.get(Event, answered.event_id), answered.nonce)


def _replayed(event: Event, nonce: str) -> dict:
    result = scanning.replay(event, nonce)
    return {"status": result.status, "body": result.body}


def scan_badge(actor: Actor, **fields) -> dict:
    """Run `checkin.scan`; a retry that lost the race for its nonce gets the winner's answer."""
    return _answer(scan, actor, **fields)


def check_in_by_name(actor: Actor, **fields) -> dict:
    """Run `checkin.manual`; a retry that lost the race for its nonce gets the winner's answer."""
    return _answer(check_in, actor, **fields)


@command("checkin.undo")
def undo(actor: Actor, *, event: Event, checkin_id: int) -> dict:
    """Undo a mis-scan within the minute, logged; the door's counters follow."""
    _door(actor, event)
    checkin = scanning.undo(event, checkin_id)
    person = holder_of(checkin.registration_id).user
    audit(event, actor.user, "checkin.checkin_undone", f"checkin:{checkin.id}",
          _("Undid the check-in of %(name)s at %(point)s on %(day)s.", name=person.name,
            point=checkin.point.name, day=checkin.day.isoformat()), registration_id=checkin.registration_id)
    changed(STATS, event.id, stats_subject(checkin.day, checkin.point_id))
    return {"undone": checkin.id}


@command("checkin.add_point")
def add_point(actor: Actor, *, event: Event, name: str, kind: str, day: dt.date | None) -> dict:
    """Organisers add a meal or a workshop on one of the event's days (counted once per person), logged."""
    actor.require(event, "organiser")
    point = scanning.add_point(event, name, kind, day)
    audit(event, actor.user, "checkin.point_added", f"checkin_point:{point.id}",
          _("Check-in point %(name)s added for %(day)s.", name=point.name, day=point.day.isoformat()),
          kind=point.kind, day=point.day.isoformat())
    return {"point_id": point.id}


@command("checkin.walk_in")
def walk_in(actor: Actor, *, event: Event, name: str, email: str, profile: reg.Profile, password_hash: str) -> dict:
    """Organisers register someone at the door (a new account when they have none) with a badge, logged."""
    actor.require(event, "organiser")
    new_account = find_user(email) is None
    registration = register_walk_in(event, name, email, profile, password_hash)
    # The address stays out of the log, as with invitations.
    audit(event, actor.user, "checkin.walkin_registered", f"user:{registration.user_id}",
          _("%(name)s registered at the door.", name=registration.user.name),
          registration_id=registration.id, new_account=new_account)
    changed(REGISTRATIONS, event.id, event.id)
    return {"registration_id": registration.id, "name": registration.user.name}


@command("checkin.reissue_badge")
def reissue_badge(actor: Actor, *, event: Event, registration_id: int) -> dict:
    """Organisers revoke a person's badge (its code then reads as revoked at the door) and issue a new one, logged."""
    actor.require(event, "organiser")
    registration = get_registration(event, registration_id)
    old = active_badge(registration)
    revoked_id = old.id if old is not None else None
    badge = reissue(registration)
    audit(event, actor.user, "checkin.badge_reissued", f"user:{registration.user_id}",
          _("Badge of %(name)s revoked and reissued.", name=registration.user.name) if revoked_id
          else _("Badge of %(name)s issued.", name=registration.user.name),
          registration_id=registration.id, revoked_badge_id=revoked_id, badge_id=badge.id)
    return {"registration_id": registration.id, "badge_id": badge.id}


@command("checkin.own_badge")
def own_badge(actor: Actor, *, event: Event) -> dict:
    """A confirmed participant's badge code, issued on first use ({"code": None} without a confirmed registration)."""
    registration = reg.registration_of(event, actor.user)
    if registration is None or registration.status != "confirmed":
        return {"code": None, "registration_id": None}
    return {"code": ensure_badge(registration).code, "registration_id": registration.id}


@command("checkin.issue_badges")
def issue_badges(actor: Actor, *, event: Event, registration_id: int | None = None) -> dict:
    """Organisers print badges: every confirmed registration (or one) gets its badge if it has none yet.

    Not logged: issuing the first badge is no decision (a reissue, which revokes one, is).
    """
    actor.require(event, "organiser")
    if registration_id is not None:
        ensure_badge(get_registration(event, registration_id))
        return {"issued": None}
    return {"issued": ensure_badges(event)}


@command("checkin.badge_for_mail")
def badge_for_mail(actor: Actor, *, event: Event, registration_id: int) -> dict:
    """The platform issues a confirmed person's badge for their confirmation mail, if they have none yet.

    Not logged, as any first badge; only the platform asks (`system_actor`), after the registration committed.
    """
    if actor.via != "system":
        raise Forbidden(_("You are not allowed to do that."))
    return {"code": ensure_badge(get_registration(event, registration_id)).code}
