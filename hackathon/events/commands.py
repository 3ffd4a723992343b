"""Event set-up commands: creating and copying events, their settings, dates, publication and rooms; who holds
which role, and the invitations that grant one (registering: `registration_commands`).

Each authorises its actor, applies the rules (`setup`, `copying`, `venue_rooms`, `roles`, `invitations`), writes
the audit entry and declares what changed; `hackathon.commands` runs it as one unit of work. The console, the
admin pages, the invitation page and the command line only call these. The command line acts as the platform
itself (`cli_actor()`): whoever runs it holds the database.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from ..accounts.admin import require_admin
from ..accounts.services import find_user
from ..audit.services import record as audit
from ..commands import Actor, changed, command
from ..errors import Invalid, NotFound
from ..extensions import db
from . import copying, invitations, roles, setup, venue_rooms
from .models import Event
from .roles import role_label
from .schedule import PHASE_KEYS

REGISTRATIONS = "events:registrations"


def cli_actor() -> Actor:
    """The command line: trusted like an administrator, recorded as nobody in particular."""
    return Actor(user=None, via="cli")


def _require_admin(actor: Actor) -> None:
    if actor.via != "cli":
        require_admin(actor.user)


def _organiser(event: Event, actor: Actor, email: str | None) -> object | None:
    """Give the named account (or, from a page, the administrator) the organiser role at a new event."""
    user = find_user(email) if email else actor.user
    if email and user is None:
        raise Invalid(_("There is no account with the email %(email)s. Create it first.", email=email[:254]),
                      code="unknown_organiser")
    if user is not None:
        _grant(actor, event, user, "organiser")
    return user


def _grant(actor: Actor, event: Event, user, role: str) -> None:
    """Give the person a staff role at the event, logged."""
    roles.grant_role(event, user, role, granted_by=actor.user)
    audit(event, actor.user, "role.granted", f"user:{user.id}",
          _("%(name)s is now %(role)s.", name=user.name, role=role_label(role)), role=role)


@command("events.create")
def create_event(actor: Actor, *, fields: setup.NewEvent, organiser_email: str | None = None) -> dict:
    """A platform administrator creates a new, empty event (a draft), with its first organiser."""
    _require_admin(actor)
    event = setup.create(fields)
    audit(event, actor.user, "event.created", f"event:{event.id}",
          _("Event %(name)s created (%(slug)s).", name=event.name, slug=event.slug),
          start=fields.start.isoformat(), days=fields.days, timezone=event.timezone, capacity=event.capacity)
    organiser = _organiser(event, actor, organiser_email)
    return {"event_id": event.id, "slug": event.slug, "organiser_id": organiser.id if organiser else None}


@command("events.copy")
def copy_event(actor: Actor, *, source: Event, fields: setup.NewEvent, organiser_email: str | None = None) -> dict:
    """A platform administrator makes a new event from an earlier one: its set-up on new dates, no people."""
    _require_admin(actor)
    event, copied = copying.copy_event(source, fields)
    audit(event, actor.user, "event.copied", f"event:{event.id}",
          _("Event %(name)s created as a copy of %(source)s: %(parts)s.", name=event.name, source=source.name,
            parts=", ".join(copied)), source=source.slug, start=fields.start.isoformat())
    organiser = _organiser(event, actor, organiser_email)
    return {"event_id": event.id, "slug": event.slug, "copied": copied,
            "organiser_id": organiser.id if organiser else None}


_AUDITED = ("name", "tagline", "venue", "city", "capacity", "registration_open", "team_min_size", "team_max_size",
            "language", "translation_languages",
            *(f"{key}_{side}_at" for key in PHASE_KEYS for side in ("opens", "closes")))


def _snapshot(event: Event) -> dict:
    return {key: getattr(event, key) for key in _AUDITED} | {
        "description": event.description, "translations": event.translations}


@command("events.save_settings")
def save_settings(actor: Actor, *, event: Event, settings: setup.EventSettings,
                  expected_version: int | None = None) -> dict:
    """Organisers change the event's settings; a larger capacity moves people off the waitlist."""
    actor.require(event, "organiser")
    before = _snapshot(event)
    promoted = setup.save_settings(event, settings, expected_version)
    after = _snapshot(event)
    changes = {key: "changed" if key in ("description", "translations") else [before[key], after[key]]
               for key in before if before[key] != after[key]}
    if changes:
        audit(event, actor.user, "settings.changed", f"event:{event.id}",
              _("Settings changed: %(fields)s.", fields=", ".join(sorted(changes))), changes=changes)
    changed(REGISTRATIONS, event.id, event.id)
    return {"changes": sorted(changes), "promoted": [r.id for r in promoted]}


@command("events.move_dates")
def move_dates(actor: Actor, *, event: Event, change: setup.DateChange, expected_version: int | None = None) -> dict:
    """Organisers move the event's days or time zone; everything scheduled moves with it (see `moving`)."""
    actor.require(event, "organiser")
    before = [d.date.isoformat() for d in event.days], event.timezone
    planned = setup.apply_dates(event, change, expected_version)
    after = [d.isoformat() for d in planned.new_days], change.timezone
    audit(event, actor.user, "event.dates_moved", f"event:{event.id}",
          _("Dates moved from %(before)s (%(old_tz)s) to %(after)s (%(new_tz)s).", before=before[0][0],
            old_tz=before[1], after=after[0][0], new_tz=after[1]),
          days=[before[0], after[0]], timezone=[before[1], after[1]], moved=planned.warnings)
    changed(REGISTRATIONS, event.id, event.id)
    return {"moved": planned.warnings, "days": after[0]}


