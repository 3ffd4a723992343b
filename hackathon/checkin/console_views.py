"""The organisers' check-in console: live attendance, CSV per day, points, walk-ins, badge sheets."""

from __future__ import annotations

import datetime as dt
import secrets

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..accounts.forms import EmptyForm
from ..accounts.passwords import hash_password
from ..clock import local_today
from ..commands import request_actor
from ..csv_export import csv_download
from ..errors import DomainError
from ..events import registration as reg
from ..events.access import event_view
from ..events.emails import send_registration_email
from ..events.models import Event
from ..events.navigation import links_for
from ..events.services import event_dates
from ..paging import page_count, page_number
from . import attendance, commands, scanning, sheets
from .forms import PointForm, WalkInForm

bp = Blueprint("checkin_console", __name__, url_prefix="/events/<slug>/console/checkin")


def _day_and_point(event: Event):
    days = event_dates(event)
    today = local_today(event.timezone)
    try:
        day = dt.date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        day = today if today in days else days[0]
    points = scanning.points_of(event)
    point = next((p for p in points if str(p.id) == request.args.get("point")), None)
    point = point or scanning.existing_door(event)
    if point is not None and point.kind != "door" and point.day is not None:
        day = point.day
    return day, point, points


@bp.get("/")
@event_view("organiser")
def overview(event: Event):
    day, point, points = _day_and_point(event)
    # Columns, not check-in entities: a day at a big event has a thousand of them.
    times = attendance.checkin_times(event, day, point)
    missing = attendance.not_arrived(event, day, point)
    point_form = PointForm(formdata=None, day=day)
    return render_template(
        "checkin/attendance.html", event=event, console_links=links_for(event, g.roles, "console"),
        day=day, days=event_dates(event), point=point, points=points, stats=attendance.stats(event, day, point),
        arrivals=attendance.arrivals(event, day, times), recent=attendance.recent_checkins(event, day, point),
        missing=missing, point_form=point_form, walkin=WalkInForm(formdata=None),
    )


@bp.get("/<day>.csv")
@event_view("organiser")
def export(event: Event, day: str):
    try:
        when = dt.date.fromisoformat(day)
    except ValueError:
        abort(404)
    if when not in event_dates(event):
        abort(404)
    point = next((p for p in scanning.points_of(event) if str(p.id) == request.args.get("point")), None)
    point = point or scanning.existing_door(event)
    return csv_download(attendance.export_csv(event, when, point), f"{event.slug}-checkins-{when.isoformat()}.csv")


@bp.post("/points")
@event_view("organiser")
def add_point(event: Event):
    form = PointForm()
    if not form.validate_on_submit():
        flash(_("Please give the point a name, a kind and a day."), "error")
        return redirect(url_for("checkin_console.overview", slug=event.slug))
    try:
        point_id = commands.add_point(request_actor(), event=event, name=form.name.data, kind=form.kind.data,
                                      day=form.day.data).value["point_id"]
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("checkin_console.overview", slug=event.slug))
    flash(_("Check-in point added: scanners can choose it now."), "success")
    return redirect(url_for("checkin_console.overview", slug=event.slug, point=point_id))


@bp.post("/walk-in")
@event_view("organiser")
def walk_in(event: Event):
    form = WalkInForm()
    if not form.validate_on_submit():
        flash(_("Please give a name and a valid email address."), "error")
        return redirect(url_for("checkin_console.overview", slug=event.slug))
    # An unusable random password: the person sets their own through "forgot password".
    password_hash = hash_password(secrets.token_urlsafe(24))
    profile = reg.Profile(organisation=form.organisation.data or "", dietary=form.dietary.data or "",
                          accessibility=form.accessibility.data or "")
    try:
        done = commands.walk_in(request_actor(), event=event, name=form.name.data, email=form.email.data,
                                profile=profile, password_hash=password_hash).value
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("checkin_console.overview", slug=event.slug))
    send_registration_email(reg.get_registration(event, done["registration_id"]), "registered")
    flash(_("%(name)s is registered: show them their badge.", name=done["name"]), "success")
    return redirect(url_for("checkin_console.one_badge", slug=event.slug, registration_id=done["registration_id"]))


@bp.get("/badges")
@event_view("organiser")
def badge_sheet(event: Event):
    commands.issue_badges(request_actor(), event=event)
    total = sheets.count_cards(event)
    pages = page_count(total, sheets.SHEET_SIZE)
    page = min(page_number(request.args.get("page")), pages)
    cards = sheets.badge_cards(event, page=page)
    first = (page - 1) * sheets.SHEET_SIZE + 1
    return render_template("checkin/sheet.html", event=event, console_links=links_for(event, g.roles, "console"),
                           cards=cards, form=EmptyForm(), total=total, page=page, pages=pages, first=first,
                           last=first + len(cards) - 1)


@bp.get("/badges/<int:registration_id>")
@event_view("organiser")
def one_badge(event: Event, registration_id: int):
    commands.issue_badges(request_actor(), event=event, registration_id=registration_id)
    cards = sheets.badge_cards(event, [registration_id])
    return render_template("checkin/sheet.html", event=event, console_links=links_for(event, g.roles, "console"),
                           cards=cards, form=EmptyForm(), single=True)


@bp.post("/badges/<int:registration_id>/reissue")
@event_view("organiser")
def reissue_badge(event: Event, registration_id: int):
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("checkin_console.badge_sheet", slug=event.slug))
    try:
        commands.reissue_badge(request_actor(), event=event, registration_id=registration_id)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("checkin_console.badge_sheet", slug=event.slug))
    flash(_("A new badge is issued; the old one now reads as revoked at the door."), "success")
    return redirect(url_for("checkin_console.one_badge", slug=event.slug, registration_id=registration_id))
