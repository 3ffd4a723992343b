"""The organiser's team view: teams per challenge, people without a team, small teams; moves, merges, CSV."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.forms import EmptyForm
from ..accounts.models import User
from ..audit.services import record as audit
from ..csv_export import csv_download, stamped_filename
from ..errors import DomainError
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..extensions import db
from ..form_options import options
from ..transactions import unit_of_work
from . import board, organiser, rules, services
from .challenges import list_challenges
from .facts import publish_outcome
from .forms import MergeForm, MoveForm
from .listing import team_cards
from .membership import team_of

bp = Blueprint("teams_console", __name__, url_prefix="/events/<slug>/console/teams")
NO_TEAM = 0


def _move_form(teams, people, formdata=True) -> MoveForm:
    form = MoveForm(prefix="move") if formdata else MoveForm(prefix="move", formdata=None)
    members = [(m.user_id, f"{m.user.name} ({t.name})") for t in teams for m in t.memberships]
    form.user_id.choices = options([(p.user_id, p.name) for p in people] + members)
    form.team_id.choices = options([(NO_TEAM, _("No team"))] + [(t.id, t.name) for t in teams])
    return form


def _merge_form(teams, formdata=True) -> MergeForm:
    form = MergeForm(prefix="merge") if formdata else MergeForm(prefix="merge", formdata=None)
    choices = options((t.id, f"{t.name} ({t.member_count}/{t.max_size})") for t in teams)
    form.source_id.choices = choices
    form.target_id.choices = choices
    return form


@bp.get("/")
@event_view("organiser")
def overview(event: Event):
    teams = team_cards(event.id)
    people = board.seekers(event)
    challenges = list_challenges(event)
    by_challenge = {c.id: [] for c in challenges}
    without = []
    for team in teams:
        by_challenge.get(team.challenge_id, without).append(team)
    return render_template(
        "teams/console.html", event=event, console_links=links_for(event, g.roles, "console"),
        challenges=challenges, by_challenge=by_challenge, without_challenge=without, people=people,
        small=[t for t in teams if t.member_count < event.team_min_size], teams=teams,
        move=_move_form(teams, people, False), merge=_merge_form(teams, False), form=EmptyForm(),
        open_=rules.formation_open(event),
    )


def _done(event: Event, outcome, message: str):
    publish_outcome(event.id, outcome)
    flash(message, "success")
    return redirect(url_for("teams_console.overview", slug=event.slug))


def _log_move(event: Event, person: User, previous_id: int | None, previous_name: str | None, target,
              outcome) -> None:
    """The move in the audit log, naming the person and both teams (in the same unit of work)."""
    if previous_name is None and target is None:
        return  # from no team to no team: nothing changed
    if previous_name and target is not None:
        summary = _("Moved %(name)s from %(old)s to %(new)s.", name=person.name, old=previous_name, new=target.name)
    elif target is not None:
        summary = _("Moved %(name)s into %(new)s.", name=person.name, new=target.name)
    else:
        summary = _("Took %(name)s out of %(old)s.", name=person.name, old=previous_name)
    audit(event, current_user, "teams.person_moved", f"user:{person.id}", summary,
          from_team=previous_id, to_team=target.id if target is not None else None,
          dissolved=[team["id"] for team in outcome.dissolved])


@bp.post("/move")
@event_view("organiser")
def move(event: Event):
    form = MoveForm(prefix="move")
    form.user_id.choices = None
    form.team_id.choices = None
    form.user_id.validate_choice = form.team_id.validate_choice = False
    if not form.validate_on_submit():
        flash(_("Please choose a person and a team."), "error")
        return redirect(url_for("teams_console.overview", slug=event.slug))
    try:
        with unit_of_work():
            target = services.get_team(event, form.team_id.data) if form.team_id.data != NO_TEAM else None
            person = db.session.get(User, form.user_id.data)
            previous = team_of(person, event.id) if person is not None else None
            # Read before the move: a team whose last member leaves is gone afterwards.
            previous_id, previous_name = (previous.id, previous.name) if previous else (None, None)
            outcome = organiser.move_person(event, form.user_id.data, target)
            _log_move(event, person, previous_id, previous_name, target, outcome)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("teams_console.overview", slug=event.slug))
    return _done(event, outcome, _("Moved."))


@bp.post("/merge")
@event_view("organiser")
def merge(event: Event):
    form = MergeForm(prefix="merge")
    form.source_id.choices = form.target_id.choices = None
    form.source_id.validate_choice = form.target_id.validate_choice = False
    if not form.validate_on_submit():
        flash(_("Please choose two teams."), "error")
        return redirect(url_for("teams_console.overview", slug=event.slug))
    try:
        with unit_of_work():
            source = services.get_team(event, form.source_id.data)
            target = services.get_team(event, form.target_id.data)
            source_id, source_name = source.id, source.name
            outcome = organiser.merge(source, target)
            audit(event, current_user, "teams.merged", f"team:{target.id}",
                  _("Merged %(source)s into %(target)s.", source=source_name, target=target.name),
                  source_id=source_id, source=source_name, members=sorted(outcome.users))
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("teams_console.overview", slug=event.slug))
    return _done(event, outcome, _("Teams merged."))


@bp.post("/<int:team_id>/dissolve")
@event_view("organiser")
def dissolve(event: Event, team_id: int):
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("teams_console.overview", slug=event.slug))
    try:
        with unit_of_work():
            team = services.get_team(event, team_id)
            name = team.name
            outcome = organiser.dissolve(team)
            audit(event, current_user, "teams.dissolved", f"team:{team_id}",
                  _("Dissolved %(team)s.", team=name), team=name, members=sorted(outcome.users))
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("teams_console.overview", slug=event.slug))
    return _done(event, outcome, _("Team dissolved; its members can join other teams."))


@bp.get("/teams.csv")
@event_view("organiser")
def export(event: Event):
    return csv_download(organiser.export_csv(event), stamped_filename(event.slug, event.timezone, "teams"))
