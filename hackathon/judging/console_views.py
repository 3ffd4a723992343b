"""The organiser's judging console: the pitch session, criteria, conflicts, progress, results and exports."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts.forms import EmptyForm
from ..audit.services import record as audit
from ..csv_export import csv_download, stamped_filename
from ..errors import Conflict, DomainError, NotFound
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..extensions import db
from ..form_options import options
from ..localized import translations_from_form
from ..teams.models import Challenge, Organisation, Team
from ..transactions import unit_of_work
from . import audience, audit_trail, conflicts, criteria, export, results, scoring, session
from .facts import publish_reveal, publish_state, reveal_payload, state_payload
from .forms import ConflictForm, CriterionForm, TimerForm, parse_target
from .models import Conflict as ConflictOfInterest
from .models import Criterion

bp = Blueprint("judging_console", __name__, url_prefix="/events/<slug>/console/judging")


def _back(event: Event, endpoint: str = "judging_console.session"):
    return redirect(url_for(endpoint, slug=event.slug))


def _act(event: Event, change: Callable[[], object], message: str, *, reveal: bool = False,
         form_checked: bool = False, back: str = "judging_console.session"):
    """Run one change in a unit of work, then tell jurors and organisers; a refusal becomes a flash."""
    if not form_checked and not EmptyForm().validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return _back(event, back)
    try:
        with unit_of_work():
            change()
    except DomainError as error:
        flash(error.message, "error")
        return _back(event, back)
    publish_state(event)
    if reveal:
        publish_reveal(event)
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
    # The registry's organisations that pose a challenge at this event.
    organisations = db.session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(
        select(Challenge.organisation_id).where(Challenge.event_id == event.id))).order_by(Organisation.name))
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
    return _act(event, lambda: audit_trail.open_scoring(event, current_user), _("Scoring is open."))


@bp.post("/close")
@event_view("organiser")
def close_scoring(event: Event):
    return _act(event, lambda: audit_trail.close_scoring(event, current_user), _("Scoring is closed."))


@bp.post("/current/<int:team_id>")
@event_view("organiser")
def set_current(event: Event, team_id: int):
    return _act(event, lambda: session.set_current(event, team_id), _("Now pitching: updated."))


@bp.post("/next")
@event_view("organiser")
def next_team(event: Event):
    def change():
        following = session.next_team_id(event)
        if following is None:
            raise Conflict(_("That was the last team in the pitch order."))
        session.set_current(event, following)

    return _act(event, change, _("Next team."))


@bp.post("/timer/<phase>")
@event_view("organiser")
def timer(event: Event, phase: str):
    return _act(event, lambda: session.set_timer(event, phase), _("Timer updated."))


@bp.post("/timer-lengths")
@event_view("organiser")
def timer_lengths(event: Event):
    form = TimerForm()
    if not form.validate_on_submit():
        flash(_("A timer lasts from 1 to 60 minutes."), "error")
        return _back(event)
    pitch_seconds, qa_seconds = form.pitch_minutes.data * 60, form.qa_minutes.data * 60

    def change():
        state = session.locked_state(event)
        before = (state.pitch_seconds, state.qa_seconds)
        session.set_timer(event, state.timer_phase, pitch_seconds, qa_seconds)
        if before != (pitch_seconds, qa_seconds):
            audit(event, current_user, "judging.timer_changed", f"event:{event.id}",
                  _("Pitch timer set to %(pitch)d minutes, Q&A to %(qa)d minutes.", pitch=pitch_seconds // 60,
                    qa=qa_seconds // 60), pitch_seconds=pitch_seconds, qa_seconds=qa_seconds)

    return _act(event, change, _("Timer lengths saved."))


@bp.post("/pitch/fill")
@event_view("organiser")
def fill_pitch(event: Event):
    def change():
        placed = {p.team_id for p in session.pitch_order(event)}
        order = session.fill_pitch_order(event)
        added = [p.team.name for p in order if p.team_id not in placed]
        if added:
            audit(event, current_user, "judging.pitch_order_changed", f"event:{event.id}",
                  _("Added to the pitch order: %(teams)s.", teams=", ".join(added)),
                  order=[p.team_id for p in order])

    return _act(event, change, _("Every team is in the pitch order."))


@bp.post("/pitch/<int:team_id>/<direction>")
@event_view("organiser")
def move_pitch(event: Event, team_id: int, direction: str):
    step = {"up": -1, "down": 1}.get(direction, 0)

    def change():
        before = [p.team_id for p in session.pitch_order(event)]
        order = session.move_pitch(event, team_id, step)
        after = [p.team_id for p in order]
        if after != before:
            place = after.index(team_id) + 1
            audit(event, current_user, "judging.pitch_order_changed", f"team:{team_id}",
                  _("%(team)s moved to place %(place)d of the pitch order.", team=order[place - 1].team.name,
                    place=place), order=after)

    return _act(event, change, _("Pitch order changed."))


@bp.post("/reveal")
@event_view("organiser")
def reveal(event: Event):
    ranked = sum(1 for r in results.event_results(event) if r.rank is not None)
    return _act(event, lambda: audit_trail.logged_change(
        event, current_user, lambda: session.reveal_next(event, ranked), "judging.place_revealed",
        lambda state: _("Place %(place)d of %(n)d revealed on the projector.", place=ranked - state.revealed + 1,
                        n=ranked), ranked=ranked),
        _("One more place revealed."), reveal=True, back="judging_console.results_page")


@bp.post("/publish")
@event_view("organiser")
def publish(event: Event):
    return _act(event, lambda: audit_trail.logged_change(
        event, current_user, lambda: session.publish_results(event), "judging.results_published",
        lambda _state: _("Results published: every team can see its scores and the jurors' comments.")),
        _("Results published: every team can see its scores and the jurors' comments."), reveal=True,
        back="judging_console.results_page")


@bp.post("/audience/<state>")
@event_view("organiser")
def set_audience(event: Event, state: str):
    labels = {"open": _("People's choice vote opened."), "closed": _("People's choice vote closed."),
              "revealed": _("People's choice vote revealed.")}
    # An unknown state is refused by the rule, so nothing is logged for it.
    return _act(event, lambda: audit_trail.logged_change(
        event, current_user, lambda: audience.set_audience(event, state), audit_trail.AUDIENCE_ACTIONS.get(state, ""),
        lambda _state: labels.get(state, ""), votes=audience.votes_cast(event)), _("People's choice vote updated."))


@bp.post("/conflicts")
@event_view("organiser")
def add_conflict(event: Event):
    form = conflict_form(event)
    team_id, organisation_id = parse_target(form.target.data or "")
    juror = next((j for j in conflicts.jurors(event) if j.id == form.juror_id.data), None) \
        if form.validate_on_submit() else None
    if juror is None or (team_id is None and organisation_id is None):
        flash(_("Please choose a juror and a team or organisation."), "error")
        return _back(event)

    def change():
        known = {c.id for c in conflicts.list_conflicts(event, juror.id)}
        conflict = conflicts.declare(event, juror, team_id=team_id, organisation_id=organisation_id,
                                     declared_by="organiser", reason=form.reason.data or "")
        if conflict.id not in known:  # declaring it again keeps the first: nothing to log
            audit(event, current_user, "judging.conflict_declared", f"conflict:{conflict.id}",
                  _("Conflict of interest recorded: %(pair)s.", pair=audit_trail.conflict_text(conflict)),
                  juror_id=juror.id, team_id=team_id, organisation_id=organisation_id)

    return _act(event, change, _("Conflict of interest recorded."), form_checked=True)


@bp.post("/conflicts/<int:conflict_id>/delete")
@event_view("organiser")
def remove_conflict(event: Event, conflict_id: int):
    def change():
        found = db.session.get(ConflictOfInterest, conflict_id)
        pair = audit_trail.conflict_text(found) if found is not None and found.event_id == event.id else ""
        details = {"juror_id": found.juror_id, "team_id": found.team_id,
                   "organisation_id": found.organisation_id} if pair else {}
        conflicts.remove(event, conflict_id)
        audit(event, current_user, "judging.conflict_removed", f"conflict:{conflict_id}",
              _("Conflict of interest removed: %(pair)s.", pair=pair), **details)

    return _act(event, change, _("Conflict of interest removed."))


@bp.route("/criteria/new", methods=["GET", "POST"])
@event_view("organiser")
def new_criterion(event: Event):
    return _criterion_page(event, None)


@bp.route("/criteria/<int:criterion_id>", methods=["GET", "POST"])
@event_view("organiser")
def edit_criterion(event: Event, criterion_id: int):
    return _criterion_page(event, criterion_id)


def _log_criterion(event: Event, saved: Criterion, before: dict | None) -> None:
    """A new criterion, or the fields an edit changed, in the audit log."""
    after = audit_trail.criterion_snapshot(saved)
    if before is None:
        audit(event, current_user, "judging.criterion_added", f"criterion:{saved.id}",
              _("Criterion %(name)s added (weight %(weight)d, scores %(min)d to %(max)d).", name=saved.name,
                weight=saved.weight, min=saved.min_score, max=saved.max_score),
              key=saved.key, weight=saved.weight, min=saved.min_score, max=saved.max_score)
        return
    changes = audit_trail.criterion_changes(before, after)
    if changes:
        audit(event, current_user, "judging.criterion_changed", f"criterion:{saved.id}",
              _("Criterion %(name)s changed: %(fields)s.", name=saved.name, fields=", ".join(sorted(changes))),
              changes=changes)


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
            with unit_of_work():
                before = audit_trail.criterion_snapshot(existing) if existing is not None else None
                saved = criteria.save_criterion(event, criteria.CriterionFields(
                    key=form.key.data, name=form.name.data, description=form.description.data or "",
                    weight=form.weight.data, min=form.min.data, max=form.max.data,
                    guide=criteria.parse_guide(form.guide.data or ""),
                    translations=translations_from_form(request.form, list(event.translation_languages or []),
                                                        criteria.TRANSLATED)), criterion_id)
                _log_criterion(event, saved, before)
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
    def change():
        found = db.session.get(Criterion, criterion_id)
        name = found.name if found is not None and found.event_id == event.id else ""
        criteria.delete_criterion(event, criterion_id)
        audit(event, current_user, "judging.criterion_removed", f"criterion:{criterion_id}",
              _("Criterion %(name)s removed.", name=name))

    return _act(event, change, _("Criterion removed."))


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
