"""The organiser console's set-up pages: the event's settings, its dates and time zone, publication, rooms."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, available_timezones

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..accounts.forms import EmptyForm
from ..commands import request_actor
from ..errors import DomainError
from ..extensions import db
from ..form_options import options
from ..localized import language_options, translations_from_form
from ..registry import registry
from . import commands, setup, venue_rooms
from .access import event_view
from .emails import send_registration_email
from .forms import DatesForm, RoomForm, SettingsForm
from .models import Event, Registration
from .navigation import links_for
from .schedule import PHASE_KEYS, PHASES, all_windows, own_windows

bp = Blueprint("event_settings", __name__, url_prefix="/events/<slug>/console")


def timezone_options() -> list:
    """Every IANA zone, sorted (built once per process: the list does not change while it runs)."""
    global _ZONES
    if _ZONES is None:
        _ZONES = options((zone, zone) for zone in sorted(available_timezones()) if "/" in zone or zone == "UTC")
    return _ZONES


_ZONES: list | None = None


def _version(form) -> int | None:
    value = str(form.version.data or "")
    return int(value) if value.isdigit() else None


_PLAIN_FIELDS = ("name", "tagline", "description", "venue", "city", "capacity", "registration_open", "team_min_size",
                 "team_max_size", "language")


def _settings_form(event: Event, formdata: bool = True) -> SettingsForm:
    zone = ZoneInfo(event.timezone)
    local = {f"{key}_{side}_at": moment.astimezone(zone).replace(tzinfo=None)
             for key, (opens, closes) in own_windows(event).items()
             for side, moment in (("opens", opens), ("closes", closes)) if moment is not None}
    kwargs = {} if formdata else {"formdata": None}
    # Not obj=event: WTForms prefers an object's attribute to a given value, and the windows must show in the
    # event's zone, not in UTC (saving the page unchanged would move every window by the zone's offset).
    stored = {name: getattr(event, name) for name in _PLAIN_FIELDS}
    form = SettingsForm(data={**stored, **local, "version": str(event.version)}, **kwargs)
    form.language.choices = options(language_options())
    form.translation_languages.choices = options(language_options())
    if not formdata or request.method == "GET":
        form.translation_languages.data = list(event.translation_languages or [])
    return form


def _dates_form(event: Event, formdata: bool = True) -> DatesForm:
    days = [d.date for d in event.days]
    kwargs = {} if formdata else {"formdata": None}
    form = DatesForm(start=days[0] if days else None, days=len(days), timezone=event.timezone,
                     version=str(event.version), **kwargs)
    form.timezone.choices = timezone_options()
    return form


def _page(event: Event, *, settings_form=None, dates_form=None, plan=None, status: int = 200):
    return render_template(
        "events/console/settings.html", event=event, console_links=links_for(event, g.roles, "console"),
        form=settings_form or _settings_form(event, formdata=False), dates=dates_form or _dates_form(event, False),
        phases=PHASES, windows=all_windows(event), plan=plan, empty=EmptyForm(),
        translation_form=request.form if request.method == "POST" else None,
        # Other capabilities' settings of the event (how people are admitted), each a panel of its own.
        panels=[panel for hook in registry().hooks_for("settings_panel") if (panel := hook(event))],
    ), status


def _settings_from(form: SettingsForm, event: Event) -> setup.EventSettings:
    zone = ZoneInfo(event.timezone)

    def moment(name: str) -> dt.datetime | None:
        local = getattr(form, name).data
        return local.replace(tzinfo=zone).astimezone(dt.UTC) if local else None

    languages = [code for code in form.translation_languages.data or [] if code != form.language.data]
    return setup.EventSettings(
        name=form.name.data or "", tagline=form.tagline.data or "", description=form.description.data or "",
        venue=form.venue.data or "", city=form.city.data or "", capacity=form.capacity.data,
        registration_open=bool(form.registration_open.data), team_min_size=form.team_min_size.data,
        team_max_size=form.team_max_size.data,
        windows={key: (moment(f"{key}_opens_at"), moment(f"{key}_closes_at")) for key in PHASE_KEYS},
        language=form.language.data, translation_languages=languages,
        translations=translations_from_form(request.form, languages, setup.EVENT_TEXTS),
    )


@bp.route("/settings", methods=["GET", "POST"])
@event_view("organiser")
def settings(event: Event):
    form = _settings_form(event)
    if form.validate_on_submit():
        try:
            outcome = commands.save_settings(request_actor(), event=event, settings=_settings_from(form, event),
                                             expected_version=_version(form))
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            promoted = outcome.value["promoted"]
            for registration in db.session.query(Registration).filter(Registration.id.in_(promoted)):
                send_registration_email(registration, "promoted")
            flash(_("Settings saved."), "success")
            return redirect(url_for("event_settings.settings", slug=event.slug))
    if form.is_submitted() and not form.errors and not form.form_errors:
        form.form_errors.append(_("That did not work. Please reload the page and try again."))
    return _page(event, settings_form=form, status=422 if form.is_submitted() else 200)


@bp.post("/settings/dates")
@event_view("organiser")
def move_dates(event: Event):
    form = _dates_form(event)
    if not form.validate_on_submit():
        return _page(event, dates_form=form, status=422)
    change = setup.DateChange(start=form.start.data, days=form.days.data, timezone=form.timezone.data)
    current = [d.date for d in event.days]
    if change.timezone == event.timezone and current and change.start == current[0] and change.days == len(current):
        flash(_("The dates are as they were: nothing to move."), "info")
        return redirect(url_for("event_settings.settings", slug=event.slug))
    try:
        plan = setup.plan_dates(event, change)
    except DomainError as error:
        form.form_errors.append(error.message)
        return _page(event, dates_form=form, status=422)
    if plan.blocked:
        form.form_errors.extend(plan.blocked)
        return _page(event, dates_form=form, status=409)
    if plan.warnings and form.confirm.data != "yes":
        return _page(event, dates_form=form, plan=plan)  # the organiser sees what moves, then confirms
    try:
        outcome = commands.move_dates(request_actor(), event=event, change=change, expected_version=_version(form))
    except DomainError as error:
        form.form_errors.append(error.message)
        return _page(event, dates_form=form, status=409)
    flash(_("The event now runs %(first)s – %(last)s (%(tz)s).", first=outcome.value["days"][0],
            last=outcome.value["days"][-1], tz=change.timezone), "success")
    return redirect(url_for("event_settings.settings", slug=event.slug))


@bp.post("/settings/publish")
@event_view("organiser")
def publish(event: Event):
    wanted = request.form.get("published")
    if not EmptyForm().validate_on_submit() or wanted not in ("yes", "no"):
        flash(_("That did not work. Please reload the page and try again."), "error")
    else:
        commands.publish(request_actor(), event=event, published=wanted == "yes")
        flash(_("The event is published: everyone sees it, and people can register while registration is open.")
              if wanted == "yes" else _("The event is a draft again: only its staff see it."), "success")
    return redirect(url_for("event_settings.settings", slug=event.slug))


def _rooms_page(event: Event, form: RoomForm | None = None, status: int = 200, editing: int | None = None,
                edit_form: RoomForm | None = None):
    return render_template(
        "events/console/rooms.html", event=event, console_links=links_for(event, g.roles, "console"),
        rooms=venue_rooms.list_rooms(event.id), form=form or RoomForm(formdata=None), empty=EmptyForm(),
        editing=editing, edit_form=edit_form,
    ), status


@bp.route("/rooms", methods=["GET", "POST"])
@event_view("organiser")
def rooms(event: Event):
    form = RoomForm()
    if not form.is_submitted():
        return _rooms_page(event)
    if form.validate_on_submit():
        try:
            commands.add_room(request_actor(), event=event, name=form.name.data, capacity=form.capacity.data,
                              notes=form.notes.data or "")
        except DomainError as error:
            form.name.errors = [error.message]
        else:
            flash(_("Room %(name)s added.", name=" ".join(form.name.data.split())), "success")
            return redirect(url_for("event_settings.rooms", slug=event.slug))
    return _rooms_page(event, form, 422)


@bp.route("/rooms/<int:room_id>", methods=["GET", "POST"])
@event_view("organiser")
def edit_room(event: Event, room_id: int):
    room = venue_rooms.get_room(event, room_id)
    form = RoomForm(obj=room, version=str(room.version))
    if form.validate_on_submit():
        try:
            commands.update_room(request_actor(), event=event, room_id=room.id, name=form.name.data,
                                 capacity=form.capacity.data, notes=form.notes.data or "",
                                 expected_version=_version(form))
        except DomainError as error:
            form.name.errors = [error.message]
        else:
            flash(_("Room %(name)s saved.", name=" ".join(form.name.data.split())), "success")
            return redirect(url_for("event_settings.rooms", slug=event.slug))
    return _rooms_page(event, editing=room.id, edit_form=form, status=422 if form.is_submitted() else 200)


@bp.post("/rooms/<int:room_id>/delete")
@event_view("organiser")
def remove_room(event: Event, room_id: int):
    if EmptyForm().validate_on_submit():
        try:
            commands.remove_room(request_actor(), event=event, room_id=room_id)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("The room is removed."), "success")
    return redirect(url_for("event_settings.rooms", slug=event.slug))
