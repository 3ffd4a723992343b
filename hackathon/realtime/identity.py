"""Who each socket acts for: kept in memory, and invalidated at once, on every worker, when it changes.

A socket's identity (user, session epoch, API token, login session, language) is taken at connect. The
user behind it is loaded once and kept; each command reuses it instead of asking the database. Whatever
can end or change that identity — logout, "log out everywhere", a password change or reset, a revoked
token, a role or registration granted or removed, a team joined or left — writes a row of a model that a
capability registered as an *identity source* (`register_identity_source`). After the commit of such a
row, every worker drops the user from its cache and re-checks that user's sockets against the database:
a socket whose session or token no longer holds is disconnected, the others are moved to the rooms the
user's new roles give. The change reaches other workers through the bus; while the bus is unreachable
nothing cached is trusted (each command asks the database, as before), and when it comes back every
socket of the worker is re-checked.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app, has_app_context
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, make_transient_to_detached

from ..commands import Actor
from ..extensions import db, socketio
from ..registry import registry

log = logging.getLogger(__name__)
KEY = "hackathon.sockets"
_pending = threading.local()  # users whose identity changed in commits of this thread/greenlet


@dataclass(eq=False)
class SocketIdentity:
    """What a socket connected as."""

    sid: str
    user_id: int
    epoch: int
    token_id: int | None
    login_session_id: int | None
    locale: str
    roles: dict[int, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class IdentitySource:
    """A model whose rows shape someone's identity: whose (a row's user, and the column that holds it),
    and which columns matter (None: any)."""

    user_of: Callable[[Any], int | None]
    fields: frozenset[str] | None = None
    user_column: str = "user_id"


class Sockets:
    """This worker's connected sockets, by socket and by user, and the users they act for."""

    def __init__(self) -> None:
        self.by_sid: dict[str, SocketIdentity] = {}
        self.by_user: dict[int, set[str]] = defaultdict(set)
        self.users: dict[int, Any] = {}  # user id -> a detached copy of the User
        # False while the bus is unreachable: other workers' changes may be missed, so nothing cached holds.
        self.trusted = True
        self.lock = threading.RLock()

    def attach(self, identity: SocketIdentity, user: Any = None) -> None:
        """Remember a new socket (and the user it was just authenticated as: its first command needs no query)."""
        with self.lock:
            self.by_sid[identity.sid] = identity
            self.by_user[identity.user_id].add(identity.sid)
            if user is not None and self.trusted and identity.user_id not in self.users:
                self.users[identity.user_id] = _detached_copy(user)

    def detach(self, sid: str) -> SocketIdentity | None:
        with self.lock:
            identity = self.by_sid.pop(sid, None)
            if identity is not None:
                sids = self.by_user.get(identity.user_id)
                if sids is not None:
                    sids.discard(sid)
                    if not sids:
                        del self.by_user[identity.user_id]
                        self.users.pop(identity.user_id, None)
            return identity

    def forget(self, user_ids: Iterable[int]) -> list[SocketIdentity]:
        """Drop the users' cached state; returns their sockets' identities (to re-check)."""
        found = []
        with self.lock:
            for user_id in user_ids:
                self.users.pop(user_id, None)
                for sid in self.by_user.get(user_id, ()):
                    identity = self.by_sid[sid]
                    identity.roles.clear()
                    found.append(identity)
        return found

    def forget_all(self) -> list[SocketIdentity]:
        with self.lock:
            self.users.clear()
            for identity in self.by_sid.values():
                identity.roles.clear()
            return list(self.by_sid.values())


def install(app: Flask) -> Sockets:
    """Give the app its socket table (create_app)."""
    app.extensions[KEY] = Sockets()
    return app.extensions[KEY]


def sockets(app: Flask | None = None) -> Sockets:
    """The socket table of the given app, or of the current one."""
    return (app or current_app).extensions[KEY]


def register_identity_source(app: Flask, model: type, user_column: str = "user_id",
                             fields: Iterable[str] | None = None) -> None:
    """Declare that rows of `model` shape the identity of the user in `user_column` (only `fields` of them)."""
    registry(app).identity_sources[model] = IdentitySource(
        lambda row: getattr(row, user_column), frozenset(fields) if fields else None, user_column)


# --- acting for a socket ---------------------------------------------------------------------

def _detached_copy(user: Any) -> Any:
    """A copy of a loaded user that belongs to no session, to merge into each command's session."""
    mapper = inspect(user).mapper
    copy = mapper.class_()
    for column in mapper.column_attrs:
        setattr(copy, column.key, getattr(user, column.key))
    make_transient_to_detached(copy)
    return copy


def load_user(identity: SocketIdentity) -> Any:
    """The identity's user if its session, token and account still hold, from the database."""
    loader = registry().socket_user_loader
    if loader is None:
        return None
    return loader(identity.user_id, identity.epoch, identity.token_id, identity.login_session_id)


