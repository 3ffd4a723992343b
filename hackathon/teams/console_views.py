"""The organiser's team view: teams per challenge, people without a team, small teams; moves, merges, CSV."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from ..accounts.forms import EmptyForm
from ..commands import request_actor
from ..csv_export import csv_download, stamped_filename
from ..errors import DomainError
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..form_options import options
from . import board, commands, organiser, rules
from .challenges import list_challenges
from .forms import MergeForm, MoveForm
from .listing import team_cards

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


def _act(event: Event, run, message: str):
    """Call one command for the page; a refusal becomes a flash, success the message."""
    try:
        run()
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(message, "success")
    return redirect(url_for("teams_console.overview", slug=event.slug))


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
    team_id = form.team_id.data if form.team_id.data != NO_TEAM else None
    return _act(event, lambda: commands.move_person(request_actor(), event=event, user_id=form.user_id.data,
                                                    team_id=team_id), _("Moved."))


@bp.post("/merge")
@event_view("organiser")
def merge(event: Event):
    form = MergeForm(prefix="merge")
    form.source_id.choices = form.target_id.choices = None
    form.source_id.validate_choice = form.target_id.validate_choice = False
    if not form.validate_on_submit():
        flash(_("Please choose two teams."), "error")
        return redirect(url_for("teams_console.overview", slug=event.slug))
    return _act(event, lambda: commands.merge_teams(request_actor(), event=event, source_id=form.source_id.data,
                                                    target_id=form.target_id.data), _("Teams merged."))


@bp.post("/<int:team_id>/dissolve")
@event_view("organiser")
def dissolve(event: Event, team_id: int):
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("teams_console.overview", slug=event.slug))
    return _act(event, lambda: commands.dissolve_team(request_actor(), event=event, team_id=team_id),
                _("Team dissolved; its members can join other teams."))


@bp.get("/teams.csv")
@event_view("organiser")
def export(event: Event):
    return csv_download(organiser.export_csv(event), stamped_filename(event.slug, event.timezone, "teams"))
