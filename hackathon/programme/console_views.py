"""The organiser console's agenda editor: add, change and remove items of the programme."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.forms import EmptyForm
from ..audit.services import record as audit
from ..clock import to_zone
from ..errors import DomainError
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..events.venue_rooms import room_names
from ..form_options import options
from ..localized import translations_from_form
from ..transactions import unit_of_work
from . import agenda as agenda_service
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


def _snapshot(event: Event, item) -> dict:
    """An item's fields as the audit log shows them, times in the event's zone."""
    return {"title": item.title, "kind": item.kind, "place": item.place, "description": item.description,
            "translations": item.translations,
            "starts": f"{to_zone(item.starts_at, event.timezone):%Y-%m-%d %H:%M}",
            "ends": f"{to_zone(item.ends_at, event.timezone):%Y-%m-%d %H:%M}"}


@bp.route("/", methods=["GET", "POST"])
@event_view("organiser")
def overview(event: Event):
    form = _form(event)
    if form.validate_on_submit():
        try:
            with unit_of_work():
                item = agenda_service.create_item(event, _fields(form, event))
                snapshot = _snapshot(event, item)
                audit(event, current_user, "programme.item_added", f"agenda_item:{item.id}",
                      _("%(title)s added to the agenda (%(starts)s).", title=item.title, starts=snapshot["starts"]),
                      kind=item.kind, starts=snapshot["starts"], ends=snapshot["ends"], place=item.place)
        except DomainError as error:
            form.title.errors = [error.message]
        else:
            flash(_("%(title)s is on the agenda.", title=item.title), "success")
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
            with unit_of_work():
                before = _snapshot(event, agenda_service.get_item(event, item.id))
                saved = agenda_service.update_item(event, item.id, _fields(form, event), version)
                after = _snapshot(event, saved)
                changes = {key: "changed" if key in ("description", "translations") else [before[key], after[key]]
                           for key in before if before[key] != after[key]}
                if changes:
                    audit(event, current_user, "programme.item_changed", f"agenda_item:{saved.id}",
                          _("Agenda item %(title)s changed: %(fields)s.", title=saved.title,
                            fields=", ".join(sorted(changes))), changes=changes)
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
            with unit_of_work():
                gone = _snapshot(event, agenda_service.get_item(event, item_id))
                agenda_service.delete_item(event, item_id)
                audit(event, current_user, "programme.item_removed", f"agenda_item:{item_id}",
                      _("%(title)s removed from the agenda (%(starts)s).", title=gone["title"], starts=gone["starts"]),
                      kind=gone["kind"], starts=gone["starts"])
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Agenda item removed."), "success")
    return redirect(url_for("programme_console.overview", slug=event.slug))
