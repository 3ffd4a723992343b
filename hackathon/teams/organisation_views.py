"""The registry of organisations (platform administrators and organisers): list, add, change, past challenges."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..commands import request_actor
from ..errors import DomainError, Forbidden, Unauthorized
from ..events.countries import country_choices
from ..events.models import Event
from ..events.people import events_held
from ..extensions import db
from ..form_options import options
from . import challenge_commands, organisations
from .forms import OrganisationForm
from .organisations import KIND_LABELS, OrganisationFields

bp = Blueprint("organisations", __name__, url_prefix="/organisations")


def _guard() -> None:
    if not current_user.is_authenticated:
        raise Unauthorized()
    if not organisations.may_keep_registry(current_user):
        raise Forbidden(_("Only platform administrators and organisers keep the registry of organisations."))


def _form(**kwargs) -> OrganisationForm:
    form = OrganisationForm(**kwargs)
    form.country.choices = options([("", _("Choose…")), *country_choices()])
    form.kind.choices = options([("", _("Choose…")), *((k, str(v)) for k, v in KIND_LABELS.items())])
    return form


def _fields(form: OrganisationForm) -> OrganisationFields:
    return OrganisationFields(name=form.name.data or "", country=form.country.data or "", kind=form.kind.data or "",
                              website=form.website.data or "", logo_path=form.logo_path.data or "",
                              description=form.description.data or "")


def _organised_events() -> list[Event]:
    """The events the viewer organises (where they may take a past challenge)."""
    return list(db.session.scalars(select(Event).where(Event.id.in_(events_held(current_user.id, "organiser")))
                                   .order_by(Event.id.desc())))


@bp.route("/", methods=["GET", "POST"])
def registry():
    _guard()
    form = _form()
    if form.validate_on_submit():
        try:
            outcome = challenge_commands.register_organisation(request_actor(), fields=_fields(form))
        except DomainError as error:
            form.name.errors = [*form.name.errors, error.message]
        else:
            flash(_("%(name)s is in the registry.", name=" ".join(form.name.data.split())), "success")
            return redirect(url_for("organisations.organisation", organisation_id=outcome.value["organisation_id"]))
    args = request.args
    kind = args.get("kind", "") if args.get("kind", "") in KIND_LABELS else ""
    rows = organisations.search(args.get("q", "")[:80], kind, args.get("country", "")[:2])
    return render_template("teams/registry.html", rows=rows, form=form, q=args.get("q", "")[:80], kind=kind,
                           kinds=KIND_LABELS, kind_label=organisations.kind_label), 422 if form.is_submitted() else 200


@bp.route("/<int:organisation_id>", methods=["GET", "POST"])
def organisation(organisation_id: int):
    _guard()
    found = organisations.get_organisation(organisation_id)
    form = _form(obj=found, version=str(found.version))
    if form.validate_on_submit():
        version = str(form.version.data or "")
        try:
            challenge_commands.update_organisation(request_actor(), organisation_id=found.id, fields=_fields(form),
                                         expected_version=int(version) if version.isdigit() else None)
        except DomainError as error:
            form.name.errors = [*form.name.errors, error.message]
        else:
            flash(_("%(name)s is saved.", name=found.name), "success")
            return redirect(url_for("organisations.organisation", organisation_id=found.id))
    return render_template(
        "teams/organisation.html", organisation=found, form=form, kind_label=organisations.kind_label,
        past=organisations.past_challenges([found.id]), events=_organised_events(),
    ), 422 if form.is_submitted() else 200
