"""The organisers' expo console: add a round, its tables, open and close it, live coverage and ranking,
promote the finalists to the pitch session."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..accounts.forms import EmptyForm
from ..commands import request_actor
from ..errors import DomainError, Invalid
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..form_options import options
from ..judging.conflicts import jurors
from ..judging.session import state_of
from . import commands, rounds
from .forms import RoundForm
from .standings import coverage, round_payload

bp = Blueprint("expo_console", __name__, url_prefix="/events/<slug>/console/expo")


def round_form(event: Event, formdata=True) -> RoundForm:
    form = RoundForm() if formdata else RoundForm(formdata=None)
    track_label = _("Track: %(title)s")
    form.track.choices = options([("all", _("Every team of the event"))]
                                 + [(str(tid), track_label % {"title": title}) for tid, title in rounds.tracks(event)])
    form.judge_ids.choices = options((j.id, j.name) for j in jurors(event))
    if not formdata:
        form.judge_ids.data = [j.id for j in jurors(event)]
    return form


@bp.get("/", endpoint="rounds")
@event_view("organiser")
def rounds_page(event: Event):
    return _rounds(event, round_form(event, False))


def _rounds(event: Event, form: RoundForm):
    return render_template("expo/console.html", event=event, console_links=links_for(event, g.roles, "console"),
                           rounds=[round_payload(r) for r in rounds.rounds_of(event)],
                           form=form)


@bp.post("/", endpoint="add_round")
@event_view("organiser")
def add_round(event: Event):
    form = round_form(event)
    if not form.validate_on_submit():
        return _rounds(event, form), 422
    track = form.track.data
    try:
        outcome = commands.add_round(request_actor(), event=event, name=form.name.data,
                                     track_id=int(track) if track and track.isdigit() else None,
                                     finalists=form.finalists.data, min_comparisons=form.min_comparisons.data,
                                     judge_ids=list(form.judge_ids.data or []))
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("expo_console.rounds", slug=event.slug))
    flash(_("The round is ready. Check the tables, then open it."), "success")
    return redirect(url_for("expo_console.round_page", slug=event.slug, round_id=outcome.value["round_id"]))


@bp.get("/<int:round_id>", endpoint="round_page")
@event_view("organiser")
def round_page(event: Event, round_id: int):
    expo_round = rounds.get_round(event, round_id)
    g.no_store = True
    return render_template("expo/round.html", event=event, console_links=links_for(event, g.roles, "console"),
                           round=round_payload(expo_round), coverage=coverage(expo_round), form=EmptyForm(),
                           pitch_state=state_of(event).state)


def _act(event: Event, round_id: int, run, message: str):
    back = redirect(url_for("expo_console.round_page", slug=event.slug, round_id=round_id))
    if not EmptyForm().validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return back
    try:
        run()
    except DomainError as error:
        flash(error.message, "error")
        return back
    flash(message, "success")
    return back


@bp.post("/<int:round_id>/open")
@event_view("organiser")
def open_round(event: Event, round_id: int):
    return _act(event, round_id, lambda: commands.open_round(request_actor(), event=event, round_id=round_id),
                _("The round is open: judges' phones show their first project."))


@bp.post("/<int:round_id>/close")
@event_view("organiser")
def close_round(event: Event, round_id: int):
    return _act(event, round_id, lambda: commands.close_round(request_actor(), event=event, round_id=round_id),
                _("The round is closed."))


@bp.post("/<int:round_id>/promote")
@event_view("organiser")
def promote(event: Event, round_id: int):
    return _act(event, round_id, lambda: commands.promote(request_actor(), event=event, round_id=round_id),
                _("The finalists are the pitch session's order now."))


@bp.post("/<int:round_id>/tables")
@event_view("organiser")
def tables(event: Event, round_id: int):
    def run():
        found = {}
        for name, value in request.form.items():
            if name.startswith("table_"):
                number = name.removeprefix("table_")
                if not number.isdigit():
                    raise Invalid(_("The form is incomplete. Please reload the page."))
                found[int(number)] = value
        commands.set_tables(request_actor(), event=event, round_id=round_id, tables=found)

    return _act(event, round_id, run, _("Tables saved."))
