"""The organisers' open call console: admission mode, quotas, questions, the applications and the decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..accounts.forms import EmptyForm
from ..commands import request_actor
from ..errors import DomainError, Invalid
from ..events.access import event_view
from ..events.countries import country_choices, country_name
from ..events.emails import send_registration_email
from ..events.navigation import links_for
from ..form_options import options
from . import commands
from .admission import is_open_call, organisation_type_names, settings_of
from .applications import applications_by_ids, countries_applied, get_application, listing, quota_report, status_counts
from .emails import send_decision_email
from .forms import DecideForm, ModeForm, QuestionForm, QuotaForm, ReviewForm, decision_choices
from .models import ORGANISATION_TYPES, STATUSES
from .questions import QuestionFields, get_question, has_applications, kind_names, questions_of
from .review import decision_label, reviews_of

if TYPE_CHECKING:
    from ..events.models import Event

bp = Blueprint("opencall_console", __name__, url_prefix="/events/<slug>/console/open-call")


def _version(value: str | None) -> int | None:
    return int(value) if (value or "").isdigit() else None


def _question_form(**kwargs) -> QuestionForm:
    form = QuestionForm(**kwargs)
    form.kind.choices = options(kind_names().items())
    return form


def _quota_forms(formdata: bool = False) -> dict[str, QuotaForm]:
    data = {} if formdata else {"formdata": None}
    country = QuotaForm(prefix="country", dimension="country", **data)
    country.value.choices = options(country_choices())
    kind = QuotaForm(prefix="type", dimension="organisation_type", **data)
    kind.value.choices = options(organisation_type_names().items())
    return {"country": country, "organisation_type": kind}


def _fields(form: QuestionForm) -> QuestionFields:
    return QuestionFields(kind=form.kind.data, label=form.label.data or "", help=form.help.data or "",
                          options=(form.choices.data or "").splitlines(), required=bool(form.required.data))


def _overview(event: Event, *, question_form: QuestionForm | None = None, quota_forms=None, status: int = 200):
    found = settings_of(event)
    mode_form = ModeForm(formdata=None, prefix="admission", mode=found.mode if found else "first_come",
                         version=str(found.version) if found else "")
    return render_template(
        "opencall/console.html", event=event, console_links=links_for(event, g.roles, "console"),
        mode_form=mode_form, open_call=is_open_call(event), questions=questions_of(event), kinds=kind_names(),
        question_form=question_form or _question_form(formdata=None), quota_forms=quota_forms or _quota_forms(),
        quotas=quota_report(event), empty=EmptyForm(), locked=has_applications(event), counts=status_counts(event),
    ), status


@bp.get("/")
@event_view("organiser")
def overview(event: Event):
    return _overview(event)


@bp.post("/mode")
@event_view("organiser")
def set_mode(event: Event):
    form = ModeForm(prefix="admission")
    if not form.validate_on_submit():
        flash(_("Choose first come, first served or open call."), "error")
        return redirect(url_for("opencall_console.overview", slug=event.slug))
    try:
        outcome = commands.set_mode(request_actor(), event=event, mode=form.mode.data,
                                    expected_version=_version(form.version.data))
    except DomainError as error:
        flash(error.message, "error")
    else:
        if outcome.value["mode"] == "open_call":
            flash(_("People now apply, and you decide who gets a place. Add your questions below."), "success")
        else:
            flash(_("Registration is first come, first served."), "success")
    return redirect(url_for("opencall_console.overview", slug=event.slug))


@bp.post("/quotas")
@event_view("organiser")
def set_quota(event: Event):
    forms = _quota_forms(formdata=True)
    form = forms["country"] if request.form.get("country-dimension") else forms["organisation_type"]
    if not form.validate_on_submit():
        return _overview(event, quota_forms=forms, status=422)
    try:
        commands.set_quota(request_actor(), event=event, dimension=form.dimension.data, value=form.value.data,
                           maximum=form.maximum.data)
    except DomainError as error:
        form.value.errors = [*form.value.errors, error.message]
        return _overview(event, quota_forms=forms, status=422)
    flash(_("Quota saved.") if form.maximum.data is not None else _("Quota removed."), "success")
    return redirect(url_for("opencall_console.overview", slug=event.slug) + "#quotas")


@bp.post("/questions")
@event_view("organiser")
def add_question(event: Event):
    form = _question_form()
    if form.validate_on_submit():
        try:
            commands.add_question(request_actor(), event=event, fields=_fields(form))
        except DomainError as error:
            form.label.errors = [*form.label.errors, error.message]
        else:
            flash(_("Question added."), "success")
            return redirect(url_for("opencall_console.overview", slug=event.slug) + "#questions")
    return _overview(event, question_form=form, status=422)


@bp.route("/questions/<int:question_id>", methods=["GET", "POST"])
@event_view("organiser")
def edit_question(event: Event, question_id: int):
    question = get_question(event, question_id)
    if request.method == "GET":
        form = _question_form(formdata=None, obj=question, version=str(question.version),
                              choices="\n".join(question.options or []))
    else:
        form = _question_form()
    if form.validate_on_submit():
        try:
            commands.update_question(request_actor(), event=event, question_id=question.id, fields=_fields(form),
                                     expected_version=_version(form.version.data))
        except DomainError as error:
            form.label.errors = [*form.label.errors, error.message]
        else:
            flash(_("Question saved."), "success")
            return redirect(url_for("opencall_console.overview", slug=event.slug) + "#questions")
    return render_template("opencall/question_form.html", event=event, form=form, question=question,
                           console_links=links_for(event, g.roles, "console"),
                           locked=has_applications(event)), 422 if request.method == "POST" else 200


@bp.post("/questions/<int:question_id>/move")
@event_view("organiser")
def move_question(event: Event, question_id: int):
    get_question(event, question_id)  # another event's question is not found (404), not moved
    direction = request.form.get("direction", "")
    if EmptyForm().validate_on_submit():
        try:
            commands.move_question(request_actor(), event=event, question_id=question_id, direction=direction)
        except DomainError as error:
            flash(error.message, "error")
    return redirect(url_for("opencall_console.overview", slug=event.slug) + "#questions")


@bp.post("/questions/<int:question_id>/remove")
@event_view("organiser")
def remove_question(event: Event, question_id: int):
    get_question(event, question_id)
    if EmptyForm().validate_on_submit():
        try:
            commands.remove_question(request_actor(), event=event, question_id=question_id)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Question removed."), "success")
    return redirect(url_for("opencall_console.overview", slug=event.slug) + "#questions")


def _filters() -> dict[str, str]:
    status = request.args.get("status", "")
    kind = request.args.get("organisation_type", "")
    country = request.args.get("country", "").strip().upper()[:2]
    return {"status": status if status in STATUSES else "", "organisation_type": kind if kind in ORGANISATION_TYPES
            else "", "country": country if country.isalpha() else ""}


def _after_decisions(event: Event, value: dict) -> None:
    """Committed: mail each applicant whose status changed, and anyone a freed place moved off the waitlist."""
    from ..events.registration import get_registration

    for decided in applications_by_ids(event, value["decided"]):
        send_decision_email(event, decided)
    for registration_id in value["promoted"]:
        send_registration_email(get_registration(event, registration_id), "promoted")
    for warning in value["warnings"]:
        flash(warning, "warning")


@bp.get("/applications")
@event_view("organiser")
def applications(event: Event):
    filters = _filters()
    return render_template(
        "opencall/applications.html", event=event, console_links=links_for(event, g.roles, "console"),
        rows=listing(event, **filters), filters=filters, counts=status_counts(event), quotas=quota_report(event),
        countries=[(c, country_name(c)) for c in countries_applied(event)], types=organisation_type_names(),
        statuses={s: decision_label(s) for s in STATUSES}, decisions=decision_choices(), empty=EmptyForm(),
        open_call=is_open_call(event),
    )


@bp.post("/applications/decide")
@event_view("organiser")
def decide_many(event: Event):
    back = url_for("opencall_console.applications", slug=event.slug, **{k: v for k, v in _filters().items() if v})
    if not EmptyForm().validate_on_submit():
        flash(_("That request is not valid."), "error")
        return redirect(back)
    try:
        picks = []
        for raw in request.form.getlist("pick"):
            application_id, _sep, version = raw.partition(":")
            if not application_id.isdigit() or not version.isdigit() or len(raw) > 40:
                raise Invalid(_("That request is not valid."))
            picks.append((int(application_id), int(version)))
        outcome = commands.decide_many(request_actor(), event=event, picks=picks,
                                       decision=request.form.get("decision", ""))
    except DomainError as error:
        flash(error.message, "error")
    else:
        _after_decisions(event, outcome.value)
        flash(ngettext("%(num)d application decided: %(decision)s.", "%(num)d applications decided: %(decision)s.",
                       len(outcome.value["decided"]), decision=decision_label(request.form["decision"])), "success")
    return redirect(back)


@bp.get("/applications/<int:application_id>")
@event_view("organiser")
def application(event: Event, application_id: int):
    found = get_application(event, application_id)
    reviews = reviews_of(found)
    mine = next((r for r in reviews if r.reviewer_id == current_user.id), None)
    review_form = ReviewForm(formdata=None, score=str(mine.score) if mine and mine.score else "",
                             notes=mine.notes if mine else "")
    scores = [r.score for r in reviews if r.score is not None]
    return render_template(
        "opencall/application.html", event=event, console_links=links_for(event, g.roles, "console"),
        application=found, questions=questions_of(event), reviews=reviews, review_form=review_form,
        decide_form=DecideForm(formdata=None, decision=found.status if found.status != "submitted" else "accepted",
                               version=str(found.version)),
        average=sum(scores) / len(scores) if scores else None, quotas=quota_report(event),
        types=organisation_type_names(), status_label=decision_label(found.status),
    )


@bp.post("/applications/<int:application_id>/review")
@event_view("organiser")
def review(event: Event, application_id: int):
    get_application(event, application_id)  # another event's application is not found (404)
    form = ReviewForm()
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
    else:
        try:
            commands.save_review(request_actor(), event=event, application_id=application_id,
                                 score=int(form.score.data) if form.score.data else None, notes=form.notes.data or "")
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Your review is saved."), "success")
    return redirect(url_for("opencall_console.application", slug=event.slug, application_id=application_id))


@bp.post("/applications/<int:application_id>/decide")
@event_view("organiser")
def decide(event: Event, application_id: int):
    get_application(event, application_id)
    form = DecideForm()
    if not form.validate_on_submit():
        flash(_("Decide to accept, waitlist or decline."), "error")
    else:
        try:
            outcome = commands.decide(request_actor(), event=event, application_id=application_id,
                                      decision=form.decision.data, expected_version=_version(form.version.data))
        except DomainError as error:
            flash(error.message, "error")
        else:
            _after_decisions(event, outcome.value)
            flash(_("Decision saved: %(decision)s.", decision=decision_label(form.decision.data)), "success")
    return redirect(url_for("opencall_console.application", slug=event.slug, application_id=application_id))