@command("events.publish")
def publish(actor: Actor, *, event: Event, published: bool) -> dict:
    """Organisers publish a draft (it shows to everyone, registration can start) or take it back."""
    actor.require(event, "organiser")
    if setup.set_published(event, published):
        audit(event, actor.user, "event.published" if published else "event.unpublished", f"event:{event.id}",
              _("The event is published.") if published else _("The event is a draft again."))
    return {"published": event.published}


@command("events.add_room")
def add_room(actor: Actor, *, event: Event, name: str, capacity: int | None = None, notes: str = "") -> dict:
    """Organisers name a room of the venue."""
    actor.require(event, "organiser")
    room = venue_rooms.add_room(event, name, capacity, notes)
    audit(event, actor.user, "room.added", f"room:{room.id}", _("Room %(name)s added.", name=room.name),
          capacity=room.capacity)
    return {"room_id": room.id}


@command("events.update_room")
def update_room(actor: Actor, *, event: Event, room_id: int, name: str, capacity: int | None = None,
                notes: str = "", expected_version: int | None = None) -> dict:
    """Organisers rename a room or change its capacity or notes."""
    actor.require(event, "organiser")
    before = venue_rooms.get_room(event, room_id).name
    room = venue_rooms.update_room(event, room_id, name, capacity, notes, expected_version)
    audit(event, actor.user, "room.changed", f"room:{room.id}",
          _("Room %(name)s changed.", name=room.name), name=[before, room.name], capacity=room.capacity)
    return {"room_id": room.id}


@command("events.remove_room")
def remove_room(actor: Actor, *, event: Event, room_id: int) -> dict:
    """Organisers remove a room from the list."""
    actor.require(event, "organiser")
    name = venue_rooms.remove_room(event, room_id)
    audit(event, actor.user, "room.removed", f"room:{room_id}", _("Room %(name)s removed.", name=name))
    return {"room_id": room_id}


@command("events.enrol")
def enrol(actor: Actor, *, event: Event, user, role: str) -> dict:
    """An organiser (or the command line) gives a person a role at the event; a participant is registered."""
    from . import registration as reg

    if actor.via != "cli":
        actor.require(event, "organiser")
    if role == "participant":
        registration = reg.register(event, user, reg.Profile(), consent_data=True, by_organiser=True)
        return {"status": registration.status}
    _grant(actor, event, user, role)
    return {"status": "granted"}


# --- people and roles -----------------------------------------------------------------------------------------

@command("events.grant_role")
def grant_role(actor: Actor, *, event: Event, email: str, role: str) -> dict:
    """Organisers give the person with an account at this email a staff role (`not_found` without an account)."""
    actor.require(event, "organiser")
    user = find_user(email)
    if user is None:
        raise NotFound(_("There is no account with this email. Send an invitation instead."))
    _grant(actor, event, user, role)
    return {"user_id": user.id, "name": user.name, "role": role}


@command("events.revoke_role")
def revoke_role(actor: Actor, *, event: Event, user_id: int, role: str) -> dict:
    """Organisers take a staff role away, logged; the last organiser stays."""
    from ..accounts.models import User

    actor.require(event, "organiser")
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_("%(name)s is not %(role)s at this event.", name=f"#{user_id}", role=role_label(role)))
    roles.revoke_role(event, user, role)
    audit(event, actor.user, "role.revoked", f"user:{user.id}",
          _("%(name)s is no longer %(role)s.", name=user.name, role=role_label(role)), role=role)
    return {"user_id": user.id, "name": user.name, "role": role}


@command("events.create_invitation")
def create_invitation(actor: Actor, *, event: Event, role: str, email: str | None = None, max_uses: int = 1
                      ) -> dict:
    """Organisers make an invitation link granting a staff role (only for one address, if given), logged.

    The raw code is in the answer once (for the link) and never stored; the address stays out of the log, as it
    may belong to someone without an account.
    """
    actor.require(event, "organiser")
    invitation, raw = invitations.create_invitation(event, role, actor.user, days=current_app.config["INVITATION_DAYS"],
                                                    email=email, max_uses=max_uses)
    audit(event, actor.user, "invitation.created", f"invitation:{invitation.id}",
          _("Invitation as %(role)s created.", role=role_label(invitation.role)),
          role=invitation.role, max_uses=invitation.max_uses, addressed=invitation.email is not None)
    return {"invitation_id": invitation.id, "code": raw, "role": invitation.role, "email": invitation.email}


@command("events.revoke_invitation")
def revoke_invitation(actor: Actor, *, event: Event, invitation_id: int) -> dict:
    """Organisers make an invitation link stop working, logged."""
    actor.require(event, "organiser")
    invitations.revoke_invitation(event, invitation_id)
    audit(event, actor.user, "invitation.revoked", f"invitation:{invitation_id}",
          _("The invitation link no longer works."))
    return {"invitation_id": invitation_id}


@command("events.accept_invitation")
def accept_invitation(actor: Actor, *, code: str) -> dict:
    """A logged-in person accepts an invitation's link and holds its role (`gone` when it is used up or expired)."""
    granted = invitations.accept_invitation(code, actor.user)
    return {"event_id": granted.event_id, "role": granted.role}
