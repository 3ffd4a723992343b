"""The audit log in the organiser console: search, pages, CSV (the log itself is the audit capability's; its page
is one of the event console's, like the other console pages)."""

from __future__ import annotations

from flask import Blueprint, g, render_template, request

from ..audit import services
from ..csv_export import csv_download, stamped_filename
from ..paging import page_count, page_number
from .access import event_view
from .models import Event
from .navigation import links_for

bp = Blueprint("audit", __name__, url_prefix="/events/<slug>/console/audit")


def _text(value: str, limit: int) -> str:
    # PostgreSQL refuses NUL characters in text parameters; nobody searches for one.
    return value.replace("\x00", "")[:limit]


def _filter_from_args() -> services.AuditFilter:
    args = request.args
    actor = args.get("actor", "")
    return services.AuditFilter(
        q=_text(args.get("q", ""), 100), action=_text(args.get("action", ""), 60),
        actor=int(actor) if actor.isdigit() and len(actor) < 12 else None,
        page=page_number(args.get("page")),
    )


@bp.get("/")
@event_view("organiser")
def log(event: Event):
    flt = _filter_from_args()
    rows, total = services.search(event, flt)
    pages = page_count(total, services.PAGE_SIZE)
    return render_template(
        "audit/log.html", event=event, console_links=links_for(event, g.roles, "console"), rows=rows, total=total,
        flt=flt, pages=pages, actions=services.actions_present(event), actors=services.actors_present(event),
        action_label=services.action_label,
    )


@bp.get("/audit.csv")
@event_view("organiser")
def log_csv(event: Event):
    return csv_download(services.export_csv(event, _filter_from_args()),
                        stamped_filename(event.slug, event.timezone, "audit"))
