"""Track pages: the organisers' tracks (prizes, panels, results) and a panel member's scoring on a phone."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.forms import EmptyForm
from ..commands import request_actor
from ..errors import DomainError
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..registry import registry
from ..teams.challenges import list_challenges
from . import track_commands, track_scoring, tracks
from .criteria import list_criteria
from .session import state_of

bp = Blueprint("judging_tracks", __name__, url_prefix="/events/<slug>")


def team_panels(event: Event, team_ids: list[int]) -> list[dict]:
    """What other capabilities show beside a team on a scoring page (the project), through the hook."""
    return [hook(event, team_ids) for hook in registry().hooks_for("judging_team_panels")]


@bp.get("/console/judging/tracks")
@event_view("organiser")
def console(event: Event):
    found = tracks.list_tracks(event)
    by_challenge = {t.challenge_id: t for t in found}
    return render_template(
        "judging/tracks_console.html", event=event, console_links=links_for(event, g.roles, "console"),
        challenges=list_challenges(event), by_challenge=by_challenge, candidates=tracks.panel_candidates(event),
        panels={t.id: {u.id for u in tracks.panel_of(t)} for t in found},
        results={t.id: track_scoring.track_results(event, t) for t in found}, form=EmptyForm(),
        state=state_of(event))


@bp.post("/console/judging/tracks/<int:challenge_id>")
@event_view("organiser")
def save(event: Event, challenge_id: int):
    if not EmptyForm().validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
    else:
        try:
            outcome = track_commands.save_track(request_actor(), event=event, challenge_id=challenge_id,
                                                prize=request.form.get("prize", "")[:400])
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("The track is ready: its panel starts with the challenge owner's people.")
                  if outcome.value["made"] else _("The prize is saved."), "success")
    return redirect(url_for("judging_tracks.console", slug=event.slug))


@bp.post("/console/judging/tracks/<int:track_id>/panel")
@event_view("organiser")
def panel(event: Event, track_id: int):
    if not EmptyForm().validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return redirect(url_for("judging_tracks.console", slug=event.slug))
    ids = [int(v) for v in request.form.getlist("user_id") if v.isdigit() and len(v) < 12]
    try:
        track_commands.set_track_panel(request_actor(), event=event, track_id=track_id, user_ids=ids)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("The panel is saved."), "success")
    return redirect(url_for("judging_tracks.console", slug=event.slug) + f"#track-{track_id}")


@bp.post("/console/judging/tracks/<int:track_id>/delete")
@event_view("organiser")
def remove(event: Event, track_id: int):
    if not EmptyForm().validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
    else:
        try:
            track_commands.remove_track(request_actor(), event=event, track_id=track_id)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("The challenge is no longer a track."), "success")
    return redirect(url_for("judging_tracks.console", slug=event.slug))


def _chosen(teams: list, sheets: dict) -> int | None:
    wanted = request.args.get("team", "")
    ids = [t.id for t in teams]
    if wanted.isdigit() and int(wanted) in ids:
        return int(wanted)
    return next((t for t in ids if t not in sheets), ids[0] if ids else None)


@bp.get("/judging/tracks")
@event_view(*tracks.PANEL_ROLES)
def panel_page(event: Event):
    """A panel member's tracks; scoring one team of a track at a time, with its project beside the form."""
    mine = tracks.tracks_of(event, current_user.id)
    track = None
    wanted = request.args.get("track", "")
    if mine:
        track = next((t for t in mine if wanted.isdigit() and t.id == int(wanted)), mine[0])
    teams, sheets, chosen, conflicted = [], {}, None, set()
    if track is not None:
        teams = tracks.track_teams(track)
        sheets = track_scoring.sheets_by(track, current_user.id)
        chosen = _chosen(teams, sheets)
        pairs = track_scoring.conflicted_pairs(event, track)
        conflicted = {t.id for t in teams if (current_user.id, t.id) in pairs}
    return render_template(
        "judging/track_panel.html", event=event, links=links_for(event, g.roles), tracks=mine, track=track,
        teams=teams, sheets=sheets, chosen=chosen, conflicted=conflicted, criteria=list_criteria(event),
        state=state_of(event), panels=team_panels(event, [chosen]) if chosen else [], form=EmptyForm())


@bp.post("/judging/tracks/<int:track_id>/score")
@event_view(*tracks.PANEL_ROLES)
def score(event: Event, track_id: int):
    team_id = request.form.get("team_id", "")
    back = redirect(url_for("judging_tracks.panel_page", slug=event.slug, track=track_id,
                            team=team_id if team_id.isdigit() else None))
    if not EmptyForm().validate_on_submit() or not team_id.isdigit() or len(team_id) > 12:
        flash(_("This form has expired. Please try again."), "error")
        return back
    scores: dict = {}
    for name, value in request.form.items():
        if name.startswith("score_") and value.strip():
            scores[name[6:]] = int(value) if value.strip().lstrip("-").isdigit() and len(value) < 6 else value
    try:
        track_commands.score_track(request_actor(), event=event, track_id=track_id, team_id=int(team_id),
                                   scores=scores, comment=request.form.get("comment", "")[:2100])
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Your scores are saved."), "success")
    return back
