"""The organiser's mentoring console: settings, the grid's sessions, every slot, the help queue's numbers."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.forms import EmptyForm
from ..clock import utcnow
from ..commands import request_actor
from ..errors import DomainError
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..events.venue_rooms import room_names
from ..form_options import options
from . import commands, grid, hours, listing
from .forms import GenerateForm, SessionForm, SettingsForm, SlotActionForm
from .settings import settings_of
from .snapshot import state_for
from .views import _texts

bp = Blueprint("mentoring_console", __name__, url_prefix="/events/<slug>/console/mentoring")


def _session_form(event: Event, formdata=True) -> SessionForm:
    form = SessionForm() if formdata else SessionForm(formdata=None)
    form.day.choices = options((d.date.isoformat(), d.date.isoformat()) for d in event.days)
    return form



@bp.get("/")
@event_view("organiser")
def overview(event: Event):
    state = state_for(event, current_user, g.roles)
    settings = settings_of(event.id)
    settings_form = SettingsForm(formdata=None, obj=settings)
    return render_template(
        "mentoring/console.html", event=event, console_links=links_for(event, g.roles, "console"), state=state,
        sessions=grid.sessions_of(event.id), settings_form=settings_form, session_form=_session_form(event, False),
        hours=hours.all_hours(event.id), generate_form=GenerateForm(prefix="grid", formdata=None),
        room_names=room_names(event.id),
        form=SlotActionForm(formdata=None), empty=EmptyForm(), stats=state["stats"], now=utcnow(),
        texts=_texts(), when=lambda s: listing.when(s, event.timezone),
        client={"page": "console", "event": event.slug, "tz": event.timezone, "user_id": current_user.id,
                "team_id": None, "roles": sorted(g.roles), "cutoff_minutes": settings.cancel_cutoff_minutes},
    )


@bp.post("/settings")
@event_view("organiser")
def save_settings(event: Event):
    form = SettingsForm()
    if not form.validate_on_submit():
        flash(_("Please check the settings: %(errors)s", errors="; ".join(
            str(e) for errors in form.errors.values() for e in errors)), "error")
        return redirect(url_for("mentoring_console.overview", slug=event.slug))
    try:
        commands.save_settings(request_actor(), event=event, cancel_cutoff_minutes=form.cancel_cutoff_minutes.data,
                               max_upcoming_bookings=form.max_upcoming_bookings.data,
                               help_expiry_minutes=form.help_expiry_minutes.data)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Mentoring settings saved."), "success")
    return redirect(url_for("mentoring_console.overview", slug=event.slug))


@bp.post("/sessions")
@event_view("organiser")
def add_session(event: Event):
    import datetime as dt

    form = _session_form(event)
    if not form.validate_on_submit():
        flash(_("Please check the session: %(errors)s", errors="; ".join(
            str(e) for errors in form.errors.values() for e in errors)), "error")
        return redirect(url_for("mentoring_console.overview", slug=event.slug))
    try:
        outcome = commands.add_session(
            request_actor(), event=event, day=dt.date.fromisoformat(form.day.data), start=form.start.data,
            end=form.end.data, slot_minutes=form.slot_minutes.data, location=form.location.data or "",
            video_link=form.video_link.data or "", title=form.title.data or "")
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("The session is on the grid with %(n)d open slots.", n=outcome.value["slots"]), "success")
    return redirect(url_for("mentoring_console.overview", slug=event.slug))


@bp.post("/sessions/<int:session_id>/delete")
@event_view("organiser")
def delete_session(event: Event, session_id: int):
    form = EmptyForm()
    if not form.validate_on_submit():
        flash(_("That did not work. Please reload the page and try again."), "error")
        return redirect(url_for("mentoring_console.overview", slug=event.slug))
    try:
        commands.remove_session(request_actor(), event=event, session_id=session_id)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("The session is removed."), "success")
    return redirect(url_for("mentoring_console.overview", slug=event.slug))


@bp.post("/generate")
@event_view("organiser")
def generate_grid(event: Event):
    form = GenerateForm(prefix="grid")
    if not form.validate_on_submit():
        flash(_("Please check the grid's settings: %(errors)s", errors="; ".join(
            str(e) for errors in form.errors.values() for e in errors)), "error")
        return redirect(url_for("mentoring_console.overview", slug=event.slug))
    try:
        outcome = commands.generate_grid(request_actor(), event=event, slot_minutes=form.slot_minutes.data,
                                         location=form.location.data or "", video_link=form.video_link.data or "")
    except DomainError as error:
        flash(error.message, "error")
    else:
        made = outcome.value
        flash(_("The grid has %(sessions)d new sessions with %(claimed)d slots claimed by their mentors.",
                sessions=made["sessions"], claimed=made["claimed"]), "success")
        if made["left_open"]:
            flash(_("%(n)d slots overlap other slots of the same mentor and stay open.", n=made["left_open"]),
                  "warning")
    return redirect(url_for("mentoring_console.overview", slug=event.slug) + "#mentor-hours")
