"""How the demo plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask


def import_handlers() -> None:
    """The demo has no tables and no socket handlers."""


def wire(app: Flask) -> None:
    """Add `flask demo seed` (the capabilities registered their seeders in their own wiring)."""
    from .seeding import demo

    app.cli.add_command(demo)
