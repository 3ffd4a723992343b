"""Mentoring socket commands: parse, call the command, shape the acknowledgement (the pipeline does the rest)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from ..commands import Actor
from ..events.services import get_event
from ..realtime.dispatch import socket_command
from . import commands, slots
from .commands import HELP, SLOT
from .snapshot import state_for


class SlotPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slot_id: StrictInt = Field(gt=0, lt=2**63)


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
    request_id: StrictInt = Field(gt=0, lt=2**63)


class RatePayload(RequestPayload):
    rating: StrictInt = Field(ge=1, le=5)


def _slot_ack(outcome, slot_id: int) -> dict:
    """The slot's new state, and what happened in a sentence ("Booked: Thu 14:00 with Anouk, room B2.")."""
    return {"slot": outcome.payload(SLOT, slot_id), "message": outcome.value.get("message", "")}


def _help_ack(outcome, request_id: int) -> dict:
    return {"request": outcome.payload(HELP, request_id), "message": outcome.value.get("message", "")}


@socket_command("mentoring:claim", SlotPayload)
def claim(actor: Actor, payload: SlotPayload) -> dict:
    """A mentor claims an open slot: open → available."""
    return _slot_ack(commands.claim_slot(actor, slot_id=payload.slot_id), payload.slot_id)


@socket_command("mentoring:release", SlotPayload)
def release(actor: Actor, payload: SlotPayload) -> dict:
    """The slot's mentor (or an organiser) gives it back: available → open."""
    return _slot_ack(commands.release_slot(actor, slot_id=payload.slot_id), payload.slot_id)


@socket_command("mentoring:book", BookPayload)
def book(actor: Actor, payload: BookPayload) -> dict:
    """A team member books an available slot for the team: available → booked."""
    return _slot_ack(commands.book_slot(actor, slot_id=payload.slot_id, note=payload.note), payload.slot_id)


@socket_command("mentoring:cancel", CancelPayload)
def cancel(actor: Actor, payload: CancelPayload) -> dict:
    """The booking team (until the cut-off), its mentor or an organiser cancels: booked → available."""
    return _slot_ack(commands.cancel_slot(actor, slot_id=payload.slot_id, reason=payload.reason), payload.slot_id)


@socket_command("mentoring:sync", EventPayload)
def sync(actor: Actor, payload: EventPayload) -> dict:
    """Every slot, the help requests this user may see, and (organisers) the queue's numbers."""
    event = get_event(payload.event)
    roles = actor.require(event, "organiser", "mentor", "jury", "challenge_owner", "participant")
    return state_for(event, actor.user, roles)


@socket_command("mentoring:help_request", HelpRequestPayload)
def help_request(actor: Actor, payload: HelpRequestPayload) -> dict:
    """A team member asks for a mentor now."""
    outcome = commands.request_help(actor, event=get_event(payload.event), topic=payload.topic,
                                    location=payload.location, tried=payload.tried)
    return _help_ack(outcome, outcome.value["request_id"])


@socket_command("mentoring:help_claim", RequestPayload)
def help_claim(actor: Actor, payload: RequestPayload) -> dict:
    """A mentor takes a waiting request; exactly one mentor wins."""
    return _help_ack(commands.claim_help(actor, request_id=payload.request_id), payload.request_id)


@socket_command("mentoring:help_resolve", RequestPayload)
def help_resolve(actor: Actor, payload: RequestPayload) -> dict:
    """The mentor on it (or an organiser) marks it resolved."""
    return _help_ack(commands.resolve_help(actor, request_id=payload.request_id), payload.request_id)


@socket_command("mentoring:help_cancel", RequestPayload)
def help_cancel(actor: Actor, payload: RequestPayload) -> dict:
    """The team (or an organiser) withdraws its request."""
    return _help_ack(commands.cancel_help(actor, request_id=payload.request_id), payload.request_id)


@socket_command("mentoring:help_rate", RatePayload)
def help_rate(actor: Actor, payload: RatePayload) -> dict:
    """The team rates the help it got, 1 to 5."""
    return _help_ack(commands.rate_help(actor, request_id=payload.request_id, rating=payload.rating),
                     payload.request_id)
