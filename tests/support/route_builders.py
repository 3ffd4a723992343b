"""Werkzeug's URL builders, compiled once per rule shape for the whole test session.

Werkzeug turns every URL rule into Python source and compiles it each time an app registers the rule
(about 220 rules, 0.2–0.4 s per app on this machine). A real server builds its app once; the tests build a
fresh app for every test, so without this the suite spends minutes compiling the same builders again. The
compiled function depends only on the rule's trace, its defaults and `append_unknown`; it is bound to each new
rule as Werkzeug itself binds it, so every app still gets its own rule objects and converters.
"""

from __future__ import annotations

from werkzeug.routing.rules import Rule

_compile_builder = Rule._compile_builder
_compiled: dict[tuple, object] = {}


def _shape(rule: Rule, append_unknown: bool) -> tuple:
    defaults = tuple(sorted((key, repr(value)) for key, value in (rule.defaults or {}).items()))
    # `rule.rule` spells each variable's converter (`<int:team_id>`); the builder calls the converters of the
    # rule it is bound to, so only the shape is in the key.
    return rule.rule, rule.host or rule.subdomain or "", tuple(rule._trace), defaults, append_unknown


def _compile_builder_once(self: Rule, append_unknown: bool = True):
    key = _shape(self, append_unknown)
    if key not in _compiled:
        _compiled[key] = _compile_builder(self, append_unknown)
    return _compiled[key]


def install() -> None:
    """Memoise `Rule._compile_builder` by the rule's shape (tests only)."""
    Rule._compile_builder = _compile_builder_once
