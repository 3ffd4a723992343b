"""One home for "a command": anything a person does that changes state.

A capability keeps its commands in `<capability>/commands.py`, one function per command. The function
authorises the actor, applies the rules (in the capability's rule modules), writes the audit entry, and
says what changed; it never commits, publishes, or sees `request`, `session` or `current_user`:

    @command("mentoring.book", precheck=slots.precheck_book)
    def book_slot(actor: Actor, *, slot_id: int, note: str = "") -> dict:
        slot = get_slot(slot_id)                          # NotFound -> `not_found`
        slots.book(slot, actor.user, note)                # the rules; a DomainError refuses
        changed("mentoring:slot", slot.event_id, slot.id) # published after the commit
        return {"slot_id": slot.id}

Every transport calls it the same way and only parses input, translates errors and shapes the answer:

    outcome = book_slot(actor, slot_id=3, note="")   # one unit of work, committed, then published
    outcome.value                                    # what the command returned
    outcome.payload("mentoring:slot", 3)             # that fact's payload as it was published

What the pipeline adds around the function, in order:
1. `precheck(actor, **kwargs)`, if given: a cheap read outside the write transaction that refuses the
   requests that cannot win (most racers in a storm), so they never queue for the write lock. Then
   `prepare(actor, **kwargs) -> kwargs`, if given: slow work that needs no lock (a password's hash), also
   outside the write transaction; what it returns is what the function gets.
2. One unit of work (`transactions.unit_of_work`): the function, the audit entries it adds, the outbox
   rows for what it `changed()` and, with an idempotency key, the receipt, all commit together or not at all.
3. After the commit, each changed subject's fact is built from the database by the publisher its
   capability registered (`register_fact`) and published; publishing failures never turn a committed
   command into an error (the outbox publishes it later).
Infrastructure faults (database down, pool exhausted) become `Unavailable` (code `unavailable`, with
`retry_after`), which transports answer as the socket ack `unavailable` or HTTP 503 + Retry-After.
A command called while another runs (a command composed of others) joins the outer unit of work.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, g, request
from flask_babel import gettext as _
from flask_login import current_user

from . import failpoints, outbox, realtime, receipts
from .errors import Forbidden, Invalid
from .faults import unavailable_on_infrastructure_faults
from .outbox import Change
from .registry import FactPublisher, registry
from .transactions import unit_of_work

log = logging.getLogger(__name__)
_state = threading.local()  # green-local once eventlet or gevent has patched threading


# --- who acts -------------------------------------------------------------------------------

class Actor:
    """The person a command runs for, and how they came (page, api, socket, cli, system).

    A socket's actor is made from a detached copy of the user kept in memory (`snapshot`): `id` and `name` read
    it as it is, and `user` attaches it to the command's session on first use (most of the hot path never does).
    `idempotency_key` is a client's key for this command: a retry with the same key is answered as the first
    time, changing nothing.
    """

    __slots__ = ("_user", "idempotency_key", "roles_cache", "snapshot", "token_id", "via")

    def __init__(self, user: Any = None, via: str = "page", token_id: int | None = None,
                 roles_cache: dict[int, frozenset[str]] | None = None, idempotency_key: str | None = None,
                 snapshot: Any = None) -> None:
        self._user, self.via, self.token_id = user, via, token_id
        self.roles_cache = roles_cache if roles_cache is not None else {}
        self.idempotency_key, self.snapshot = idempotency_key, snapshot

    def __repr__(self) -> str:
        return f"<Actor {self.known!r} via {self.via}>"

    @property
    def user(self) -> Any:
        """The user, attached to the current database session."""
        if self._user is None and self.snapshot is not None:
            from .extensions import db

            self._user = db.session.merge(self.snapshot, load=False)
        return self._user

    @property
    def known(self) -> Any:
        """The user as known without a query: the snapshot, or the attached user."""
        return self.snapshot if self._user is None and self.snapshot is not None else self._user

    @property
    def id(self) -> int:
        return self.known.id

    @property
    def name(self) -> str:
        return self.known.name

    def roles(self, event: Any) -> frozenset[str]:
        """The actor's roles at an event (an Event or its id), asked once per actor."""
        event_id = getattr(event, "id", event)
        roles = self.roles_cache.get(event_id)
        if roles is None:
            resolver = registry().role_resolver
            roles = resolver(self.id, event_id) if resolver else frozenset()
            self.roles_cache[event_id] = roles
        return roles

    def require(self, event: Any, *allowed: str) -> frozenset[str]:
        """The actor's roles at the event; `forbidden` unless they hold one of the allowed roles."""
        roles = self.roles(event)
        if not roles.intersection(allowed):
            refusal = registry().hooks_for("role_refusal")
            raise Forbidden(refusal[0](allowed) if refusal else _("You are not allowed to do that."))
        return roles


