"""The organisers' mail console: write to an audience, follow each mailing's progress live, read its send log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import ngettext

from ..commands import request_actor
from ..errors import DomainError
from ..events.access import event_view
from ..events.navigation import links_for
from ..form_options import options
from ..localized import translations_from_form
from . import commands
from .audiences import audience_names
from .forms import MailingForm
from .mailings import SUBJECT_MAX, TEXT_MAX, get_mailing, mailings_of, progress, send_log

if TYPE_CHECKING:
    from ..events.models import Event

bp = Blueprint("mailing", __name__, url_prefix="/events/<slug>/console/mail")
TRANSLATED = {"subject": SUBJECT_MAX, "text": TEXT_MAX}


def _form() -> MailingForm:
    form = MailingForm()
    form.audience.choices = options(audience_names().items())
    return form


@bp.route("/", methods=["GET", "POST"])
@event_view("organiser")
def overview(event: Event):
    form = _form()
    if form.validate_on_submit():
        try:
            outcome = commands.send(request_actor(), event=event, audience=form.audience.data,
                                    subject=form.subject.data, text=form.text.data,
                                    translations=translations_from_form(
                                        request.form, list(event.translation_languages or []), TRANSLATED))
        except DomainError as error:
            form.audience.errors = [*form.audience.errors, error.message]
        else:
            flash(ngettext("Sending to %(num)d person. Follow the progress below.",
                           "Sending to %(num)d people. Follow the progress below.", outcome.value["total"]), "success")
            return redirect(url_for("mailing.overview", slug=event.slug))
    found = mailings_of(event)
    return render_template(
        "mailing/console.html", event=event, form=form, console_links=links_for(event, g.roles, "console"),
        mailings=found, progress=[progress(m) for m in found], audiences=audience_names(),
    ), 422 if form.errors else 200


@bp.get("/<int:mailing_id>")
@event_view("organiser")
def log(event: Event, mailing_id: int):
    mailing = get_mailing(event, mailing_id)
    return render_template(
        "mailing/log.html", event=event, mailing=mailing, rows=send_log(mailing), state=progress(mailing),
        console_links=links_for(event, g.roles, "console"), audiences=audience_names(),
    )
