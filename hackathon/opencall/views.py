"""Applicants' pages: the application form, and the panel their event page shows while they hold no place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from ..commands import request_actor
from ..errors import DomainError
from ..events.access import event_view
from ..events.countries import country_choices
from . import commands
from .admission import call_phase, is_open_call, organisation_type_names
from .applications import application_of
from .forms import ApplicationForm, ModeForm
from .questions import questions_of
from .review import decision_label

if TYPE_CHECKING:
    from ..events.models import Event

bp = Blueprint("opencall", __name__, url_prefix="/events/<slug>")


def _version(value: str | None) -> int | None:
    return int(value) if (value or "").isdigit() else None


@bp.route("/apply", methods=["GET", "POST"])
@login_required
@event_view()
def apply(event: Event):
    if not is_open_call(event):
        return redirect(url_for("events.registration_page", slug=event.slug))
    application = application_of(event, current_user.id)
    form = ApplicationForm()
    answers: dict[str, Any] = dict(application.answers) if application is not None else {}
    if request.method == "POST":
        answers = {key[2:]: value for key, value in request.form.items() if key.startswith("q-")}
    if form.validate_on_submit():
        try:
            outcome = commands.apply(request_actor(), event=event, answers=answers,
                                     consent_data=bool(form.consent_data.data),
                                     expected_version=_version(form.version.data))
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Thank you: your application is in. We email you when the organisers have decided.")
                  if outcome.value["new"] else _("Your application is updated."), "success")
            return redirect(url_for("events.event_page", slug=event.slug))
    elif application is not None:
        form.version.data = str(application.version)
    status = 422 if request.method == "POST" else 200
    return render_template(
        "opencall/apply.html", event=event, form=form, application=application, questions=questions_of(event),
        answers=answers, phase=call_phase(event), countries=country_choices(),
        organisation_types=organisation_type_names(),
        decided=application is not None and application.status != "submitted",
        status_label=decision_label(application.status) if application else "",
    ), status


def registration_redirect(event: Event) -> str | None:
    """The events' registration page hook: in an open call, people apply instead."""
    return url_for("opencall.apply", slug=event.slug) if is_open_call(event) else None


def registration_panel(event: Event, user: Any, registration: Any) -> Markup | None:
    """The event page's "Your place" panel in an open call, while the person holds no active registration."""
    if registration is not None and registration.status != "cancelled":
        return None
    if not is_open_call(event):
        return None
    application = application_of(event, user.id) if user.is_authenticated else None
    # The template escaped everything it was given; Markup only says so to the events' template.
    html = render_template("opencall/_event_panel.html", event=event, application=application,
                           phase=call_phase(event),
                           status_label=decision_label(application.status) if application else "")
    return Markup(html)  # noqa: S704


def settings_panel(event: Event) -> Markup:
    """The event settings' admission panel: first come, first served or open call."""
    from .admission import settings_of

    found = settings_of(event)
    form = ModeForm(formdata=None, prefix="admission", mode=found.mode if found else "first_come",
                    version=str(found.version) if found else "")
    return Markup(render_template("opencall/_settings_panel.html", event=event, form=form))  # noqa: S704
