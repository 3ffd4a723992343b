"""How the accounts capability plugs into the app; create_app() calls these two functions."""

from __future__ import annotations

from flask import Flask


def import_handlers() -> None:
    """Import the models, so that their tables are known."""
    from . import models  # noqa: F401


def wire(app: Flask) -> None:
    """Blueprints, Flask-Login, how sockets log in, and what shapes a person's identity."""
    from ..commands import register_commands
    from ..extensions import csrf, login_manager
    from ..realtime.identity import register_identity_source
    from ..registry import registry
    from . import api, commands, views
    from .login import configure_login, load_socket_user
    from .models import ApiToken, LoginSession, User
    from .socket_login import authenticate_socket

    configure_login(login_manager)
    app.register_blueprint(views.bp)
    csrf.exempt(api.bp)  # the API checks CSRF itself for cookie sessions; bearer tokens need none
    app.register_blueprint(api.bp)
    register_commands(app, commands)
    hooks = registry(app)
    hooks.add_hook("socket_authenticate", authenticate_socket)
    hooks.socket_user_loader = load_socket_user
    register_identity_source(app, User, "id", ("session_epoch", "active", "name", "locale"))
    register_identity_source(app, ApiToken, fields=("revoked_at", "expires_at"))
    register_identity_source(app, LoginSession, fields=("revoked_at", "expires_at"))
