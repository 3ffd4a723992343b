"""Mentoring commands: every change to the slot grid, the bookings and the help queue, one function each.

Each authorises its actor, applies the rules (`slots`, `helpqueue`, `grid`, `settings`), writes the audit
entry and declares what changed; `hackathon.commands` runs it as one unit of work and publishes after the
commit. Socket handlers, JSON routes and pages only call these.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask_babel import get_locale
from flask_babel import gettext as _

from .. import realtime
from ..accounts.models import User
from ..audit.services import record as audit
from ..clock import to_zone
from ..commands import Actor, changed, command, notify, system_actor
from ..errors import NotFound
from ..events.models import Event
from ..events.schedule import require_open
from ..extensions import db
from . import grid, helpqueue, hours, slots
from .grid import get_slot
from .models import MentoringSession, MentorSlot
from .settings import save_profile, settings_of, update_settings

SLOT = "mentoring:slot"
HELP = "mentoring:help"


def _in_event(actor: Actor, event_id: int) -> frozenset[str]:
    """The actor's roles at the event; `forbidden` for someone who is not part of it."""
    return actor.require(event_id, "organiser", "mentor", "jury", "challenge_owner", "participant")


def _precheck_slot(wanted_action: str):
    def precheck(_actor: Actor, *, slot_id: int, **_kwargs) -> None:
        slots.refuse_if_taken(slot_id, wanted_action)

    return precheck


def _slot_in(event: Event | None, slot_id: int):
    slot = get_slot(slot_id)
    if event is not None and slot.event_id != event.id:
        raise NotFound(_("There is no such slot."))
    return slot


def _when_where(slot: MentorSlot) -> dict[str, str]:
    """'Thu 14:00' in the event's zone and the reader's language, and where (a room or "video call")."""
    session = db.session.get(MentoringSession, slot.session_id)
    zone = ZoneInfo(db.session.get(Event, slot.event_id).timezone)
    return {"when": format_datetime(slot.starts_at, "EEE HH:mm", tzinfo=zone, locale=get_locale()),
            "where": (session.location or _("video call")) if session else ""}


@command("mentoring.claim", precheck=_precheck_slot("claim"))
def claim_slot(actor: Actor, *, slot_id: int, event: Event | None = None) -> dict:
    """A mentor claims an open slot: open → available."""
    slot = _slot_in(event, slot_id)
    slots.claim(slot, actor.user, set(_in_event(actor, slot.event_id)))
    changed(SLOT, slot.event_id, slot.id)
    return {"slot_id": slot.id,
            "message": _("Claimed: %(when)s, %(where)s. Teams can book it now.", **_when_where(slot))}


@command("mentoring.release")
def release_slot(actor: Actor, *, slot_id: int, event: Event | None = None) -> dict:
    """The slot's mentor (or an organiser) gives it back: available → open."""
    slot = _slot_in(event, slot_id)
    slots.release(slot, actor.user, set(_in_event(actor, slot.event_id)))
    changed(SLOT, slot.event_id, slot.id)
    return {"slot_id": slot.id, "message": _("Released: %(when)s, %(where)s.", **_when_where(slot))}


def _require_mentoring_window(event_id: int, roles: frozenset[str]) -> None:
    """Teams book and ask for help within the event's mentoring window (organisers any time)."""
    require_open(db.session.get(Event, event_id), "mentoring", roles)


@command("mentoring.book", precheck=_precheck_slot("book"))
def book_slot(actor: Actor, *, slot_id: int, note: str = "", event: Event | None = None) -> dict:
    """A team member books an available slot for the team: available → booked."""
    slot = _slot_in(event, slot_id)
    _require_mentoring_window(slot.event_id, _in_event(actor, slot.event_id))
    team = slots.book(slot, actor.user, note)
    changed(SLOT, slot.event_id, slot.id)
    mentor = db.session.get(User, slot.mentor_id)
    return {"slot_id": slot.id, "team_id": team.id,
            "message": _("Booked: %(when)s with %(mentor)s, %(where)s.", mentor=mentor.name if mentor else "",
                         **_when_where(slot))}


@command("mentoring.cancel")
def cancel_slot(actor: Actor, *, slot_id: int, reason: str = "", event: Event | None = None) -> dict:
    """The booking team (until the cut-off), its mentor or an organiser cancels: booked → available."""
    slot = _slot_in(event, slot_id)
    team_id = slots.cancel(slot, actor.user, set(_in_event(actor, slot.event_id)), reason)
    changed(SLOT, slot.event_id, slot.id)
    # The team hears why, with the slot's new state (a notice: the slot fact carries the state to everyone).
    reason, by, slot_key = (reason or "").strip(), actor.user.name, (SLOT, slot.id)
    event_id = slot.event_id
    notify("mentoring:cancelled", lambda published: realtime.envelope(event_id, {
        "slot": published.get(slot_key), "team_id": team_id, "reason": reason, "by": by,
    }), realtime.team_room(team_id))
    return {"slot_id": slot.id, "team_id": team_id,
            "message": _("Booking cancelled: %(when)s, %(where)s.", **_when_where(slot))}


