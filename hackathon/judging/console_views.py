"""The organiser's judging console: the pitch session, criteria, conflicts, progress, results and exports."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.forms import EmptyForm
from ..commands import request_actor
from ..csv_export import csv_download, stamped_filename
from ..errors import DomainError, NotFound
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..extensions import db
from ..form_options import options
from ..localized import translations_from_form
from ..teams.models import Team
from ..teams.organisations import posing_at
from . import audience, commands, conflicts, criteria, export, results, scoring, session
from .facts import reveal_payload, state_payload
from .forms import ConflictForm, CriterionForm, TimerForm, parse_target
from .models import Criterion

bp = Blueprint("judging_console", __name__, url_prefix="/events/<slug>/console/judging")


def _back(event: Event, endpoint: str = "judging_console.session"):
    return redirect(url_for(endpoint, slug=event.slug))


def _act(event: Event, run: Callable[[], object], message: str, *, form_checked: bool = False,
         back: str = "judging_console.session"):
    """Call one command for the page; a refusal becomes a flash, success the message."""
    if not form_checked and not EmptyForm().validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return _back(event, back)
    try:
        run()
    except DomainError as error:
        flash(error.message, "error")
        return _back(event, back)
    flash(message, "success")
    return _back(event, back)


def conflict_form(event: Event, formdata=True) -> ConflictForm:
    form = ConflictForm(prefix="conflict") if formdata else ConflictForm(prefix="conflict", formdata=None)
    form.juror_id.choices = options((j.id, j.name) for j in conflicts.jurors(event))
    form.target.choices = options(target_choices(event))
    return form


def target_choices(event: Event) -> list[tuple[str, str]]:
    """Teams and organisations as one choice list ('team:5', 'org:3')."""
    teams = db.session.execute(select(Team.id, Team.name).where(Team.event_id == event.id).order_by(Team.name))
    organisations = posing_at(event.id)  # the registry's organisations that pose a challenge at this event
    # Each label translated once, then filled per row (hundreds of teams).
    team_label = _("Team: %(name)s")
    organisation_label = _("Organisation (all its challenges' teams): %(name)s")
    return ([(f"team:{i}", team_label % {"name": n}) for i, n in teams]
            + [(f"org:{i}", organisation_label % {"name": n}) for i, n in organisations])


@bp.get("/", endpoint="session")
@event_view("organiser")
def session_page(event: Event):
    state = session.state_of(event)
    found = scoring.progress(event)
    pitch = session.pitch_lineup(event)  # (team_id, name) rows: hundreds of teams, no entities
    team_names = {p.team_id: p.name for p in pitch}
    flagged = sorted(conflicts.mentored_pairs(event) - conflicts.conflict_pairs(event))
    juror_names = {j["juror_id"]: j["name"] for j in found.jurors}
    all_teams = {t["team_id"]: t["name"] for t in found.teams}
    return render_template(
        "judging/console.html", event=event, console_links=links_for(event, g.roles, "console"), state=state,
        state_json=state_payload(event, state), pitch=pitch, team_names=team_names, progress=found,
        criteria=criteria.list_criteria(event), conflicts=conflicts.list_conflicts(event),
        flagged=[(juror_names.get(j, "?"), all_teams.get(t, "?")) for j, t in flagged],
        conflict=conflict_form(event, False), form=EmptyForm(),
        next_team=session.next_team_id(event, [p.team_id for p in pitch]),
        votes_cast=audience.votes_cast(event), tally=audience.tally(event),
        timer=TimerForm(formdata=None, pitch_minutes=max(state.pitch_seconds // 60, 1),
                        qa_minutes=max(state.qa_seconds // 60, 1)),
    )


@bp.post("/open")
@event_view("organiser")
def open_scoring(event: Event):
    return _act(event, lambda: commands.open_scoring(request_actor(), event=event), _("Scoring is open."))


@bp.post("/close")
@event_view("organiser")
def close_scoring(event: Event):
    return _act(event, lambda: commands.close_scoring(request_actor(), event=event), _("Scoring is closed."))


@bp.post("/current/<int:team_id>")
@event_view("organiser")
def set_current(event: Event, team_id: int):
    return _act(event, lambda: commands.set_current(request_actor(), event=event, team_id=team_id),
                _("Now pitching: updated."))


@bp.post("/next")
@event_view("organiser")
def next_team(event: Event):
    return _act(event, lambda: commands.next_team(request_actor(), event=event), _("Next team."))


@bp.post("/timer/<phase>")
@event_view("organiser")
def timer(event: Event, phase: str):
    return _act(event, lambda: commands.set_timer(request_actor(), event=event, phase=phase), _("Timer updated."))


@bp.post("/timer-lengths")
@event_view("organiser")
def timer_lengths(event: Event):
    form = TimerForm()
    if not form.validate_on_submit():
        flash(_("A timer lasts from 1 to 60 minutes."), "error")
        return _back(event)
    return _act(event, lambda: commands.set_timer_lengths(
        request_actor(), event=event, pitch_seconds=form.pitch_minutes.data * 60, qa_seconds=form.qa_minutes.data * 60),
        _("Timer lengths saved."), form_checked=True)


@bp.post("/pitch/fill")
@event_view("organiser")
def fill_pitch(event: Event):
    return _act(event, lambda: commands.fill_pitch(request_actor(), event=event),
                _("Every team is in the pitch order."))


@bp.post("/pitch/<int:team_id>/<direction>")
@event_view("organiser")
def move_pitch(event: Event, team_id: int, direction: str):
    step = {"up": -1, "down": 1}.get(direction, 0)
    return _act(event, lambda: commands.move_pitch(request_actor(), event=event, team_id=team_id, step=step),
                _("Pitch order changed."))


@bp.post("/reveal")
@event_view("organiser")
def reveal(event: Event):
    return _act(event, lambda: commands.reveal_next(request_actor(), event=event), _("One more place revealed."),
                back="judging_console.results_page")


@bp.post("/publish")
@event_view("organiser")
def publish(event: Event):
    return _act(event, lambda: commands.publish_results(request_actor(), event=event),
                _("Results published: every team can see its scores and the jurors' comments."),
                back="judging_console.results_page")


@bp.post("/audience/<state>")
@event_view("organiser")
def set_audience(event: Event, state: str):
    return _act(event, lambda: commands.set_audience(request_actor(), event=event, state=state),
                _("People's choice vote updated."))


@bp.post("/conflicts")
@event_view("organiser")
def add_conflict(event: Event):
    form = conflict_form(event)
    team_id, organisation_id = parse_target(form.target.data or "")
    if not form.validate_on_submit() or (team_id is None and organisation_id is None):
        flash(_("Please choose a juror and a team or organisation."), "error")
        return _back(event)
    return _act(event, lambda: commands.record_conflict(
        request_actor(), event=event, juror_id=form.juror_id.data, team_id=team_id, organisation_id=organisation_id,
        reason=form.reason.data or ""), _("Conflict of interest recorded."), form_checked=True)


@bp.post("/conflicts/<int:conflict_id>/delete")
@event_view("organiser")
def remove_conflict(event: Event, conflict_id: int):
    return _act(event, lambda: commands.remove_conflict(request_actor(), event=event, conflict_id=conflict_id),
                _("Conflict of interest removed."))


@bp.route("/criteria/new", methods=["GET", "POST"])
@event_view("organiser")
def new_criterion(event: Event):
    return _criterion_page(event, None)


@bp.route("/criteria/<int:criterion_id>", methods=["GET", "POST"])
@event_view("organiser")
def edit_criterion(event: Event, criterion_id: int):
    return _criterion_page(event, criterion_id)


def _criterion_page(event: Event, criterion_id: int | None):
    existing = db.session.get(Criterion, criterion_id) if criterion_id else None
    if criterion_id and (existing is None or existing.event_id != event.id):
        raise NotFound(_("There is no such criterion."))
    form = CriterionForm()
    if request.method == "GET" and existing is not None:
        form = CriterionForm(formdata=None, key=existing.key, name=existing.name,
                             description=existing.description, weight=existing.weight, min=existing.min_score,
                             max=existing.max_score,
                             guide="\n".join(f"{k}: {v}" for k, v in (existing.guide or {}).items()))
    if form.validate_on_submit():
        try:
            fields = criteria.CriterionFields(
                key=form.key.data, name=form.name.data, description=form.description.data or "",
                weight=form.weight.data, min=form.min.data, max=form.max.data,
                guide=criteria.parse_guide(form.guide.data or ""),
                translations=translations_from_form(request.form, list(event.translation_languages or []),
                                                    criteria.TRANSLATED))
            commands.save_criterion(request_actor(), event=event, criterion_id=criterion_id, fields=fields)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Criterion saved."), "success")
            return _back(event)
    return render_template("judging/criterion_form.html", event=event, form=form, existing=existing,
                           console_links=links_for(event, g.roles, "console"))


@bp.post("/criteria/<int:criterion_id>/delete")
@event_view("organiser")
def delete_criterion(event: Event, criterion_id: int):
    return _act(event, lambda: commands.delete_criterion(request_actor(), event=event, criterion_id=criterion_id),
                _("Criterion removed."))


@bp.get("/results")
@event_view("organiser")
def results_page(event: Event):
    return render_template("judging/results.html", event=event, results=results.event_results(event),
                           criteria=criteria.list_criteria(event), state=session.state_of(event), form=EmptyForm(),
                           console_links=links_for(event, g.roles, "console"))


@bp.get("/projector")
@event_view("organiser")
def projector(event: Event):
    return render_template("judging/projector.html", event=event, state_json=state_payload(event),
                           reveal_json=reveal_payload(event))


def _csv(event: Event, body, name: str) -> Response:
    return csv_download(body, stamped_filename(event.slug, event.timezone, name))


@bp.get("/sheets.csv")
@event_view("organiser")
def sheets_csv(event: Event):
    return _csv(event, export.sheets_csv(event), "score-sheets")


@bp.get("/results.csv")
@event_view("organiser")
def results_csv(event: Event):
    return _csv(event, export.results_csv(event), "results")
