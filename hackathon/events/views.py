"""Event pages for everyone: the home page, the event page, registering, editing and cancelling."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.admin import is_admin
from ..commands import request_actor
from ..errors import DomainError
from ..form_options import options
from ..localized import localized
from ..markdown_text import render_markdown
from ..registry import registry
from . import registration as reg
from . import registration_commands
from .access import event_view
from .countries import country_choices
from .emails import send_after_registration
from .forms import EditRegistrationForm, RegistrationForm
from .models import Event
from .navigation import links_for
from .services import registration_phase, visible_events
from .tags import SKILL_SUGGESTIONS

bp = Blueprint("events", __name__)


@bp.get("/")
def home():
    user = current_user if current_user.is_authenticated else None
    events = visible_events(user.id if user else None, is_admin(user))
    if len(events) == 1:
        return redirect(url_for("events.event_page", slug=events[0].slug))
    return render_template("events/home.html", events=events)


@bp.get("/events/<slug>")
@event_view()
def event_page(event: Event):
    registration = reg.registration_of(event, current_user) if current_user.is_authenticated else None
    # Another way in (an open call) shows its own panel while the person holds no place.
    panels = [hook(event, current_user, registration) for hook in registry().hooks_for("registration_panel")]
    return render_template(
        "events/event.html", event=event, description=render_markdown(localized(event, "description")),
        registration=registration, phase=registration_phase(event), links=links_for(event, g.roles),
        admission_panels=[panel for panel in panels if panel],
        console_links=links_for(event, g.roles, "console"),
        position=reg.waitlist_position(registration) if registration else None,
    )


def _profile_from(form) -> reg.Profile:
    return reg.Profile(
        organisation=form.organisation.data or "", country=form.country.data or "",
        skills=reg.normalise_tags(form.skills.data or ""), interests=form.interests.data or [],
        languages=form.languages.data or [], bio=form.bio.data or "", dietary=form.dietary.data or "",
        accessibility=form.accessibility.data or "", consent_photos=bool(form.consent_photos.data),
    )


@bp.route("/events/<slug>/register", methods=["GET", "POST"])
@login_required
@event_view()
def registration_page(event: Event):
    registration = reg.registration_of(event, current_user)
    active = registration is not None and registration.status != "cancelled"
    if not active:
        for hook in registry().hooks_for("registration_redirect"):  # an open call: the application form instead
            target = hook(event)
            if target:
                return redirect(target)
    form_class = EditRegistrationForm if active else RegistrationForm
    if active and request.method == "GET":
        form = form_class(obj=registration, version=registration.version)
        form.skills.data = ", ".join(registration.skills)
    else:
        form = form_class()
    form.country.choices = options([("", _("Choose…")), *country_choices()])
    if form.validate_on_submit():
        try:
            if active:
                version = int(form.version.data) if (form.version.data or "").isdigit() else None
                done = registration_commands.update_registration(
                    request_actor(), event=event, registration_id=registration.id, profile=_profile_from(form),
                    expected_version=version).value
                reason = "updated"
            else:
                done = registration_commands.register(request_actor(), event=event, profile=_profile_from(form),
                                                      consent_data=bool(form.consent_data.data)).value
                reason = "registered"
        except DomainError as error:
            flash(error.message, "error")
        else:
            send_after_registration(done, reason)
            if reason == "updated":
                flash(_("Your registration is updated."), "success")
            elif done["status"] == "confirmed":
                flash(_("You are registered! We have sent you a confirmation email."), "success")
            else:
                flash(_("The event is full, so you are on the waitlist. We will email you when a place opens."),
                      "info")
            return redirect(url_for("events.event_page", slug=event.slug))
    status = 422 if form.errors or request.method == "POST" else 200
    return render_template(
        "events/register.html", event=event, form=form, registration=registration if active else None,
        phase=registration_phase(event), skill_suggestions=SKILL_SUGGESTIONS,
    ), status


@bp.post("/events/<slug>/registration/cancel")
@login_required
@event_view()
def cancel_registration(event: Event):
    from ..accounts.forms import EmptyForm

    # Nothing to cancel is an answer on this page, not a refusal (the JSON API answers it 404 from the command).
    if not EmptyForm().validate_on_submit() or reg.registration_of(event, current_user) is None:
        flash(_("There is no registration to cancel."), "error")
        return redirect(url_for("events.event_page", slug=event.slug))
    try:
        done = registration_commands.cancel_own_registration(request_actor(), event=event).value
    except DomainError as error:  # already cancelled
        flash(error.message, "error")
    else:
        send_after_registration(done, "cancelled")
        flash(_("Your registration is cancelled. You can register again while registration is open."), "info")
    return redirect(url_for("events.event_page", slug=event.slug))
