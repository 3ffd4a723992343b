"""The platform administrators' pages: every event, a new one, or a new one copied from an earlier one."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..accounts.admin import admin_view
from ..commands import request_actor
from ..errors import DomainError
from ..extensions import db
from ..form_options import options
from . import commands
from .forms import NewEventForm
from .models import Event, Registration, Role
from .services import get_event, list_events
from .settings_views import timezone_options
from .setup import NewEvent

bp = Blueprint("platform", __name__, url_prefix="/admin")


def _counts() -> tuple[dict[int, int], dict[int, int]]:
    """Confirmed people and organisers per event (two grouped queries, whatever the number of events)."""
    people = dict(db.session.execute(select(Registration.event_id, func.count()).where(
        Registration.status == "confirmed").group_by(Registration.event_id)).all())
    organisers = dict(db.session.execute(select(Role.event_id, func.count()).where(
        Role.role == "organiser").group_by(Role.event_id)).all())
    return people, organisers


def _form(events: list[Event]) -> NewEventForm:
    form = NewEventForm()
    form.timezone.choices = timezone_options()
    form.source.choices = options([("", _("Nothing: an empty event")),
                                   *((e.slug, f"{e.name} ({e.days[0].date.year if e.days else ''})") for e in events)])
    if not form.is_submitted():
        form.source.data = request.args.get("source", "")
    return form


@bp.get("/")
@admin_view
def home():
    return redirect(url_for("platform.events"))


@bp.route("/events", methods=["GET", "POST"])
@admin_view
def events():
    found = list_events()
    form = _form(found)
    if form.validate_on_submit():
        fields = NewEvent(slug=form.slug.data, name=form.name.data, start=form.start.data, days=form.days.data,
                          timezone=form.timezone.data, capacity=form.capacity.data)
        try:
            if form.source.data:
                outcome = commands.copy_event(request_actor(), source=get_event(form.source.data), fields=fields,
                                              organiser_email=form.organiser.data or None)
            else:
                outcome = commands.create_event(request_actor(), fields=fields,
                                                organiser_email=form.organiser.data or None)
        except DomainError as error:
            target = form.slug if error.code in ("invalid_slug", "slug_taken") else (
                form.organiser if error.code == "unknown_organiser" else None)
            if target is not None:
                target.errors = [*target.errors, error.message]
            else:
                form.form_errors.append(error.message)
        else:
            made = outcome.value
            if form.source.data:
                flash(_("%(name)s is made, with %(parts)s. It is a draft: set it up, then publish it.",
                        name=fields.name, parts=", ".join(made["copied"])), "success")
            else:
                flash(_("%(name)s is made. It is a draft: set it up, then publish it.", name=fields.name), "success")
            return redirect(url_for("event_settings.settings", slug=made["slug"]))
    people, organisers = _counts()
    return render_template("events/admin/events.html", events=found, form=form, people=people,
                           organisers=organisers), 422 if form.is_submitted() else 200
