"""Check-in pages: a participant's badge (phone and PNG), the door scanner and today's attendance at the door."""

from __future__ import annotations

from flask import Blueprint, Response, g, render_template
from flask_babel import gettext as _
from flask_login import current_user

from ..clock import local_today
from ..commands import request_actor
from ..errors import NotFound
from ..events import registration as reg
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..events.services import event_dates
from ..teams.membership import team_of
from . import attendance, commands
from .access import DOOR_ROLES
from .badges import badge_png, png_data_uri
from .scanning import existing_door, points_of

bp = Blueprint("checkin", __name__, url_prefix="/events/<slug>")


def _my_badge(event: Event):
    """The registration and badge code of the participant (issued on first view, the same badge afterwards)."""
    mine = commands.own_badge(request_actor(), event=event).value
    if mine["code"] is None:
        return None, None
    return reg.get_registration(event, mine["registration_id"]), mine["code"]


@bp.get("/badge")
@event_view("participant")
def badge_page(event: Event):
    registration, code = _my_badge(event)
    team = team_of(current_user, event.id)
    return render_template("checkin/badge.html", event=event, links=links_for(event, g.roles), code=code,
                           image=png_data_uri(code), registration=registration, team=team)


@bp.get("/badge.png")
@event_view("participant")
def badge_download(event: Event):
    _registration, code = _my_badge(event)
    if code is None:
        raise NotFound(_("You have no badge at this event."))
    g.no_store = True
    return Response(badge_png(code, 16), mimetype="image/png",
                    headers={"Content-Disposition": f'attachment; filename="{event.slug}-badge.png"'})


@bp.get("/checkin/scan")
@event_view(*DOOR_ROLES)
def scanner(event: Event):
    today = local_today(event.timezone)
    return render_template("checkin/scanner.html", event=event, links=links_for(event, g.roles),
                           today=today, event_day=today in event_dates(event), points=points_of(event))


@bp.get("/checkin/today")
@event_view(*DOOR_ROLES)
def today(event: Event):
    """Today's attendance for the door: the counters (live), the latest arrivals, who has not come yet."""
    day = local_today(event.timezone)
    point = existing_door(event)
    return render_template(
        "checkin/today.html", event=event, links=links_for(event, g.roles), day=day,
        event_day=day in event_dates(event), stats=attendance.stats(event, day, point),
        recent=attendance.recent_checkins(event, day, point), missing=attendance.not_arrived(event, day, point),
    )
