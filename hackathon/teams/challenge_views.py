"""Challenge pages: the list (filterable by tag), a challenge with its teams, posting and editing."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..commands import request_actor
from ..errors import DomainError, Forbidden
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..events.registration import normalise_tags
from ..extensions import db
from ..localized import localized, translations_from_form
from ..markdown_text import render_markdown
from . import challenge_commands, rules
from . import challenges as svc
from .facts import load_teams, team_payload
from .forms import ChallengeForm
from .models import Organisation

bp = Blueprint("challenges", __name__, url_prefix="/events/<slug>/challenges")


@bp.get("/")
@event_view()
def challenge_list(event: Event):
    tag = request.args.get("tag", "")[:40]
    everything = svc.list_challenges(event)
    shown = [c for c in everything if not tag or tag.lower() in c.tags]
    return render_template(
        "teams/challenges.html", event=event, challenges=shown, tags=svc.tags_in_use(everything), tag=tag,
        counts=svc.team_counts(event), links=links_for(event, g.roles),
        can_post=rules.can_post_challenges(g.roles),
    )


@bp.get("/<int:challenge_id>")
@event_view()
def challenge_page(event: Event, challenge_id: int):
    challenge = svc.get_challenge(event, challenge_id)
    teams = [t for t in load_teams(event.id) if t.challenge_id == challenge.id] if g.roles else []
    show_emails = bool(g.roles) and rules.can_edit_challenge(current_user, g.roles, challenge)
    return render_template(
        "teams/challenge.html", event=event, challenge=challenge,
        description=render_markdown(localized(challenge, "description")),
        teams=teams, payloads=[team_payload(t) for t in teams], links=links_for(event, g.roles),
        can_edit=bool(g.roles) and rules.can_edit_challenge(current_user, g.roles, challenge),
        show_emails=show_emails, open_=rules.formation_open(event),
    )


def _fields(form: ChallengeForm, event: Event) -> svc.ChallengeFields:
    return svc.ChallengeFields(
        translations=translations_from_form(request.form, list(event.translation_languages or []), svc.TRANSLATED),
        title=form.title.data or "", organisation=form.organisation.data or "", logo_path=form.logo_path.data or "",
        summary=form.summary.data or "", description=form.description.data or "",
        tags=normalise_tags(form.tags.data or ""), skills=normalise_tags(form.skills.data or ""),
        resources=svc.parse_resources(form.resources.data or ""), max_teams=form.max_teams.data,
    )


@bp.route("/new", methods=["GET", "POST"])
@event_view("organiser", "challenge_owner")
def new_challenge(event: Event):
    form = ChallengeForm()
    if form.validate_on_submit():
        try:
            outcome = challenge_commands.post_challenge(request_actor(), event=event, fields=_fields(form, event))
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("The challenge is posted."), "success")
            return redirect(url_for("challenges.challenge_page", slug=event.slug,
                                    challenge_id=outcome.value["challenge_id"]))
    return render_template("teams/challenge_form.html", event=event, form=form, challenge=None,
                           links=links_for(event, g.roles)), 422 if request.method == "POST" else 200


@bp.route("/<int:challenge_id>/edit", methods=["GET", "POST"])
@event_view("organiser", "challenge_owner")
def edit_challenge(event: Event, challenge_id: int):
    challenge = svc.get_challenge(event, challenge_id)
    if not rules.can_edit_challenge(current_user, g.roles, challenge):
        raise Forbidden(_("Only organisers and the owner of this challenge can edit it."))
    form = ChallengeForm()
    if request.method == "GET":
        form.process(obj=challenge)
        organisation = db.session.get(Organisation, challenge.organisation_id) if challenge.organisation_id else None
        form.organisation.data = organisation.name if organisation else ""
        form.logo_path.data = (organisation.logo_path or "") if organisation else ""
        form.tags.data = ", ".join(challenge.tags)
        form.skills.data = ", ".join(challenge.skills)
        form.resources.data = "\n".join(f"{r['label']} | {r['url']}" for r in challenge.resources)
        form.version.data = str(challenge.version)
    if form.validate_on_submit():
        version = int(form.version.data) if (form.version.data or "").isdigit() else None
        try:
            challenge_commands.edit_challenge(request_actor(), event=event, challenge_id=challenge.id,
                                              fields=_fields(form, event), expected_version=version)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("The challenge is updated."), "success")
            return redirect(url_for("challenges.challenge_page", slug=event.slug, challenge_id=challenge.id))
    return render_template("teams/challenge_form.html", event=event, form=form, challenge=challenge,
                           links=links_for(event, g.roles)), 422 if request.method == "POST" else 200