def actor_for(sid: str) -> Actor | None:
    """The actor for a socket's command: from memory when the cache is trusted, else from the database."""
    table = sockets()
    identity = table.by_sid.get(sid)
    if identity is None:
        return None
    if not table.trusted:
        user = load_user(identity)
        return None if user is None else Actor(user, via="socket", token_id=identity.token_id)
    cached = table.users.get(identity.user_id)
    if cached is None:
        user = load_user(identity)
        if user is None:
            return None
        with table.lock:
            if identity.sid in table.by_sid:  # not disconnected meanwhile
                table.users[identity.user_id] = _detached_copy(user)
        return Actor(user, via="socket", token_id=identity.token_id, roles_cache=identity.roles)
    # The cached copy is attached to this command's session only if the command touches `actor.user`.
    return Actor(None, via="socket", token_id=identity.token_id, roles_cache=identity.roles, snapshot=cached)


# --- when an identity changes ------------------------------------------------------------------

def identity_changed(user_id: int) -> None:
    """Say that a user's identity changed in the current transaction (for bulk statements the ORM cannot see)."""
    session = db.session()
    if session.in_transaction():
        session.info.setdefault("identity_changed", set()).add(user_id)
    else:
        _queue([user_id])
        process_pending()


def _queue(user_ids: Iterable[int]) -> None:
    pending = getattr(_pending, "ids", None)
    if pending is None:
        pending = _pending.ids = set()
    pending.update(user_ids)


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _flush_context: Any) -> None:
    if not has_app_context():
        return
    sources = registry().identity_sources
    if not sources:
        return
    found: set[int] = set()
    for state, obj in ((inspect(o), o) for o in (*session.new, *session.dirty, *session.deleted)):
        source = sources.get(type(obj))
        if source is None:
            continue
        if state.persistent and not state.deleted and obj in session.dirty and source.fields is not None and not any(
                state.attrs[name].history.has_changes() for name in source.fields):
            continue
        user_id = source.user_of(obj)
        if user_id is not None:
            found.add(user_id)
    if found:
        session.info.setdefault("identity_changed", set()).update(found)


@event.listens_for(Session, "do_orm_execute")
def _collect_bulk(state: Any) -> None:
    """Bulk UPDATE and DELETE (conditional updates are how rules are kept here) bypass the flush: ask first
    whose rows the statement touches, in the same transaction."""
    if not (state.is_update or state.is_delete) or not has_app_context():
        return
    mapper = state.bind_mapper
    source = registry().identity_sources.get(mapper.class_) if mapper is not None else None
    if source is None:
        return
    statement = state.statement
    if state.is_update and source.fields is not None:
        written = {getattr(column, "key", column) for column in getattr(statement, "_values", None) or {}}
        if written and not written & source.fields:
            return
    column = getattr(mapper.class_, source.user_column)
    query = select(column) if statement.whereclause is None else select(column).where(statement.whereclause)
    found = {user_id for user_id in state.session.execute(query).scalars() if user_id is not None}
    if found:
        state.session.info.setdefault("identity_changed", set()).update(found)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    changed = session.info.pop("identity_changed", None)
    if changed:
        _queue(changed)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop("identity_changed", None)


def process_pending() -> None:
    """After a commit: re-check the changed users' sockets here, and tell the other workers to do the same."""
    pending = getattr(_pending, "ids", None)
    if not pending:
        return
    _pending.ids = set()
    from .bus import broadcast_control

    recheck(current_app._get_current_object(), pending)
    broadcast_control({"identity": sorted(pending)})


def recheck(app: Flask, user_ids: Iterable[int] | None) -> None:
    """Forget cached users (all when None) and re-check their sockets on this worker: disconnect or re-room."""
    table = sockets(app)
    identities = table.forget_all() if user_ids is None else table.forget(user_ids)
    if not identities:
        return
    server = socketio.server
    from . import rooms_for

    for identity in identities:
        try:
            user = load_user(identity)
        except Exception:  # the database is away: the next command re-checks (the cache was dropped)
            log.warning("could not re-check socket %s of user %s", identity.sid, identity.user_id, exc_info=True)
            continue
        if server is None:
            continue
        if user is None:
            log.info("socket %s of user %s ended: its session or token no longer holds",
                     identity.sid, identity.user_id)
            table.detach(identity.sid)
            server.disconnect(identity.sid, namespace="/", ignore_queue=True)
            continue
        wanted = rooms_for(user)
        current = set(server.rooms(identity.sid, namespace="/")) - {identity.sid}
        for room in current - wanted:
            server.leave_room(identity.sid, room, namespace="/")
        for room in wanted - current:
            server.enter_room(identity.sid, room, namespace="/")
    db.session.rollback()  # the reads above leave no transaction open on this worker's session
