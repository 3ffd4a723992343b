"""The organiser console's challenges: who poses what at this event, owners invited by email, past challenges."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..accounts.forms import EmptyForm
from ..accounts.models import User
from ..commands import request_actor
from ..errors import DomainError
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..events.roles import role_label
from ..extensions import db
from ..form_options import options
from ..mail import send_mail
from . import challenge_commands, challenges, organisations
from .forms import EventChallengeForm, OwnerForm
from .models import Organisation

bp = Blueprint("challenges_console", __name__, url_prefix="/events/<slug>/console/challenges")
NEW = 0


def _form(formdata: bool = True) -> EventChallengeForm:
    form = EventChallengeForm() if formdata else EventChallengeForm(formdata=None)
    names = db.session.execute(select(Organisation.id, Organisation.name).order_by(func.lower(Organisation.name)))
    form.organisation_id.choices = options([(NEW, _("A new organisation (name below)")), *names])
    return form


def _page(event: Event, form: EventChallengeForm | None = None, status: int = 200):
    found = challenges.list_challenges(event)
    owners = {u.id: u for u in db.session.scalars(select(User).where(
        User.id.in_([c.owner_id for c in found if c.owner_id])))} if found else {}
    here = {c.organisation_id for c in found}
    titles_here = {c.title for c in found}
    past = [p for p in organisations.past_challenges(list(db.session.scalars(select(Organisation.id))),
                                                     exclude_event_id=event.id) if p.title not in titles_here]
    return render_template(
        "teams/challenge_console.html", event=event, console_links=links_for(event, g.roles, "console"),
        challenges=found, owners=owners, counts=challenges.team_counts(event), form=form or _form(False),
        past=past, posing_here=here, empty=EmptyForm(), owner_form=OwnerForm(formdata=None),
    ), status


@bp.get("/")
@event_view("organiser")
def overview(event: Event):
    return _page(event)


def _mail_owner(event: Event, value: dict, title: str) -> None:
    """After the commit: the owner hears of their challenge (with an invitation link if they have no account)."""
    if value.get("owner") == "invited":
        link = url_for("invitations.invitation", code=value["invitation"], _external=True)
        send_mail(value["owner_email"], _("You are invited to %(event)s", event=event.name),
                  render_template("accounts/email/invitation.txt", event=event, link=link,
                                  role=role_label("challenge_owner"), inviter=current_user))
    elif value.get("owner") == "granted":
        link = url_for("challenges.challenge_page", slug=event.slug, challenge_id=value["challenge_id"],
                       _external=True)
        send_mail(value["owner_email"], _("Your challenge at %(event)s", event=event.name),
                  render_template("teams/email/challenge_owner.txt", event=event, link=link, title=title,
                                  inviter=current_user))


@bp.post("/")
@event_view("organiser")
def add(event: Event):
    form = _form()
    if not form.validate_on_submit():
        return _page(event, form, 422)
    organisation = form.new_organisation.data if form.organisation_id.data == NEW else (
        db.session.get(Organisation, form.organisation_id.data))
    if organisation is None or (form.organisation_id.data == NEW and not (form.new_organisation.data or "").strip()):
        form.new_organisation.errors = [_("Choose an organisation of the registry or name a new one.")]
        return _page(event, form, 422)
    fields = challenges.ChallengeFields(
        title=form.title.data or "", organisation=organisation if isinstance(organisation, str) else organisation.name,
        summary=form.summary.data or "", max_teams=form.max_teams.data)
    try:
        outcome = challenge_commands.add_challenge(request_actor(), event=event, fields=fields,
                                         owner_email=form.owner_email.data or None)
    except DomainError as error:
        form.title.errors = [error.message]
        return _page(event, form, 422)
    _mail_owner(event, outcome.value, fields.title)
    flash(_("The challenge is posted.") + (" " + _("Its owner is invited by email.")
                                           if outcome.value["owner"] == "invited" else ""), "success")
    return redirect(url_for("challenges_console.overview", slug=event.slug))


@bp.post("/<int:challenge_id>/owner")
@event_view("organiser")
def owner(event: Event, challenge_id: int):
    challenges.get_challenge(event, challenge_id)  # another event's challenge is not found, whatever the form says
    form = OwnerForm()
    if not form.validate_on_submit():
        flash(_("Please give a valid email address."), "error")
        return redirect(url_for("challenges_console.overview", slug=event.slug))
    try:
        outcome = challenge_commands.set_challenge_owner(request_actor(), event=event, challenge_id=challenge_id,
                                               owner_email=form.owner_email.data)
    except DomainError as error:
        flash(error.message, "error")
    else:
        challenge = challenges.get_challenge(event, challenge_id)
        _mail_owner(event, outcome.value, challenge.title)
        flash(_("The owner is invited by email.") if outcome.value["owner"] == "invited"
              else _("The owner is set."), "success")
    return redirect(url_for("challenges_console.overview", slug=event.slug))


@bp.post("/reuse/<int:challenge_id>")
@event_view("organiser")
def reuse(event: Event, challenge_id: int):
    if not EmptyForm().validate_on_submit():
        flash(_("That did not work. Please reload the page and try again."), "error")
    else:
        try:
            challenge_commands.reuse_challenge(request_actor(), event=event, challenge_id=challenge_id)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("The challenge is part of this event now. Check its texts and invite its owner."), "success")
    return redirect(url_for("challenges_console.overview", slug=event.slug))