def request_actor() -> Actor:
    """The actor of the current HTTP request (a page or the JSON API): the logged-in user or the bearer token's.

    The roles the page guard already read (`g.roles` for `g.event`) are reused; a JSON call's
    `Idempotency-Key` header makes a retry answer as the first call did.
    """
    roles = {g.event.id: frozenset(g.roles)} if g.get("event") is not None and g.get("roles") is not None else {}
    token = g.get("api_token")
    key = request.headers.get("Idempotency-Key") if request.path.startswith("/api/") else None
    if key is not None and not 8 <= len(key) <= 64:
        raise Invalid(_("The Idempotency-Key header must have 8 to 64 characters."))
    return Actor(current_user._get_current_object(), via="api" if request.path.startswith("/api/") else "page",
                 token_id=token.id if token is not None else None, roles_cache=roles, idempotency_key=key)


def system_actor() -> Actor:
    """The platform itself, for work nobody asked for in person (expiring requests, background sweeps)."""
    return Actor(user=None, via="system")


# --- what a command declares ------------------------------------------------------------------

@dataclass
class _Run:
    changes: list[Change] = field(default_factory=list)
    notices: list[tuple[str, Any, Any]] = field(default_factory=list)


def _current_run() -> _Run:
    current = getattr(_state, "run", None)
    if current is None:
        raise RuntimeError("changed() and notify() belong inside a command (see hackathon/commands.py)")
    return current


def changed(kind: str, event_id: int, subject_id: int) -> None:
    """Declare that a subject changed: its fact is published after the commit (and by the outbox if that fails)."""
    change = Change(kind, event_id, subject_id)
    current = _current_run()
    if change not in current.changes:
        current.changes.append(change)


Notice = dict | Callable[[dict[tuple[str, int], dict]], dict]


def notify(fact: str, payload: Notice, rooms: str | Iterable[str]) -> None:
    """A one-off notice (not state) sent after the commit and its facts, e.g. "your booking was cancelled, and why".

    `payload` may be a function of the facts just published ({(kind, subject id): payload}), to carry one.
    """
    _current_run().notices.append((fact, payload, rooms))


# --- commands and running them ---------------------------------------------------------------

@dataclass
class Outcome:
    """What a command returned, and the payloads of the facts published for it."""

    value: Any
    published: dict[tuple[str, int], dict] = field(default_factory=dict)
    replayed: bool = False  # the answer of an earlier run with the same idempotency key

    def payload(self, kind: str, subject_id: int) -> dict | None:
        """The payload published for one changed subject (None if publishing it failed)."""
        return self.published.get((kind, subject_id))


class Command:
    """A registered command: call it with an actor and keyword arguments to run it through the pipeline."""

    def __init__(self, name: str, fn: Callable[..., Any], precheck: Callable[..., None] | None = None,
                 prepare: Callable[..., dict[str, Any]] | None = None) -> None:
        self.name = name
        self.fn = fn
        self.precheck = precheck
        self.prepare = prepare
        self.__doc__ = fn.__doc__
        self.__name__ = fn.__name__
        self.__module__ = fn.__module__

    def __call__(self, actor: Actor, /, **kwargs: Any) -> Outcome:
        return run(self, actor, **kwargs)

    def __repr__(self) -> str:
        return f"<Command {self.name}>"


def command(name: str, *, precheck: Callable[..., None] | None = None,
            prepare: Callable[..., dict[str, Any]] | None = None) -> Callable[[Callable[..., Any]], Command]:
    """Make a function a command named `<capability>.<verb>`; `register_commands` adds it to the app."""

    def decorate(fn: Callable[..., Any]) -> Command:
        return Command(name, fn, precheck, prepare)

    return decorate


