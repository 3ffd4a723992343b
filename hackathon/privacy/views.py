"""Privacy pages: the notice, your data as JSON, deleting your account, the event's retention setting."""

from __future__ import annotations

import json

from flask import Blueprint, Response, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from ..commands import request_actor
from ..errors import DomainError
from ..events.access import event_view
from ..events.emails import send_registration_email
from ..events.models import Event
from ..events.navigation import links_for
from ..events.registration import get_registration
from ..extensions import db
from . import commands, retention
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
        try:
            done = commands.delete_account(request_actor(), password=form.password.data).value
        except DomainError as error:
            form.password.errors = [error.message]
        else:
            for promoted in done["promoted"]:
                event = db.session.get(Event, promoted["event_id"])
                send_registration_email(get_registration(event, promoted["registration_id"]), "promoted")
            logout_user()
            flash(_("Your account is deleted. Your personal data has been removed."), "info")
            return redirect(url_for("events.home"))
    return render_template("privacy/delete.html", form=form), 422 if form.errors else 200


@bp.route("/events/<slug>/console/privacy", methods=["GET", "POST"])
@event_view("organiser")
def retention_settings(event: Event):
    form = RetentionForm(retention_days=retention.retention_of(event))
    if form.validate_on_submit():
        try:
            commands.set_retention(request_actor(), event=event, days=form.retention_days.data)
        except DomainError as error:
            form.retention_days.errors = [error.message]
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("privacy.retention_settings", slug=event.slug))
    return render_template(
        "privacy/retention.html", event=event, form=form, console_links=links_for(event, g.roles, "console"),
        purge_date=retention.purge_date(event),
    ), 422 if form.errors else 200
