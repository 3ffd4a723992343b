"""Template helpers for the snippets other pages include: the now/next card and the live announcements."""

from __future__ import annotations

from flask import Flask, g

from .agenda import NowNext, event_now_next


def now_next_for(event) -> NowNext:
    """Now and next at the event by the platform's clock (one query); empty without an event."""
    if event is None:
        return NowNext()
    return event_now_next(event)


def live_snippet_once() -> bool:
    """True the first time a page asks: the live snippet may be included by base.html and by a page."""
    if g.get("programme_live_included"):
        return False
    g.programme_live_included = True
    return True


def register_template_helpers(app: Flask) -> None:
    """Expose the helpers to every template (wired once per app)."""

    @app.context_processor
    def programme_helpers():
        return {"programme_now_next": now_next_for, "programme_live_once": live_snippet_once}