def register_commands(app: Flask, *modules: Any) -> None:
    """Add every command defined in these modules to the app's registry (a capability's wiring calls this)."""
    commands = registry(app).commands
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, Command):
                existing = commands.get(value.name)
                if existing is not None and existing is not value:
                    raise ValueError(f"two commands are named {value.name}")
                commands[value.name] = value


def register_fact(app: Flask, kind: str, publisher: FactPublisher) -> None:
    """Name the function that builds and publishes a fact kind: (event_id, subject ids) -> {id: payload}."""
    registry(app).facts[kind] = publisher


class _AlreadyAnswered(Exception):
    """A concurrent retry with the same idempotency key committed first."""


def run(cmd: Command, actor: Actor, **kwargs: Any) -> Outcome:
    """Run a command as one unit of work, commit, then publish what it changed."""
    outer = getattr(_state, "run", None)
    if outer is not None:  # composed of other commands: one unit of work, published once at the end
        return Outcome(cmd.fn(actor, **(cmd.prepare(actor, **kwargs) if cmd.prepare is not None else kwargs)))
    key, actor.idempotency_key = actor.idempotency_key, None
    if key is not None and actor.known is None:
        raise Invalid(_("Only a person's commands take an idempotency key."))
    with unavailable_on_infrastructure_faults():
        if key is not None:
            earlier = receipts.find(actor.id, key)
            if earlier is not None:
                return _replay(cmd, earlier)
        if cmd.precheck is not None:
            cmd.precheck(actor, **kwargs)
        if cmd.prepare is not None:
            kwargs = cmd.prepare(actor, **kwargs)
        current = _Run()
        _state.run = current
        try:
            with unit_of_work():
                value = cmd.fn(actor, **kwargs)
                outbox_ids = dict(zip(current.changes, outbox.record_changes(current.changes), strict=True))
                if key is not None and not receipts.store(actor.id, key, cmd.name, value, current.changes):
                    raise _AlreadyAnswered
        except _AlreadyAnswered:
            return _replay(cmd, receipts.find(actor.id, key))
        finally:
            _state.run = None
    failpoints.hit(f"after_commit:{cmd.name}")
    published, sent = publish_changes(current.changes, current.notices)
    outbox.forget_published(outbox_ids[change] for change in sent)
    return Outcome(value, published)


def _replay(cmd: Command, receipt: receipts.CommandReceipt | None) -> Outcome:
    """The first answer to a command sent again with the same key, with the current state of what it changed."""
    if receipt is None or receipt.command != cmd.name:
        raise Invalid(_("That idempotency key was already used for another command."))
    published, _sent = publish_changes(receipts.changes_of(receipt))
    return Outcome(receipt.value, published, replayed=True)


def publish_changes(changes: Iterable[Change], notices: Iterable[tuple[str, Notice, Any]] = ()
                    ) -> tuple[dict[tuple[str, int], dict], list[Change]]:
    """Build and publish the facts of committed changes: (payloads by subject, the changes that went out).

    A failure is logged, never raised: the command has committed, and the outbox publishes it again.
    """
    published: dict[tuple[str, int], dict] = {}
    grouped: dict[tuple[str, int], list[int]] = {}
    for change in changes:
        grouped.setdefault((change.kind, change.event_id), []).append(change.subject_id)
    publishers = registry().facts
    done: list[Change] = []
    for (kind, event_id), ids in grouped.items():
        publisher = publishers.get(kind)
        if publisher is None:
            log.error("no publisher registered for fact %s", kind)
            continue
        try:
            payloads = publisher(event_id, ids)
        except Exception:
            log.warning("publishing %s %s failed; the outbox will publish it again", kind, ids, exc_info=True)
            continue
        for subject_id, payload in payloads.items():
            published[(kind, subject_id)] = payload
        done.extend(Change(kind, event_id, subject_id) for subject_id in ids)
    for fact, payload, rooms in notices:
        try:
            realtime.publish(fact, payload(published) if callable(payload) else payload, rooms)
        except Exception:
            log.warning("notice %s could not be sent", fact, exc_info=True)
    return published, done
