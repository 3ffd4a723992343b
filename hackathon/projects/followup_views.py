"""Follow-ups of the winning teams, kept by organisers and by the owners of the teams' challenges."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts.forms import EmptyForm
from ..commands import request_actor
from ..errors import DomainError
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..extensions import db
from ..form_options import options
from ..teams.challenges import owned_team_ids
from ..teams.models import Team
from . import commands
from .awards import awards
from .followups import KIND_LABELS, STATUS_LABELS, FollowUpFields, follow_ups, get_follow_up
from .forms import FollowUpForm

bp = Blueprint("follow_ups", __name__, url_prefix="/events/<slug>/projects/follow-ups")
KEEPERS = ("organiser", "challenge_owner")


def _my_team_ids(event: Event, won: dict) -> set[int]:
    """The winning teams this person keeps follow-ups for: all (organisers), or those on their challenges."""
    if "organiser" in g.roles:
        return set(won)
    return owned_team_ids(event.id, current_user.id) & set(won)


def _team_options(event: Event, team_ids: set[int]) -> list[tuple[int, str]]:
    if not team_ids:
        return []
    return list(db.session.execute(select(Team.id, Team.name).where(Team.id.in_(team_ids)).order_by(Team.name)))


def _fields(form: FollowUpForm) -> FollowUpFields:
    return FollowUpFields(kind=form.kind.data, offer=form.offer.data or "", status=form.status.data,
                          starts_on=form.starts_on.data, ends_on=form.ends_on.data, notes=form.notes.data or "")


@bp.route("/", methods=["GET", "POST"])
@event_view(*KEEPERS)
def index(event: Event):
    won = awards(event)
    mine = _my_team_ids(event, won)
    form = FollowUpForm() if request.method == "POST" else FollowUpForm(formdata=None)
    form.team_id.choices = options(_team_options(event, mine))
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                commands.save_follow_up(request_actor(), event=event, team_id=form.team_id.data,
                                        fields=_fields(form))
            except DomainError as error:
                flash(error.message, "error")
            else:
                flash(_("Follow-up saved."), "success")
                return redirect(url_for("follow_ups.index", slug=event.slug))
        else:
            flash(_("Please check the follow-up."), "error")
    return render_template(
        "projects/follow_ups.html", event=event, links=links_for(event, g.roles),
        console_links=links_for(event, g.roles, "console") if "organiser" in g.roles else [],
        rows=follow_ups(event, mine), awards=won, mine=mine, form=form, kind_labels=KIND_LABELS,
        status_labels=STATUS_LABELS, delete_form=EmptyForm(), teams=dict(_team_options(event, mine)),
    ), 422 if request.method == "POST" else 200


@bp.route("/<int:follow_up_id>", methods=["GET", "POST"])
@event_view(*KEEPERS)
def edit(event: Event, follow_up_id: int):
    row = get_follow_up(event, follow_up_id)
    won = awards(event)
    mine = _my_team_ids(event, won) | ({row.team_id} if "organiser" in g.roles else set())
    if row.team_id not in mine:
        flash(_("Only organisers and the owner of the team's challenge keep its follow-ups."), "error")
        return redirect(url_for("follow_ups.index", slug=event.slug))
    form = FollowUpForm(formdata=None, obj=row, version=str(row.version)) if request.method == "GET" else FollowUpForm()
    form.team_id.choices = options(_team_options(event, {row.team_id}))
    form.team_id.data = row.team_id
    if request.method == "POST" and form.validate_on_submit():
        version = int(form.version.data) if (form.version.data or "").isdigit() else None
        try:
            commands.save_follow_up(request_actor(), event=event, team_id=row.team_id, fields=_fields(form),
                                    follow_up_id=row.id, version=version)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Follow-up saved."), "success")
            return redirect(url_for("follow_ups.index", slug=event.slug))
    team_name = db.session.scalar(select(Team.name).where(Team.id == row.team_id))
    return render_template("projects/follow_up_form.html", event=event, links=links_for(event, g.roles), form=form,
                           row=row, team_name=team_name), 422 if request.method == "POST" else 200


@bp.post("/<int:follow_up_id>/delete")
@event_view(*KEEPERS)
def delete(event: Event, follow_up_id: int):
    if not EmptyForm().validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
    else:
        try:
            commands.delete_follow_up(request_actor(), event=event, follow_up_id=follow_up_id)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Follow-up removed."), "success")
    return redirect(url_for("follow_ups.index", slug=event.slug))
