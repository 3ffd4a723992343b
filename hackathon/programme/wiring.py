"""How the programme capability plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask


def import_handlers() -> None:
    """Import the modules that register Socket.IO handlers (before socketio.init_app binds them)."""


def wire(app: Flask) -> None:
    """Register blueprints, links, phases, room providers, /me sections and the demo seeder."""
