"""Mentoring socket commands: claim, release, book and cancel slots; the help queue; sync after a reconnect."""

from __future__ import annotations

from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from ..errors import Forbidden
from ..events.models import Event
from ..events.roles import roles_of
from ..events.services import get_event
from ..extensions import db
from ..realtime.dispatch import command
from ..transactions import unit_of_work
from . import helpqueue, slots
from .facts import publish_cancelled, publish_help, publish_slots
from .grid import get_slot
from .views_state import expire_and_publish, state_for


class SlotPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slot_id: StrictInt = Field(gt=0)


class BookPayload(SlotPayload):
    note: StrictStr = Field(default="", max_length=slots.MAX_NOTE)


class CancelPayload(SlotPayload):
    reason: StrictStr = Field(default="", max_length=slots.MAX_REASON)


class EventPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(min_length=1, max_length=80)


class HelpRequestPayload(EventPayload):
    topic: StrictStr = Field(min_length=3, max_length=200)
    location: StrictStr = Field(min_length=1, max_length=120)
    tried: StrictStr = Field(default="", max_length=1000)


class RequestPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    request_id: StrictInt = Field(gt=0)


class RatePayload(RequestPayload):
    rating: StrictInt = Field(ge=1, le=5)


def _roles(user, event: Event) -> set[str]:
    """The user's roles at the event; `forbidden` for someone who is not part of it."""
    roles = roles_of(user, event)
    if not roles:
        raise Forbidden(_("You are not part of this event."))
    return roles


def run_slot_action(user, slot_id: int, action: str, *, note: str = "", reason: str = "") -> dict:
    """Do one slot action as one unit of work, then publish the slot; the ack carries it."""
    cancelled_team = None
    # Most racers lose: tell them from a plain read, without queueing for the write transaction.
    slots.refuse_if_taken(slot_id, action)
    with unit_of_work():
        slot = get_slot(slot_id)
        event_id = slot.event_id
        roles = _roles(user, db.session.get(Event, event_id))
        if action == "claim":
            slots.claim(slot, user, roles)
        elif action == "release":
            slots.release(slot, user, roles)
        elif action == "book":
            slots.book(slot, user, note)
        else:
            cancelled_team = slots.cancel(slot, user, roles, reason)
    (payload,) = publish_slots(event_id, [slot_id])
    if cancelled_team is not None:
        publish_cancelled(cancelled_team, payload, reason, user.name)
    return {"slot": payload}


@command("mentoring:claim", SlotPayload)
def claim(user, payload: SlotPayload) -> dict:
    """A mentor claims an open slot: open → available."""
    return run_slot_action(user, payload.slot_id, "claim")


@command("mentoring:release", SlotPayload)
def release(user, payload: SlotPayload) -> dict:
    """The slot's mentor (or an organiser) gives it back: available → open."""
    return run_slot_action(user, payload.slot_id, "release")


@command("mentoring:book", BookPayload)
def book(user, payload: BookPayload) -> dict:
    """A team member books an available slot for the team: available → booked."""
    return run_slot_action(user, payload.slot_id, "book", note=payload.note)


@command("mentoring:cancel", CancelPayload)
def cancel(user, payload: CancelPayload) -> dict:
    """The booking team (until the cut-off), its mentor or an organiser cancels: booked → available."""
    return run_slot_action(user, payload.slot_id, "cancel", reason=payload.reason)


@command("mentoring:sync", EventPayload)
def sync(user, payload: EventPayload) -> dict:
    """Every slot, the help requests this user may see, and (organisers) the queue's numbers."""
    event = get_event(payload.event)
    return state_for(event, user, _roles(user, event))


def run_help_action(user, request_id: int, action: str, rating: int = 0) -> dict:
    """Do one help-queue action as one unit of work, then publish the request; the ack carries it."""
    if action == "claim":
        event_id = helpqueue.refuse_if_taken(request_id)
        if event_id is not None:
            # Expiry is lazy: settle the queue in its own commit first, so that a refused claim cannot undo it.
            expire_and_publish(event_id)
    with unit_of_work():
        request = helpqueue.get_request(request_id)
        event_id = request.event_id
        roles = _roles(user, db.session.get(Event, event_id))
        if action == "claim":
            helpqueue.claim(request, user, roles)
        elif action == "resolve":
            helpqueue.resolve(request, user, roles)
        elif action == "cancel":
            helpqueue.cancel(request, user, roles)
        else:
            helpqueue.rate(request, user, rating)
    (payload,) = publish_help(event_id, [request_id])
    return {"request": payload}


@command("mentoring:help_request", HelpRequestPayload)
def help_request(user, payload: HelpRequestPayload) -> dict:
    """A team member asks for a mentor now."""
    event = get_event(payload.event)
    _roles(user, event)
    expire_and_publish(event.id)  # a team whose last request just expired may ask again
    with unit_of_work():
        request = helpqueue.post_request(event.id, user, topic=payload.topic, location=payload.location,
                                         tried=payload.tried)
        request_id = request.id
    payloads = publish_help(event.id, [request_id])
    return {"request": payloads[0]}


@command("mentoring:help_claim", RequestPayload)
def help_claim(user, payload: RequestPayload) -> dict:
    """A mentor takes a waiting request; exactly one mentor wins."""
    return run_help_action(user, payload.request_id, "claim")


@command("mentoring:help_resolve", RequestPayload)
def help_resolve(user, payload: RequestPayload) -> dict:
    """The mentor on it (or an organiser) marks it resolved."""
    return run_help_action(user, payload.request_id, "resolve")


@command("mentoring:help_cancel", RequestPayload)
def help_cancel(user, payload: RequestPayload) -> dict:
    """The team (or an organiser) withdraws its request."""
    return run_help_action(user, payload.request_id, "cancel")


@command("mentoring:help_rate", RatePayload)
def help_rate(user, payload: RatePayload) -> dict:
    """The team rates the help it got, 1 to 5."""
    return run_help_action(user, payload.request_id, "rate", payload.rating)

