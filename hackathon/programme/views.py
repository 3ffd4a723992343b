"""Programme pages for everyone: the agenda with now/next, its ICS feed, and the announcements."""

from __future__ import annotations

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..clock import utcnow
from ..commands import request_actor
from ..errors import DomainError, Forbidden
from ..events.access import event_view
from ..events.models import Event
from ..events.navigation import links_for
from ..form_options import options
from ..localized import translations_from_form
from ..registry import registry
from ..teams.membership import team_of
from . import agenda as agenda_service
from . import announcements, commands
from .audiences import audience_choices, audience_label, audience_labels, parse_audience, team_names
from .facts import announcement_payload
from .forms import AnnouncementForm, PinForm
from .ics import calendar

bp = Blueprint("programme", __name__, url_prefix="/events/<slug>")
READERS = ("organiser", "mentor", "jury", "challenge_owner", "participant")


@bp.get("/programme")
@event_view()
def agenda_page(event: Event):
    items = agenda_service.agenda(event)
    found = agenda_service.now_next(items, utcnow())
    return render_template(
        "programme/agenda.html", event=event, days=agenda_service.by_day(event, items), found=found,
        now_ids={i.id for i in found.now}, next_ids={i.id for i in found.next}, links=links_for(event, g.roles),
    )


@bp.get("/programme.ics")
@event_view()
def agenda_ics(event: Event):
    body = calendar(event, agenda_service.agenda(event), _("%(event)s programme", event=event.name))
    return Response(body.encode("utf-8"), mimetype="text/calendar",
                    headers={"Content-Disposition": f'inline; filename="{event.slug}-programme.ics"'})


def _team_id(event: Event) -> int | None:
    team = team_of(current_user, event.id)
    return team.id if team else None


@bp.route("/announcements", methods=["GET", "POST"])
@event_view(*READERS)
def announcement_list(event: Event):
    organiser = "organiser" in g.roles
    if request.method == "POST" and not organiser:
        raise Forbidden(_("Only organisers send announcements."))
    form = AnnouncementForm() if organiser else None
    status = 200
    if form is not None:
        form.audience.choices = options(audience_choices(event))
        # Email is offered by the mail capability, when it is there (hooks: no import of it here).
        hooks = registry().hooks_for
        form.email_to.choices = options([("", _("Nobody: only here on the platform")),
                                         *(pair for names in hooks("announcement_email_audiences")
                                           for pair in names().items())])
        if form.validate_on_submit():
            try:
                kind, value = parse_audience(form.audience.data)
                translations = translations_from_form(request.form, list(event.translation_languages or []),
                                                      announcements.TRANSLATED)
                emailed = commands.announce(request_actor(), event=event, text=form.text.data, audience_kind=kind,
                                            audience_value=value, translations=translations,
                                            email_to=form.email_to.data or "").value["emailed"]
            except DomainError as error:
                form.text.errors = [*form.text.errors, error.message]
            else:
                flash(_("Announcement sent.") if emailed is None else
                      ngettext("Announcement sent, and an email to %(num)d person is on its way.",
                               "Announcement sent, and an email to %(num)d people is on its way.", emailed),
                      "success")
                return redirect(url_for("programme.announcement_list", slug=event.slug))
        if form.errors:
            status = 422
    shown = announcements.visible(event, g.roles, _team_id(event))
    names = team_names(event)
    return render_template(
        "programme/announcements.html", event=event, form=form, organiser=organiser,
        rows=[(a, audience_label(a.audience_kind, a.audience_value, names)) for a in shown],
        audiences=audience_labels(names),
        payloads=[announcement_payload(a) for a in shown], links=links_for(event, g.roles),
    ), status


@bp.post("/announcements/<int:announcement_id>/pin")
@event_view("organiser")
def pin(event: Event, announcement_id: int):
    form = PinForm()
    if not form.validate_on_submit() or form.pinned.data not in ("yes", "no"):
        flash(_("That request is not valid."), "error")
        return redirect(url_for("programme.announcement_list", slug=event.slug))
    try:
        pinned = commands.pin(request_actor(), announcement_id=announcement_id, pinned=form.pinned.data == "yes",
                              event=event).value
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Pinned.") if pinned["pinned"] else _("Unpinned."), "success")
    return redirect(url_for("programme.announcement_list", slug=event.slug))
