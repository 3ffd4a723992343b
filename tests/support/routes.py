"""What a client can reach, enumerated from the app itself: every route and method, every socket command.

The security tests walk these lists, so a route or command added tomorrow is attacked (and must be given its
expected access) without anyone remembering to add it.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import Rule

from hackathon.extensions import socketio
from hackathon.payloads import REFUSED_EVENT

# Socket events that are not commands a person sends.
NOT_COMMANDS = {"connect", "disconnect", "*", REFUSED_EVENT}
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def socket_commands() -> list[str]:
    """Every socket command of the current app: its registry (hackathon/realtime/dispatch.py), and any handler
    bound on the Socket.IO server some other way."""
    from flask import current_app

    from hackathon.registry import registry

    handlers = socketio.server.handlers.get("/", {}) if socketio.server is not None else {}
    names = set(registry(current_app).socket_commands) | set(handlers)
    return sorted(name for name in names if name not in NOT_COMMANDS)


def rules(app: Flask) -> list[Rule]:
    """Every route except static files, in a stable order."""
    return sorted((r for r in app.url_map.iter_rules() if r.endpoint != "static"), key=lambda r: (r.rule, r.endpoint))


def methods(rule: Rule) -> list[str]:
    """The methods a client would use on the rule (HEAD and OPTIONS are Werkzeug's)."""
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def fill(app: Flask, rule: Rule, values: dict) -> str:
    """The rule's path with its arguments taken from `values`, then 1 for numbers and "x" for words."""
    args = {}
    for name in rule.arguments:
        converter = type(rule._converters[name]).__name__
        default = 1 if "Int" in converter else "x"
        if converter == "AnyConverter":
            default = sorted(rule._converters[name].items)[0] if hasattr(rule._converters[name], "items") else "x"
        args[name] = values.get(name, default)
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **args)


def json_write_rules(app: Flask, slug: str) -> list[tuple[str, str]]:
    """(method, path) of every JSON API route that takes a body."""
    return [(method, fill(app, rule, {"slug": slug})) for rule in rules(app) if rule.rule.startswith("/api/")
            for method in methods(rule) if method in WRITE_METHODS]
