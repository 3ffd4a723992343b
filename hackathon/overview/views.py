"""The organiser's overview page and the JSON of its figures, which the page fetches again on every fact."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, g, jsonify, render_template

from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from . import figures

bp = Blueprint("overview", __name__, url_prefix="/events/<slug>/console")


def _figures(event: Event) -> dict:
    """The figures as of now."""
    g.no_store = True  # numbers of the moment: never from a cache
    return figures.overview(event)


@bp.get("/overview")
@event_view("organiser")
def page(event: Event):
    shown = _figures(event)
    return render_template("overview/overview.html", event=event, figures=shown,
                           generated=datetime.fromisoformat(shown["generated_at"]),
                           console_links=links_for(event, g.roles, "console"))


@bp.get("/overview.json")
@event_view("organiser")
def figures_json(event: Event):
    return jsonify(_figures(event))
