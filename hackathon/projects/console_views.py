"""The organisers' projects console: the deadline and extensions, who has submitted, reminders, the gallery."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..commands import request_actor
from ..errors import DomainError
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..extensions import db
from ..form_options import options
from ..mail import send_mail
from ..teams.models import Team
from . import commands
from .deadline import extensions, local_text, parse_local, settings_of, team_deadline
from .forms import DeadlineForm, ExtensionForm, GalleryForm
from .listing import projects_json

bp = Blueprint("projects_console", __name__, url_prefix="/events/<slug>/console/projects")


def _back(event: Event):
    return redirect(url_for("projects_console.overview", slug=event.slug))


def _team_choices(event: Event) -> list[tuple[int, str]]:
    return list(db.session.execute(select(Team.id, Team.name).where(Team.event_id == event.id).order_by(Team.name)))


def submissions(event: Event) -> list[dict]:
    """Every team's project state for the organisers: submitted or not, last change, extension (three queries)."""
    granted = extensions(event.id)
    rows = []
    for project in projects_json(event.id, slug=event.slug):
        extension = granted.get(project["team_id"])
        rows.append({**project, "submitted": project["submitted_at"] is not None,
                     "extension": extension, "started": project["version"] > 0})
    return sorted(rows, key=lambda r: (r["submitted"], r["team"]["name"].lower()))


@bp.get("/", endpoint="overview")
@event_view("organiser")
def overview(event: Event):
    settings = settings_of(event.id)
    rows = submissions(event)
    extension_form = ExtensionForm(formdata=None)
    extension_form.team_id.choices = options(_team_choices(event))
    return render_template(
        "projects/console.html", event=event, console_links=links_for(event, g.roles, "console"), rows=rows,
        settings=settings, deadline_text=local_text(settings.deadline, event.timezone),
        deadline_form=DeadlineForm(formdata=None, deadline=local_text(settings.deadline, event.timezone)),
        gallery_form=GalleryForm(formdata=None, public=settings.gallery_published_at is not None,
                                 winner_places=settings.winner_places),
        extension_form=extension_form, local=lambda moment: local_text(moment, event.timezone),
        counts={"submitted": sum(1 for r in rows if r["submitted"]), "teams": len(rows),
                "shown": sum(1 for r in rows if r["show_in_gallery"])},
        deadline_state=team_deadline(event.id, None),
    )


@bp.post("/deadline")
@event_view("organiser")
def save_deadline(event: Event):
    form = DeadlineForm()
    if not form.validate_on_submit():
        flash(_("Give the date and time as YYYY-MM-DD HH:MM:SS."), "error")
        return _back(event)
    try:
        moment = parse_local(form.deadline.data, event.timezone) if (form.deadline.data or "").strip() else None
        commands.set_deadline(request_actor(), event=event, moment=moment)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("The submission deadline is %(when)s (%(tz)s).", when=local_text(moment, event.timezone),
                tz=event.timezone) if moment else _("There is no submission deadline now."), "success")
    return _back(event)


@bp.post("/extensions")
@event_view("organiser")
def grant_extension(event: Event):
    form = ExtensionForm()
    form.team_id.choices = options(_team_choices(event))
    if not form.validate_on_submit():
        flash(_("Choose a team and give the new deadline as YYYY-MM-DD HH:MM:SS."), "error")
        return _back(event)
    try:
        commands.grant_extension(request_actor(), event=event, team_id=form.team_id.data,
                                 until=parse_local(form.until.data, event.timezone), reason=form.reason.data or "")
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Extension granted."), "success")
    return _back(event)


@bp.post("/extensions/<int:team_id>/delete")
@event_view("organiser")
def revoke_extension(event: Event, team_id: int):
    if not DeadlineForm().validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return _back(event)
    try:
        commands.revoke_extension(request_actor(), event=event, team_id=team_id)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Extension withdrawn."), "success")
    return _back(event)


@bp.post("/gallery")
@event_view("organiser")
def save_gallery(event: Event):
    form = GalleryForm()
    if not form.validate_on_submit():
        flash(_("Winners are the first 0 to 10 places."), "error")
        return _back(event)
    try:
        outcome = commands.save_gallery(request_actor(), event=event, public=bool(form.public.data),
                                        winner_places=form.winner_places.data)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("The gallery is public.") if outcome.value["public"] else _("The gallery is not public."),
              "success")
    return _back(event)


def send_reminders(event: Event, teams: list[dict]) -> int:
    """Mail every member of these teams, each in their language (after the commit); how many mails went out."""
    link = url_for("projects.editor", slug=event.slug, _external=True)
    sent = 0
    for team in teams:
        for member in team["members"]:
            with force_locale(member["locale"] or "en"):
                deadline = team_deadline(event.id, team["team_id"]).effective
                text = render_template("projects/email/reminder.txt", event=event, team=team, member=member,
                                       link=link, deadline=local_text(deadline, event.timezone))
                subject = _("%(team)s: your project for %(event)s is not submitted yet", team=team["team"],
                            event=event.name)
            sent += send_mail(member["email"], subject, text)
    return sent


@bp.post("/remind")
@event_view("organiser")
def remind(event: Event):
    if not DeadlineForm().validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return _back(event)
    try:
        outcome = commands.remind(request_actor(), event=event)
    except DomainError as error:
        flash(error.message, "error")
        return _back(event)
    sent = send_reminders(event, outcome.value["teams"])
    flash(_("Reminder sent to %(n)d people in %(teams)d teams.", n=sent, teams=len(outcome.value["teams"])),
          "success")
    return _back(event)

