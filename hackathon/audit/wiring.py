"""How the audit log plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask


def import_handlers() -> None:
    """The audit log has no socket handlers; its model is imported so that its table is known."""
    from . import models  # noqa: F401


def wire(app: Flask) -> None:
    """Register the eraser that takes deleted people's names out of the log.

    The log's console page is the event console's (`events/audit_views.py`, wired by the events capability): the
    log sits below every capability that writes to it, events included.
    """
    from ..registry import registry
    from . import services

    registry(app).add_hook("erase_person", services.erase_person)  # privacy's account deletion