def _precheck_help_request(_actor: Actor, *, event: Event, **_kwargs) -> None:
    expire_stale_requests(event.id)  # a team whose last request just expired may ask again


@command("mentoring.help_request", precheck=_precheck_help_request)
def request_help(actor: Actor, *, event: Event, topic: str, location: str, tried: str = "") -> dict:
    """A team member asks for a mentor now."""
    _require_mentoring_window(event.id, _in_event(actor, event.id))
    request = helpqueue.post_request(event.id, actor.user, topic=topic, location=location, tried=tried)
    changed(HELP, event.id, request.id)
    return {"request_id": request.id, "message": _("Your request is in the queue. A mentor will come to you.")}


def _help_action(actor: Actor, request_id: int, event: Event | None, act, message) -> dict:
    request = helpqueue.get_request(request_id)
    if event is not None and request.event_id != event.id:
        raise NotFound(_("There is no such help request."))
    act(request, set(_in_event(actor, request.event_id)))
    changed(HELP, request.event_id, request.id)
    return {"request_id": request.id, "message": message(request)}


def _precheck_help_claim(_actor: Actor, *, request_id: int, **_kwargs) -> None:
    event_id = helpqueue.refuse_if_taken(request_id)
    if event_id is not None:
        # Expiry is lazy: settle the queue in its own commit first, so that a refused claim cannot undo it.
        expire_stale_requests(event_id)


@command("mentoring.help_claim", precheck=_precheck_help_claim)
def claim_help(actor: Actor, *, request_id: int, event: Event | None = None) -> dict:
    """A mentor takes a waiting request; exactly one mentor wins."""
    return _help_action(actor, request_id, event, lambda r, roles: helpqueue.claim(r, actor.user, roles),
                        lambda r: _("You are on it: %(topic)s, at %(location)s.", topic=r.topic, location=r.location))


@command("mentoring.help_resolve")
def resolve_help(actor: Actor, *, request_id: int, event: Event | None = None) -> dict:
    """The mentor on it (or an organiser) marks it resolved."""
    return _help_action(actor, request_id, event, lambda r, roles: helpqueue.resolve(r, actor.user, roles),
                        lambda r: _("Marked resolved: %(topic)s.", topic=r.topic))


@command("mentoring.help_cancel")
def cancel_help(actor: Actor, *, request_id: int, event: Event | None = None) -> dict:
    """The team (or an organiser) withdraws its request."""
    return _help_action(actor, request_id, event, lambda r, roles: helpqueue.cancel(r, actor.user, roles),
                        lambda r: _("Request withdrawn: %(topic)s.", topic=r.topic))


@command("mentoring.help_rate")
def rate_help(actor: Actor, *, request_id: int, rating: int, event: Event | None = None) -> dict:
    """The team rates the help it got, 1 to 5."""
    return _help_action(actor, request_id, event, lambda r, _roles: helpqueue.rate(r, actor.user, rating),
                        lambda r: _("Thank you: you rated the help %(n)d of 5.", n=rating))


@command("mentoring.expire_help")
def expire_help(_actor: Actor, *, event_id: int) -> dict:
    """Requests that waited too long expire (lazily, when someone looks at the queue)."""
    expired = helpqueue.expire_stale(event_id)
    for request_id in expired:
        changed(HELP, event_id, request_id)
    return {"expired": expired}


def expire_stale_requests(event_id: int) -> None:
    """Expire requests that waited too long, then tell everyone concerned (the lazy expiry on read)."""
    if helpqueue.stale_ids(event_id):  # the common case: nothing to write, no write lock taken
        expire_help(system_actor(), event_id=event_id)


@command("mentoring.save_settings")
def save_settings(actor: Actor, *, event: Event, cancel_cutoff_minutes: int, max_upcoming_bookings: int,
                  help_expiry_minutes: int) -> dict:
    """Organisers set the cancellation cut-off, the bookings a team may hold and when help requests expire."""
    actor.require(event, "organiser")
    before = _settings_snapshot(settings_of(event.id))
    saved = update_settings(event, cancel_cutoff_minutes=cancel_cutoff_minutes,
                            max_upcoming_bookings=max_upcoming_bookings, help_expiry_minutes=help_expiry_minutes)
    after = _settings_snapshot(saved)
    changes = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
    if changes:
        audit(event, actor.user, "mentoring.settings_changed", f"event:{event.id}",
              _("Mentoring settings changed: %(fields)s.", fields=", ".join(sorted(changes))), changes=changes)
    return {"changes": sorted(changes)}


