"""Emails about registrations, each in its recipient's language, sent after the commit."""

from __future__ import annotations

from collections.abc import Callable

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from ..extensions import db
from ..mail import send_mail
from ..public_urls import public_url
from .models import Registration

Attachment = tuple[str, str, bytes]
# Capabilities add attachments to the confirmation (the check-in badge), wired by create_app.
_attachment_makers: list[Callable[[Registration], list[Attachment]]] = []


def add_confirmation_attachments(maker: Callable[[Registration], list[Attachment]]) -> None:
    """Register a function that adds files to a confirmed registration's email."""
    if maker not in _attachment_makers:
        _attachment_makers.append(maker)


def send_registration_email(registration: Registration, reason: str) -> bool:
    """Tell the participant where they stand: reason is registered, promoted, updated or cancelled."""
    user = registration.user
    event = registration.event
    with force_locale(user.locale or "en"):
        subjects = {
            "registered": _("You are registered for %(event)s", event=event.name)
            if registration.status == "confirmed" else _("You are on the waitlist for %(event)s", event=event.name),
            "promoted": _("A place opened up: you are in at %(event)s", event=event.name),
            "updated": _("Your registration for %(event)s was updated", event=event.name),
            "cancelled": _("Your registration for %(event)s is cancelled", event=event.name),
        }
        link = public_url("events.registration_page", slug=event.slug)
        text = render_template("events/email/registration.txt", registration=registration, event=event,
                               user=user, reason=reason, link=link)
        attachments: list[Attachment] = []
        if registration.status == "confirmed" and reason in ("registered", "promoted"):
            for maker in _attachment_makers:
                attachments.extend(maker(registration))
        return send_mail(user.email, subjects[reason], text, attachments=attachments)


def send_after_registration(value: dict, reason: str) -> None:
    """After a registration command's commit: tell the person where they stand, and whoever a freed seat moved up."""
    send_registration_email(db.session.get(Registration, value["registration_id"]), reason)
    for registration_id in value.get("promoted", ()):
        send_registration_email(db.session.get(Registration, registration_id), "promoted")
