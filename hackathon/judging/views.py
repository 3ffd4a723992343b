"""Judging pages for jurors (scoring on a phone, declaring conflicts) and for teams (their published results)."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..accounts.forms import EmptyForm
from ..commands import request_actor
from ..errors import DomainError, Forbidden
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..extensions import db
from ..form_options import options
from ..teams.membership import team_of
from ..teams.models import Team
from . import audience, commands, conflicts, scoring
from .console_views import target_choices
from .criteria import criterion_json, list_criteria
from .facts import state_payload
from .forms import ConflictForm, parse_target
from .juror import juror_summary, juror_teams
from .models import ScoreSheet
from .results import event_results
from .session import state_of
from .track_views import team_panels

bp = Blueprint("judging", __name__, url_prefix="/events/<slug>/judging")


def _chosen_team(teams: list[dict], state) -> dict | None:
    wanted = request.args.get("team", "")
    if wanted.isdigit():
        found = next((t for t in teams if t["id"] == int(wanted)), None)
        if found:
            return found
    current = next((t for t in teams if t["id"] == state.current_team_id), None)
    return current or next((t for t in teams if not t["scored"] and not t["conflict"]), teams[0] if teams else None)


@bp.get("/jury")
@event_view("jury")
def jury_page(event: Event):
    state = state_of(event)
    teams = juror_teams(event, current_user)
    criteria = list_criteria(event)
    sheets = {s.team_id: scoring.sheet_json(s) for s in scoring.sheets_of(event, current_user)}
    form = ConflictForm(prefix="conflict", formdata=None)
    form.target.choices = options(target_choices(event))
    return render_template(
        "judging/jury.html", event=event, links=links_for(event, g.roles), state=state, teams=teams,
        chosen=_chosen_team(teams, state), criteria=criteria, sheets=sheets,
        summary=juror_summary(event, current_user, teams), conflict_form=form, form=EmptyForm(),
        my_conflicts=conflicts.list_conflicts(event, current_user.id),
        panels=team_panels(event, [t["id"] for t in teams]),
        page_data={"event": event.slug, "juror": current_user.id, "state": state_payload(event, state),
                   "criteria": [criterion_json(c) for c in criteria], "teams": teams, "sheets": sheets},
    )


@bp.post("/jury/score")
@event_view("jury")
def score(event: Event):
    """The form without JavaScript: the same service as the `judging:score` command."""
    team_id = request.form.get("team_id", "")
    back = redirect(url_for("judging.jury_page", slug=event.slug, team=team_id if team_id.isdigit() else None))
    if not EmptyForm().validate_on_submit() or not team_id.isdigit():
        flash(_("This form has expired. Please try again."), "error")
        return back
    scores: dict = {}
    for name, value in request.form.items():
        if name.startswith("score_") and value.strip():
            scores[name[6:]] = int(value) if value.strip().lstrip("-").isdigit() else value
    try:
        commands.score(request_actor(), event=event, team_id=int(team_id), scores=scores,
                       comment=request.form.get("comment", "")[:scoring.MAX_COMMENT + 1])
    except DomainError as error:
        flash(error.message, "error")
        return back
    team = db.session.get(Team, int(team_id))
    flash(_("Saved: your scores for %(team)s.", team=team.name if team else team_id), "success")
    return back


@bp.post("/jury/conflicts")
@event_view("jury")
def declare_conflict(event: Event):
    form = ConflictForm(prefix="conflict")
    form.target.choices = options(target_choices(event))
    team_id, organisation_id = parse_target(form.target.data or "") if form.validate_on_submit() else (None, None)
    if team_id is None and organisation_id is None:
        flash(_("Please choose a team or an organisation."), "error")
        return redirect(url_for("judging.jury_page", slug=event.slug))
    try:
        commands.declare_conflict(request_actor(), event=event, team_id=team_id, organisation_id=organisation_id,
                                  reason=form.reason.data or "")
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Thank you: you will not score that team, and the results do not count it against them."),
              "success")
    return redirect(url_for("judging.jury_page", slug=event.slug))


@bp.get("/results")
@event_view("participant", "organiser")
def team_results(event: Event):
    """After publication, a team sees its own place, scores and the jurors' comments (not who wrote them)."""
    state = state_of(event)
    team = team_of(current_user, event.id)
    if state.state != "published":
        return render_template("judging/team_results.html", event=event, links=links_for(event, g.roles),
                               published=False, team=team)
    if team is None:
        raise Forbidden(_("You are not in a team at this event."))
    mine = next((r for r in event_results(event) if r.team_id == team.id), None)
    pairs = conflicts.conflict_pairs(event)  # a sheet left out of the result is left out of the comments too
    sheets = list(db.session.scalars(select(ScoreSheet).where(ScoreSheet.team_id == team.id)
                                     .options(joinedload(ScoreSheet.juror)).order_by(ScoreSheet.id)))
    return render_template("judging/team_results.html", event=event, links=links_for(event, g.roles),
                           published=True, team=team, result=mine, criteria=list_criteria(event),
                           comments=[s.comment for s in sheets if s.comment and (s.juror_id, team.id) not in pairs])


@bp.get("/vote")
@event_view("participant")
def vote_page(event: Event):
    """The people's choice: every team but one's own, one vote, the tally once revealed."""
    own = team_of(current_user, event.id)
    teams = db.session.execute(select(Team.id, Team.name).where(Team.event_id == event.id).order_by(Team.name)).all()
    return render_template("judging/vote.html", event=event, links=links_for(event, g.roles),
                           state=state_of(event), teams=[t for t in teams if own is None or t.id != own.id],
                           mine=audience.vote_of(event, current_user), tally=audience.tally(event), form=EmptyForm())


@bp.post("/vote/<int:team_id>")
@event_view("participant")
def cast_vote(event: Event, team_id: int):
    if not EmptyForm().validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
    else:
        try:
            commands.vote(request_actor(), event=event, team_id=team_id)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Thank you for your vote."), "success")
    return redirect(url_for("judging.vote_page", slug=event.slug))