_AUDITED_SETTINGS = ("cancel_cutoff_minutes", "max_upcoming_bookings", "help_expiry_minutes")


def _settings_snapshot(settings) -> dict:
    """The settings the audit log compares before and after a change."""
    return {key: getattr(settings, key) for key in _AUDITED_SETTINGS}


def session_when(event: Event, session: MentoringSession) -> str:
    """'2030-09-22 10:00–12:00' (with its title, if any) in the event's time zone, for the audit log."""
    starts, ends = to_zone(session.starts_at, event.timezone), to_zone(session.ends_at, event.timezone)
    when = f"{starts:%Y-%m-%d %H:%M}–{ends:%H:%M}"
    return f"“{session.title}” {when}" if session.title else when


@command("mentoring.add_session")
def add_session(actor: Actor, *, event: Event, day: dt.date, start: dt.time, end: dt.time, slot_minutes: int,
                location: str = "", video_link: str = "", title: str = "") -> dict:
    """Organisers add a block of the grid: its slots start open, for mentors to claim."""
    actor.require(event, "organiser")
    session = grid.create_session(event, day=day, start=start, end=end, slot_minutes=slot_minutes,
                                  location=location, video_link=video_link, title=title)
    ids = [s.id for s in grid.load_slots(event.id) if s.session_id == session.id]
    audit(event, actor.user, "mentoring.session_added", f"mentoring_session:{session.id}",
          _("Mentoring session %(when)s added with %(n)d slots.", when=session_when(event, session), n=len(ids)),
          slots=len(ids), slot_minutes=session.slot_minutes, location=session.location)
    for slot_id in ids:
        changed(SLOT, event.id, slot_id)
    return {"session_id": session.id, "slots": len(ids)}


@command("mentoring.remove_session")
def remove_session(actor: Actor, *, event: Event, session_id: int) -> dict:
    """Organisers remove a block of the grid with its slots (every phone drops them)."""
    actor.require(event, "organiser")
    found = db.session.get(MentoringSession, session_id)
    when = session_when(event, found) if found is not None and found.event_id == event.id else ""
    removed = grid.delete_session(event, session_id)
    audit(event, actor.user, "mentoring.session_removed", f"mentoring_session:{session_id}",
          _("Mentoring session %(when)s removed with its %(n)d slots.", when=when, n=len(removed)),
          slots=len(removed))
    for slot_id in removed:
        changed(SLOT, event.id, slot_id)
    return {"removed": removed}


@command("mentoring.save_profile")
def save_mentor_profile(actor: Actor, *, event: Event, expertise: str, bio: str, organisation: str = "",
                        expected_version: int | None = None) -> dict:
    """A mentor describes what they can help with."""
    actor.require(event, "mentor")
    profile = save_profile(event, actor.user, expertise=expertise, bio=bio, organisation=organisation,
                           expected_version=expected_version)
    return {"version": profile.version}


@command("mentoring.add_hours")
def add_hours(actor: Actor, *, event: Event, day: dt.date, start: dt.time, end: dt.time) -> dict:
    """A mentor says when they can mentor (the organisers turn it into slots claimed for them)."""
    actor.require(event, "mentor")
    block = hours.add_hours(event, actor.user, day, start, end)
    return {"hours_id": block.id}


@command("mentoring.remove_hours")
def remove_hours(actor: Actor, *, event: Event, hours_id: int) -> dict:
    """A mentor takes back hours that are not on the grid yet."""
    actor.require(event, "mentor")
    hours.remove_hours(event, actor.user, hours_id)
    return {"hours_id": hours_id}


@command("mentoring.generate_grid")
def generate_grid(actor: Actor, *, event: Event, slot_minutes: int, location: str, video_link: str = "") -> dict:
    """Organisers turn every mentor's hours not yet on the grid into sessions of slots claimed for that mentor."""
    actor.require(event, "organiser")
    made = hours.generate(event, slot_minutes=slot_minutes, location=location, video_link=video_link)
    audit(event, actor.user, "mentoring.grid_generated", f"event:{event.id}",
          _("Mentoring grid generated from mentors' hours: %(sessions)d sessions, %(slots)d slots claimed.",
            sessions=made.sessions, slots=len(made.claimed)),
          sessions=made.sessions, claimed=len(made.claimed), left_open=len(made.left_open))
    for slot_id in made.claimed + made.left_open:
        changed(SLOT, event.id, slot_id)
    return {"sessions": made.sessions, "claimed": len(made.claimed), "left_open": len(made.left_open)}
