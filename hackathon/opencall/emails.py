"""The email each decision sends its applicant, in their language, after the commit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from ..mail import send_mail
from ..public_urls import public_url

if TYPE_CHECKING:
    from ..events.models import Event
    from .models import Application


def send_decision_email(event: Event, application: Application) -> bool:
    """Tell the applicant the decision: accepted (they have a place), waitlisted or declined."""
    user = application.user
    with force_locale(user.locale or "en"):
        subjects = {
            "accepted": _("You are in: your application to %(event)s was accepted", event=event.name),
            "waitlisted": _("Your application to %(event)s is on the waitlist", event=event.name),
            "declined": _("Your application to %(event)s", event=event.name),
        }
        if application.status not in subjects:
            return False
        text = render_template("opencall/email/decision.txt", event=event, user=user, application=application,
                               link=public_url("events.event_page", slug=event.slug))
        return send_mail(user.email, subjects[application.status], text)
