"""How the open call plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def import_handlers() -> None:
    """The open call has no socket handlers; its models are imported so that their tables are known."""
    from . import models  # noqa: F401


def wire(app: Flask) -> None:
    """Register the pages, the commands, the events' hooks (guard, panels, copying) and the erasure."""
    from ..commands import register_commands
    from ..events.navigation import Link, register_link
    from ..privacy.erasure import register_eraser
    from ..registry import registry
    from . import admission, commands, console_views, event_setup, privacy, views

    register_commands(app, commands)
    hooks = registry(app)
    hooks.add_hook("registration_guard", admission.refuse_self_registration)
    hooks.add_hook("registration_redirect", views.registration_redirect)
    hooks.add_hook("registration_panel", views.registration_panel)
    hooks.add_hook("settings_panel", views.settings_panel)
    hooks.add_hook("event_copy", event_setup.copy_open_call)
    register_eraser(app, privacy.erase_applications)
    hooks.add_hook("retention_people", privacy.retention_people)
    app.register_blueprint(views.bp)
    app.register_blueprint(console_views.bp)
    register_link(Link("console.opencall", _l("Open call"), "opencall_console.applications", ("organiser",),
                       "console", order=12))
