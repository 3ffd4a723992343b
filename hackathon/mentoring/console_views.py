"""The organiser's mentoring console: settings, the grid's sessions, every slot, the help queue's numbers."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.forms import EmptyForm
from ..audit.services import record as audit
from ..clock import to_zone, utcnow
from ..errors import DomainError
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..extensions import db
from ..form_options import options
from ..transactions import unit_of_work
from . import grid, listing
from .facts import publish_slots
from .forms import SessionForm, SettingsForm, SlotActionForm
from .models import MentoringSession
from .settings import settings_of, update_settings
from .views import _texts
from .views_state import state_for

bp = Blueprint("mentoring_console", __name__, url_prefix="/events/<slug>/console/mentoring")


def _session_form(event: Event, formdata=True) -> SessionForm:
    form = SessionForm() if formdata else SessionForm(formdata=None)
    form.day.choices = options((d.date.isoformat(), d.date.isoformat()) for d in event.days)
    return form


_AUDITED_SETTINGS = ("cancel_cutoff_minutes", "max_upcoming_bookings", "help_expiry_minutes")


def _settings_snapshot(settings) -> dict:
    """The settings the audit log compares before and after a change."""
    return {key: getattr(settings, key) for key in _AUDITED_SETTINGS}


def _session_when(event: Event, session) -> str:
    """'2030-09-22 10:00–12:00' (with its title, if any) in the event's time zone, for the audit log."""
    starts, ends = to_zone(session.starts_at, event.timezone), to_zone(session.ends_at, event.timezone)
    when = f"{starts:%Y-%m-%d %H:%M}–{ends:%H:%M}"
    return f"“{session.title}” {when}" if session.title else when


@bp.get("/")
@event_view("organiser")
def overview(event: Event):
    state = state_for(event, current_user, g.roles)
    settings = settings_of(event.id)
    settings_form = SettingsForm(formdata=None, obj=settings)
    return render_template(
        "mentoring/console.html", event=event, console_links=links_for(event, g.roles, "console"), state=state,
        sessions=grid.sessions_of(event.id), settings_form=settings_form, session_form=_session_form(event, False),
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
        with unit_of_work():
            before = _settings_snapshot(settings_of(event.id))
            saved = update_settings(event, cancel_cutoff_minutes=form.cancel_cutoff_minutes.data,
                                    max_upcoming_bookings=form.max_upcoming_bookings.data,
                                    help_expiry_minutes=form.help_expiry_minutes.data)
            after = _settings_snapshot(saved)
            changes = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
            if changes:
                audit(event, current_user, "mentoring.settings_changed", f"event:{event.id}",
                      _("Mentoring settings changed: %(fields)s.", fields=", ".join(sorted(changes))),
                      changes=changes)
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
        with unit_of_work():
            session = grid.create_session(
                event, day=dt.date.fromisoformat(form.day.data), start=form.start.data, end=form.end.data,
                slot_minutes=form.slot_minutes.data, location=form.location.data or "",
                video_link=form.video_link.data or "", title=form.title.data or "")
            session_id = session.id
            ids = [s.id for s in grid.load_slots(event.id) if s.session_id == session_id]
            audit(event, current_user, "mentoring.session_added", f"mentoring_session:{session_id}",
                  _("Mentoring session %(when)s added with %(n)d slots.", when=_session_when(event, session),
                    n=len(ids)), slots=len(ids), slot_minutes=session.slot_minutes, location=session.location)
    except DomainError as error:
        flash(error.message, "error")
    else:
        publish_slots(event.id, ids)
        flash(_("The session is on the grid with %(n)d open slots.", n=len(ids)), "success")
    return redirect(url_for("mentoring_console.overview", slug=event.slug))


@bp.post("/sessions/<int:session_id>/delete")
@event_view("organiser")
def delete_session(event: Event, session_id: int):
    form = EmptyForm()
    if not form.validate_on_submit():
        flash(_("That did not work. Please reload the page and try again."), "error")
        return redirect(url_for("mentoring_console.overview", slug=event.slug))
    try:
        with unit_of_work():
            found = db.session.get(MentoringSession, session_id)
            when = _session_when(event, found) if found is not None else ""
            removed = grid.delete_session(event, session_id)
            audit(event, current_user, "mentoring.session_removed", f"mentoring_session:{session_id}",
                  _("Mentoring session %(when)s removed with its %(n)d slots.", when=when, n=len(removed)),
                  slots=len(removed))
    except DomainError as error:
        flash(error.message, "error")
    else:
        # Removed slots are told as `open` with a `removed` flag and a version beyond every earlier one.
        from .. import realtime

        for slot_id in removed:
            realtime.publish("mentoring:slot", {"id": slot_id, "event_id": event.id, "removed": True,
                                                "status": "open", "version": 2**31 - 1},
                             realtime.event_room(event.id))
        flash(_("The session is removed."), "success")
    return redirect(url_for("mentoring_console.overview", slug=event.slug))
