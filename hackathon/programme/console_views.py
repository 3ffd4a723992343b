"""The organiser console's agenda editor: add, change and remove items of the programme."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..accounts.forms import EmptyForm
from ..commands import request_actor
from ..errors import DomainError
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..events.venue_rooms import room_names
from ..form_options import options
from ..localized import translations_from_form
from . import agenda as agenda_service
from . import commands
from .forms import AgendaItemForm

bp = Blueprint("programme_console", __name__, url_prefix="/events/<slug>/console/programme")


def _day_choices(event: Event) -> list[tuple[str, str]]:
    from babel.dates import format_date
    from flask_babel import get_locale

    return [(d.date.isoformat(), format_date(d.date, "EEEE d MMMM", locale=get_locale())) for d in event.days]


def _fields(form: AgendaItemForm, event: Event) -> agenda_service.ItemFields:
    import datetime as dt

    return agenda_service.ItemFields(
        translations=translations_from_form(request.form, list(event.translation_languages or []),
                                            agenda_service.TRANSLATED),
        title=form.title.data or "", kind=form.kind.data, day=dt.date.fromisoformat(form.day.data),
        start=form.start.data, end=form.end.data, place=form.place.data or "",
        description=form.description.data or "",
    )


def _form(event: Event, **kwargs) -> AgendaItemForm:
    form = AgendaItemForm(**kwargs)
    form.day.choices = options(_day_choices(event))
    return form


@bp.route("/", methods=["GET", "POST"])
@event_view("organiser")
def overview(event: Event):
    form = _form(event)
    if form.validate_on_submit():
        try:
            added = commands.add_item(request_actor(), event=event, fields=_fields(form, event)).value
        except DomainError as error:
            form.title.errors = [error.message]
        else:
            flash(_("%(title)s is on the agenda.", title=added["title"]), "success")
            return redirect(url_for("programme_console.overview", slug=event.slug))
    items = agenda_service.agenda(event)
    return render_template(
        "programme/console.html", event=event, form=form, days=agenda_service.by_day(event, items),
        delete_form=EmptyForm(), console_links=links_for(event, g.roles, "console"), room_names=room_names(event.id),
    ), 422 if form.errors else 200


@bp.route("/<int:item_id>", methods=["GET", "POST"])
@event_view("organiser")
def edit(event: Event, item_id: int):
    item = agenda_service.get_item(event, item_id)
    zone = ZoneInfo(event.timezone)
    starts, ends = item.starts_at.astimezone(zone), item.ends_at.astimezone(zone)
    form = _form(event, obj=item, data={"day": starts.date().isoformat(), "start": starts.time().replace(tzinfo=None),
                                        "end": ends.time().replace(tzinfo=None), "version": str(item.version)})
    if form.validate_on_submit():
        version = int(form.version.data) if (form.version.data or "").isdigit() else None
        try:
            commands.change_item(request_actor(), event=event, item_id=item.id, fields=_fields(form, event),
                                 expected_version=version)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Agenda item saved."), "success")
            return redirect(url_for("programme_console.overview", slug=event.slug))
    return render_template(
        "programme/item_form.html", event=event, form=form, item=item,
        console_links=links_for(event, g.roles, "console"), room_names=room_names(event.id),
    ), 422 if form.errors or form.is_submitted() else 200


@bp.post("/<int:item_id>/delete")
@event_view("organiser")
def delete(event: Event, item_id: int):
    if EmptyForm().validate_on_submit():
        try:
            commands.remove_item(request_actor(), event=event, item_id=item_id)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Agenda item removed."), "success")
    return redirect(url_for("programme_console.overview", slug=event.slug))
