"""Privacy pages: the notice, your data as JSON, deleting your account, the event's retention setting."""

from __future__ import annotations

import json

from flask import Blueprint, Response, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from ..audit.services import record
from ..errors import DomainError
from ..events.access import event_view
from ..events.emails import send_registration_email
from ..events.facts import publish_registration_counts
from ..events.models import Event
from ..events.navigation import links_for
from ..transactions import unit_of_work
from . import erasure, retention
from .export import personal_data
from .forms import DeleteAccountForm, RetentionForm
from .notice import CONSENT_VERSION, NOTICE_DATE, NOTICE_VERSION

bp = Blueprint("privacy", __name__)


@bp.get("/privacy")
def notice():
    return render_template("privacy/notice.html", notice_version=NOTICE_VERSION, notice_date=NOTICE_DATE,
                           consent_version=CONSENT_VERSION)


def data_response(user) -> Response:
    """The person's data as a JSON download."""
    body = json.dumps(personal_data(user), ensure_ascii=False, indent=2, sort_keys=True)
    g.no_store = True
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="my-data-{user.id}.json"'})


@bp.get("/account/data.json")
@login_required
def my_data():
    return data_response(current_user)


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            with unit_of_work():
                erased = erasure.delete_own_account(user, form.password.data)
                record(None, user, "account.deleted", f"user:{user.id}", _("The person deleted their account."))
        except DomainError as error:
            form.password.errors = [error.message]
        else:
            for registration in erased.promoted:
                send_registration_email(registration, "promoted")
            for event in erased.events:
                publish_registration_counts(event)
            logout_user()
            flash(_("Your account is deleted. Your personal data has been removed."), "info")
            return redirect(url_for("events.home"))
    return render_template("privacy/delete.html", form=form), 422 if form.errors else 200


@bp.route("/events/<slug>/console/privacy", methods=["GET", "POST"])
@event_view("organiser")
def retention_settings(event: Event):
    form = RetentionForm(retention_days=retention.retention_of(event))
    if form.validate_on_submit():
        days = form.retention_days.data
        try:
            with unit_of_work():
                before = retention.retention_of(event)
                retention.set_retention(event, days)
                record(event, current_user, "privacy.retention_changed", f"event:{event.id}",
                       _("Data retention set to %(days)s days.", days=days if days is not None else "-"),
                       before=before, after=days)
        except DomainError as error:
            form.retention_days.errors = [error.message]
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("privacy.retention_settings", slug=event.slug))
    return render_template(
        "privacy/retention.html", event=event, form=form, console_links=links_for(event, g.roles, "console"),
        purge_date=retention.purge_date(event),
    ), 422 if form.errors else 200
