"""Team pages: the board, a team's page, forming, joining, requests, leaving, the board entry."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..accounts.forms import EmptyForm
from ..commands import request_actor
from ..errors import DomainError
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..events.registration import normalise_tags, registration_of
from ..events.roles import TAKING_PART
from ..events.tags import LANGUAGE_CHOICES
from ..form_options import options
from ..localized import localized
from ..public_urls import public_url
from . import board, commands, rules, services
from .challenges import list_challenges, team_counts
from .facts import load_teams, team_payload
from .forms import BoardForm, JoinForm, TeamForm
from .listing import team_cards
from .membership import team_of

bp = Blueprint("teams", __name__, url_prefix="/events/<slug>")


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def _back(event: Event, team_id: int | None = None):
    if team_id is not None:
        return redirect(url_for("teams.team_page", slug=event.slug, team_id=team_id))
    return redirect(url_for("teams.board_page", slug=event.slug))


def _me_as_seeker(event: Event) -> board.Seeker | None:
    registration = registration_of(event, current_user)
    if registration is None or registration.status != "confirmed":
        return None
    entry = board.entry_of(event, current_user)
    return board.Seeker(user_id=current_user.id, name=current_user.name, skills=list(registration.skills),
                        interests=list(registration.interests), languages=list(registration.languages),
                        note=entry.note if entry else "", challenge_ids=list(entry.challenge_ids) if entry else [],
                        posted=entry is not None)


@bp.get("/teams")
@event_view(*TAKING_PART)
def board_page(event: Event):
    skill = request.args.get("skill", "")[:40]
    language = request.args.get("language", "")[:5]
    challenge_id = _int_arg("challenge")
    challenges = list_challenges(event)
    teams = team_cards(event.id)
    languages = board.member_languages(event)
    people = board.seekers(event, posted_only=True)
    my_team = next((t for t in teams if any(m.user_id == current_user.id for m in t.memberships)), None)
    me = _me_as_seeker(event) if my_team is None else None
    suggestions = []
    if me is not None:
        suggestions = board.teams_for(me, teams, languages)
    elif my_team is not None:
        suggestions = board.seekers_for(my_team, people, languages.get(my_team.id, set()))
    entry_form = BoardForm(prefix="board", formdata=None)
    entry_form.challenge_ids.choices = options((c.id, localized(c, "title")) for c in challenges)
    if me is not None:
        entry_form.note.data = me.note
        entry_form.challenge_ids.data = me.challenge_ids
    filtered = bool(skill or language or challenge_id)
    return render_template(
        "teams/board.html", event=event, links=links_for(event, g.roles), challenges=challenges,
        teams=board.filter_teams(teams, languages, skill, challenge_id, language),
        people=board.filter_seekers(people, skill, challenge_id, language), my_team=my_team, me=me,
        suggestions=suggestions, entry_form=entry_form, form=EmptyForm(), filtered=filtered,
        flt={"skill": skill, "language": language, "challenge": challenge_id}, language_choices=LANGUAGE_CHOICES,
        requests=services.requests_of(event, current_user) if me is not None else [],
        open_=rules.formation_open(event), challenge_titles={c.id: localized(c, "title") for c in challenges},
    )


def _team_form(event: Event, challenges, formdata=True, keep: int | None = None) -> TeamForm:
    """The team form; challenges that have all their teams are shown disabled, marked "full" (but `keep`, the
    team's own challenge, stays selectable)."""
    form = TeamForm() if formdata else TeamForm(formdata=None)
    counts = team_counts(event)
    choices = []
    for challenge in challenges:
        title = localized(challenge, "title")
        if counts.get(challenge.id, 0) >= challenge.max_teams and challenge.id != keep:
            choices.append(SelectChoice(challenge.id, _("%(title)s (full: %(n)d of %(n)d teams)", title=title,
                                                        n=challenge.max_teams), {"disabled": True}))
        else:
            choices.append(SelectChoice(challenge.id, title))
    form.challenge_id.choices = choices
    return form


def _first_open(form: TeamForm, wanted: int | None) -> int | None:
    """The challenge to preselect: the one asked for if it has room, else the first with room."""
    open_ids = [choice.value for choice in form.challenge_id.choices if not choice.render_kw.get("disabled")]
    return wanted if wanted in open_ids else (open_ids[0] if open_ids else None)


def _draft(form: TeamForm) -> services.TeamDraft:
    return services.TeamDraft(
        name=form.name.data or "", challenge_id=form.challenge_id.data, pitch=form.pitch.data or "",
        open_roles=normalise_tags(form.open_roles.data or ""), join_policy=form.join_policy.data,
        max_size=form.max_size.data,
    )


@bp.route("/teams/new", methods=["GET", "POST"])
@event_view("participant")
def new_team(event: Event):
    challenges = list_challenges(event)
    form = _team_form(event, challenges)
    if request.method == "GET":
        form.max_size.data = event.team_max_size
        form.challenge_id.data = _first_open(form, _int_arg("challenge"))
    if form.validate_on_submit():
        try:
            formed = commands.create_team(request_actor(), event=event, draft=_draft(form)).value
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Your team “%(name)s” is formed. Share the invite link with people you want in it.",
                    name=formed["name"]), "success")
            return _back(event, formed["team_id"])
    status = 422 if request.method == "POST" else 200
    return render_template("teams/team_form.html", event=event, form=form, team=None,
                           links=links_for(event, g.roles)), status


