"""Socket commands: registered on the app, admitted by budget, validated, run, and always acknowledged.

A capability declares its socket commands in `sockets.py` and its wiring registers them:

    @socket_command("mentoring:book", BookPayload)
    def book(actor: Actor, payload: BookPayload) -> dict:
        outcome = commands.book_slot(actor, slot_id=payload.slot_id, note=payload.note)
        return {"slot": outcome.payload("mentoring:slot", payload.slot_id)}

    register_socket_commands(app, sockets)        # in wiring.wire(app)

The handler returns what is merged into `{"ok": true}`. Around it, this module:
- admits the command by the socket's and the user's budget where the worker reads the socket, before any
  green thread is spawned (`rate_limited` with `retry_after` otherwise);
- acts for the socket's identity from memory (`identity.actor_for`), in the socket's language, inside an
  application context only (no request context: a command needs none);
- takes the optional `idempotency_key` off the payload (a retry with the same key is answered as the
  first time and changes nothing) and validates the rest with the command's pydantic schema;
- answers every refusal in the contract's shape: `unauthorized`, `invalid`, a `DomainError`'s code,
  `unavailable` with `retry_after` for a database or queue fault, `internal` for a bug (logged once).
Unknown command names are answered `invalid` too: a client is never left waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, has_app_context
from flask_babel import force_locale
from flask_babel import gettext as _
from pydantic import BaseModel, ValidationError
from socketio import packet

from ..commands import Actor
from ..deadline import deadline
from ..errors import DomainError
from ..extensions import db, socketio
from ..faults import as_unavailable
from ..registry import registry
from . import identity
from .budget import Budgets, Limits

log = logging.getLogger(__name__)
BUDGETS_KEY = "hackathon.budgets"
IDEMPOTENCY_FIELD = "idempotency_key"
YIELD_EVERY = 8  # messages a socket's reader handles before it lets the others run


@dataclass(frozen=True)
class SocketCommand:
    """A socket command: its event name, payload schema and handler(actor, payload) -> dict | None."""

    name: str
    schema: type[BaseModel] | None
    handler: Callable[..., dict | None]

    def __call__(self, actor: Actor, payload: Any) -> dict | None:
        return self.handler(actor, payload)


def socket_command(name: str, schema: type[BaseModel] | None = None) -> Callable[[Callable], SocketCommand]:
    """Declare a socket command; the capability's wiring registers it with `register_socket_commands`."""

    def decorate(handler: Callable[..., dict | None]) -> SocketCommand:
        return SocketCommand(name, schema, handler)

    return decorate


def register_socket_commands(app: Flask, *modules: Any) -> None:
    """Add every socket command declared in these modules to the app's registry."""
    found = registry(app).socket_commands
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, SocketCommand):
                if found.get(value.name, value) is not value:
                    raise ValueError(f"two socket commands are named {value.name}")
                found[value.name] = value


def ack_error(code: str, message: str, **details: Any) -> dict:
    """The contract's refusal acknowledgement."""
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {"ok": False, "error": error}


def validation_message(error: ValidationError) -> str:
    """One readable sentence from a pydantic error: which field, what is wrong."""
    parts = []
    for item in error.errors()[:3]:
        where = ".".join(str(p) for p in item.get("loc", ())) or "payload"
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts)


def _take_idempotency_key(payload: Any) -> tuple[Any, str | None]:
    if not isinstance(payload, dict) or IDEMPOTENCY_FIELD not in payload:
        return payload, None
    payload = dict(payload)
    key = payload.pop(IDEMPOTENCY_FIELD)
    if not isinstance(key, str) or not 8 <= len(key) <= 64:
        raise DomainError(_("idempotency_key must be a string of 8 to 64 characters."), code="invalid")
    return payload, key


