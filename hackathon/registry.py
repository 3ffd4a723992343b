"""The app's registries: what each capability plugs in (commands, facts, rooms, hooks), kept on the app.

Capabilities register in their `wiring.wire(app)`; the core reads through `registry()` at run time, so
the core never imports a capability and two apps in one process (the tests) never share state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app

if TYPE_CHECKING:
    from .commands import Command

KEY = "hackathon.registry"

# (event_id, subject ids) -> {subject id: payload as published}
FactPublisher = Callable[[int, list[int]], dict[int, dict]]
# (user_id, event_id) -> roles at the event
RoleResolver = Callable[[int, int], frozenset[str]]
# user -> rooms the user's sockets belong in
RoomProvider = Callable[[Any], Iterable[str]]
# (user id, session epoch, token id, login session id) -> the user, if that identity is still valid
SocketUserLoader = Callable[[int, int, int | None, int | None], Any]


@dataclass
class Registry:
    """Everything capabilities register with the app."""

    commands: dict[str, Command] = field(default_factory=dict)
    socket_commands: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, FactPublisher] = field(default_factory=dict)
    room_providers: list[RoomProvider] = field(default_factory=list)
    role_resolver: RoleResolver | None = None
    # event id -> slug: facts carry both, and slugs never change once an event exists
    event_slugs: Callable[[int], str] | None = None
    socket_user_loader: SocketUserLoader | None = None
    # model class -> the id of the user whose identity (session, token, roles, rooms) a row of it shapes
    identity_sources: dict[type, Callable[[Any], int | None]] = field(default_factory=dict)
    hooks: dict[str, list[Callable]] = field(default_factory=dict)
    keyed: dict[str, dict[str, Callable]] = field(default_factory=dict)

    def add_hook(self, name: str, hook: Callable) -> None:
        """Register a capability's hook under a name (e.g. "erase_person", "overview")."""
        hooks = self.hooks.setdefault(name, [])
        if hook not in hooks:
            hooks.append(hook)

    def hooks_for(self, name: str) -> list[Callable]:
        """The hooks registered under a name, in registration order."""
        return list(self.hooks.get(name, ()))

    def add_keyed_hook(self, name: str, key: str, hook: Callable) -> None:
        """Register a hook that answers under its own key (a demo seeder's name, a key of GET /api/v1/me)."""
        self.keyed.setdefault(name, {})[key] = hook

    def keyed_hooks(self, name: str) -> dict[str, Callable]:
        """The keyed hooks registered under a name, by key, in registration order."""
        return dict(self.keyed.get(name, {}))


def install(app: Flask) -> Registry:
    """Give the app its registry (create_app calls this first)."""
    app.extensions[KEY] = Registry()
    return app.extensions[KEY]


def registry(app: Flask | None = None) -> Registry:
    """The registry of the given app, or of the current one."""
    return (app or current_app).extensions[KEY]