@bp.route("/teams/<int:team_id>/edit", methods=["GET", "POST"])
@event_view(*TAKING_PART)
def edit_team(event: Event, team_id: int):
    team = services.get_team(event, team_id)
    rules.require_member(current_user, team, g.roles)
    form = _team_form(event, list_challenges(event), keep=team.challenge_id)
    if request.method == "GET":
        form.process(obj=team)
        form.open_roles.data = ", ".join(team.open_roles)
        form.version.data = str(team.version)
    if form.validate_on_submit():
        version = int(form.version.data) if (form.version.data or "").isdigit() else None
        try:
            commands.update_team(request_actor(), event=event, team_id=team.id, draft=_draft(form),
                                 expected_version=version)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Team updated."), "success")
            return _back(event, team.id)
    status = 422 if request.method == "POST" else 200
    return render_template("teams/team_form.html", event=event, form=form, team=team,
                           links=links_for(event, g.roles)), status


@bp.get("/teams/<int:team_id>")
@event_view(*TAKING_PART)
def team_page(event: Event, team_id: int):
    services.get_team(event, team_id)
    (team,) = load_teams(event.id, [team_id])
    member = any(m.user_id == current_user.id for m in team.memberships)
    my_team = team if member else team_of(current_user, event.id)
    pending = services.pending_requests(team) if member or "organiser" in g.roles else []
    mine = next((r for r in services.requests_of(event, current_user)
                 if r.team_id == team.id and r.status == "pending"), None)
    join_form = JoinForm(formdata=None)
    join_form.invite_code.data = request.args.get("code", "")[:40]
    return render_template(
        "teams/team.html", event=event, team=team, member=member, my_team=my_team, pending=pending,
        my_request=mine, join_form=join_form, form=EmptyForm(), links=links_for(event, g.roles),
        open_=rules.formation_open(event), payload=team_payload(team),
        invite_url=public_url("teams.invite", slug=event.slug, code=team.invite_code)
        if member else None,
    )


@bp.get("/join/<code>")
@event_view(*TAKING_PART)
def invite(event: Event, code: str):
    team = services.team_by_code(event, code)
    return redirect(url_for("teams.team_page", slug=event.slug, team_id=team.id, code=code))


@bp.post("/teams/<int:team_id>/join")
@event_view(*TAKING_PART)
def join_team(event: Event, team_id: int):
    form = JoinForm()
    if not form.validate_on_submit():
        flash(_("Please check your message (at most 500 characters) and try again."), "error")
        return _back(event, team_id)
    try:
        joined = commands.join_team(request_actor(), event=event, team_id=team_id,
                                    invite_code=form.invite_code.data or None, message=form.message.data or "").value
    except DomainError as error:
        flash(error.message, "error")
        return _back(event, team_id if error.code != "not_found" else None)
    if joined["status"] == "joined":
        flash(_("Welcome to %(team)s!", team=joined["team_name"]), "success")
    else:
        flash(_("Your request is sent. The members of %(team)s will answer; you will see it here.",
                team=joined["team_name"]), "info")
    return _back(event, team_id)


@bp.post("/teams/<int:team_id>/leave")
@event_view(*TAKING_PART)
def leave_team(event: Event, team_id: int):
    if not EmptyForm().validate_on_submit():
        return _back(event, team_id)
    try:
        left = commands.leave_team(request_actor(), event=event, team_id=team_id).value
    except DomainError as error:
        flash(error.message, "error")
        return _back(event, team_id if error.code != "not_found" else None)
    if left["status"] == "dissolved":
        flash(_("You left, and as its last member the team is dissolved."), "info")
    else:
        flash(_("You left the team."), "info")
    return _back(event)


@bp.post("/teams/<int:team_id>/code")
@event_view(*TAKING_PART)
def new_code(event: Event, team_id: int):
    if EmptyForm().validate_on_submit():
        try:
            commands.new_invite_code(request_actor(), event=event, team_id=team_id)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("A new invite link is ready; the old one no longer works."), "success")
    return _back(event, team_id)


@bp.post("/requests/<int:request_id>/<any(accept, decline, withdraw):action>")
@event_view(*TAKING_PART)
def answer(event: Event, request_id: int, action: str):
    if not EmptyForm().validate_on_submit():
        return _back(event)
    try:
        if action == "withdraw":
            answered = commands.withdraw_request(request_actor(), event=event, request_id=request_id).value
        else:
            answered = commands.answer_request(request_actor(), event=event, request_id=request_id,
                                               accept=action == "accept").value
    except DomainError as error:
        flash(error.message, "error")
        return _back(event)
    if answered["status"] == "withdrawn":
        flash(_("Your request is withdrawn."), "success")
        return _back(event)
    flash(_("%(name)s is now in the team.", name=answered["user_name"]) if answered["status"] == "accepted" else
          _("Request declined. %(name)s will be told.", name=answered["user_name"]), "success")
    return _back(event, answered["team_id"])


@bp.post("/board/entry")
@event_view("participant")
def board_entry(event: Event):
    form = BoardForm(prefix="board")
    form.challenge_ids.choices = options((c.id, localized(c, "title")) for c in list_challenges(event))
    if not form.validate_on_submit():
        flash(_("Please choose challenges from the list and keep the note under 300 characters."), "error")
        return _back(event)
    try:
        commands.save_board_entry(request_actor(), event=event, note=form.note.data or "",
                                  challenge_ids=form.challenge_ids.data or [])
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("You are on the board. Teams can now find you."), "success")
    return _back(event)


@bp.post("/board/entry/delete")
@event_view("participant")
def board_entry_delete(event: Event):
    if EmptyForm().validate_on_submit():
        try:
            commands.remove_board_entry(request_actor(), event=event)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("You are off the board."), "info")
    return _back(event)

