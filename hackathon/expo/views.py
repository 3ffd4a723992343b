"""The judge's phone: where to go next, the vote between the previous and the current project, skip, break, undo.

Forms post and redirect (the page works without JavaScript); with it, `static/js/expo.js` sends the same
commands over the socket and follows `expo:judge` facts. Every form carries what it acts on, and a vote its
nonce, so a resent form changes nothing.
"""

from __future__ import annotations

import secrets

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts.forms import EmptyForm
from ..commands import request_actor
from ..errors import DomainError, Invalid
from ..events.access import event_view
from ..events.models import Event
from ..extensions import db
from . import commands
from .models import ExpoJudge, ExpoRound
from .standings import judge_payload, round_payload

bp = Blueprint("expo", __name__, url_prefix="/events/<slug>/expo")


def judge_rounds(event: Event, user_id: int) -> list[ExpoRound]:
    """The rounds this user judges at the event, open ones first, newest first."""
    found = db.session.scalars(select(ExpoRound).join(ExpoJudge, ExpoJudge.round_id == ExpoRound.id)
                               .where(ExpoRound.event_id == event.id, ExpoJudge.user_id == user_id)
                               .order_by(ExpoRound.id.desc()))
    return sorted(found, key=lambda r: r.state != "open")


@bp.get("/", endpoint="judge_page")
@event_view("jury")
def judge_page(event: Event):
    mine = judge_rounds(event, current_user.id)
    chosen = None
    wanted = request.args.get("round", type=int)
    if mine:
        chosen = next((r for r in mine if r.id == wanted), mine[0])
    state = None
    if chosen is not None:
        judge = db.session.scalar(select(ExpoJudge).where(ExpoJudge.round_id == chosen.id,
                                                          ExpoJudge.user_id == current_user.id))
        state = judge_payload(judge, chosen)
    g.no_store = True
    return render_template("expo/judge.html", event=event, rounds=mine, chosen=chosen, state=state,
                           round_json=round_payload(chosen) if chosen else None, nonce=secrets.token_hex(12),
                           form=EmptyForm())


def _int(name: str) -> int:
    value = request.form.get(name, "")
    if not value.isdigit() or not 0 < int(value) < 2**63:
        raise Invalid(_("The form is incomplete. Please reload the page."))
    return int(value)


def _act(event: Event, round_id: int, run, message: str | None = None):
    back = redirect(url_for("expo.judge_page", slug=event.slug, round=round_id))
    if not EmptyForm().validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return back
    try:
        run()
    except DomainError as error:
        flash(error.message, "error")
        return back
    if message:
        flash(message, "success")
    return back


@bp.post("/<int:round_id>/next")
@event_view("jury")
def next_project(event: Event, round_id: int):
    def run():
        seen = request.form.get("seen_team_id")
        commands.next_project(request_actor(), event=event, round_id=round_id,
                              seen_team_id=_int("seen_team_id") if seen else None)

    return _act(event, round_id, run)


@bp.post("/<int:round_id>/skip")
@event_view("jury")
def skip(event: Event, round_id: int):
    return _act(event, round_id, lambda: commands.skip(request_actor(), event=event, round_id=round_id,
                                                       team_id=_int("team_id")), _("Skipped: on to another project."))


@bp.post("/<int:round_id>/break")
@event_view("jury")
def take_break(event: Event, round_id: int):
    on_break = request.form.get("on_break") == "1"
    return _act(event, round_id, lambda: commands.set_break(request_actor(), event=event, round_id=round_id,
                                                            on_break=on_break))


@bp.post("/<int:round_id>/vote")
@event_view("jury")
def vote(event: Event, round_id: int):
    def run():
        winner = request.form.get("winner", "")
        if winner not in ("previous", "current"):
            raise Invalid(_("Say which project was better: the previous or the current one."))
        commands.vote(request_actor(), event=event, round_id=round_id, previous_team_id=_int("previous_team_id"),
                      current_team_id=_int("current_team_id"), winner=winner,
                      reason=request.form.get("reason", "")[:1000], nonce=request.form.get("nonce", "")[:100])

    return _act(event, round_id, run, _("Vote saved."))


@bp.post("/<int:round_id>/undo")
@event_view("jury")
def undo(event: Event, round_id: int):
    return _act(event, round_id, lambda: commands.undo(request_actor(), event=event, round_id=round_id,
                                                       vote_id=_int("vote_id")), _("Your last vote is undone."))