def execute(command: SocketCommand, sid: str, payload: Any) -> dict:
    """Run one command for a socket inside an application context; always returns an acknowledgement."""
    table = identity.sockets()
    found = table.by_sid.get(sid)
    if found is None:
        return ack_error("unauthorized", _("Please log in again."))
    with force_locale(found.locale):
        try:
            with deadline(current_app.config.get("COMMAND_DEADLINE")):
                actor = identity.actor_for(sid)
                if actor is None:
                    return ack_error("unauthorized", _("Please log in again."))
                payload, actor.idempotency_key = _take_idempotency_key(payload)
                if command.schema is not None:
                    if not isinstance(payload, dict):
                        return ack_error("invalid", _("The payload must be a JSON object."))
                    try:
                        payload = command.schema.model_validate(payload)
                    except ValidationError as error:
                        return ack_error("invalid", validation_message(error))
                result = command.handler(actor, payload)
        except DomainError as error:
            _roll_back()
            return {"ok": False, "error": error.to_dict()}
        except Exception as error:
            _roll_back()
            fault = as_unavailable(error)
            if fault is not None:
                log.warning("socket command %s unavailable: %s", command.name, getattr(fault, "cause", fault))
                return {"ok": False, "error": fault.to_dict()}
            log.exception("socket command %s failed", command.name)
            return ack_error("internal", _("Something went wrong on our side. It has been logged."))
        finally:
            identity.process_pending()
    return {"ok": True, **(result or {})}


def _app_context(app: Flask) -> Any:
    """A fresh application context for the command; the one already pushed when the test client calls inline."""
    if has_app_context() and current_app._get_current_object() is app:
        return nullcontext()
    return app.app_context()


def _roll_back() -> None:
    """Roll the command's session back, if it opened one (a refusal from memory never did)."""
    if db.session.registry.has():
        db.session.rollback()


def budgets(app: Flask) -> Budgets:
    """This worker's command budgets for the app."""
    return app.extensions[BUDGETS_KEY]


def install(app: Flask) -> None:
    """Bind the app's socket commands to its Socket.IO server, behind the budget gate (create_app, last)."""
    server = socketio.server
    app.extensions[BUDGETS_KEY] = gate = Budgets(Limits.from_config(app.config))
    table = identity.sockets(app)
    bind(app)

    def unknown(event: str, sid: str, *_args: Any) -> dict:
        try:
            with _app_context(app):
                found = table.by_sid.get(sid)
                with force_locale(found.locale if found else "en"):
                    return ack_error("invalid", _("There is no command named %(name)s.", name=str(event)[:80]))
        finally:
            gate.done(sid)

    server.on("*", unknown, namespace="/")

    # The gate runs where the worker reads the socket, before python-socketio spawns a green thread for the
    # event: a refused command costs no thread, no context and no query. Engine.IO hands each message over
    # inline (not in a thread of its own) so that the gate sees them in order, and the reader yields after
    # each one, so that a socket flooding the worker cannot keep the others waiting.
    server.eio.async_handlers = False
    handle_event = server._handle_event

    def gated(eio_sid: str, namespace: str | None, ack_id: int | None, data: list) -> None:
        sid = server.manager.sid_from_eio_sid(eio_sid, namespace or "/")
        found = table.by_sid.get(sid) if sid else None
        wait = gate.admit(sid, found.user_id if found else None) if sid else 0.0
        if wait:
            if ack_id is not None:
                with _app_context(app), force_locale(found.locale if found else "en"):
                    refusal = ack_error("rate_limited", _("Too many commands at once. Please slow down."))
                refusal["error"]["retry_after"] = max(1, round(wait))
                server._send_packet(eio_sid, server.packet_class(packet.ACK, namespace=namespace or "/", id=ack_id,
                                                                 data=[refusal]))
        else:
            handle_event(eio_sid, namespace, ack_id, data)
        # Yield now and then, so that a socket whose frames keep coming cannot keep the others waiting.
        if sid and gate.read(sid) % YIELD_EVERY == 0:
            socketio.sleep(0)

    server._handle_event = gated


def bind(app: Flask) -> None:
    """Give the Socket.IO server a handler for each registered socket command it does not handle yet."""
    server = socketio.server
    gate = budgets(app)
    bound = server.handlers.get("/", {})
    for name, command in registry(app).socket_commands.items():
        if name in bound:
            continue

        def handle(sid: str, *args: Any, command: SocketCommand = command) -> dict:
            try:
                with _app_context(app):
                    return execute(command, sid, args[0] if args else None)
            finally:
                gate.done(sid)

        server.on(name, handle, namespace="/")
