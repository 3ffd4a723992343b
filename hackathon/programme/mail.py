"""An announcement that also goes by email: a mailing of its text, in the event's languages (see hackathon/mailing)."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from ..events.models import Event
from ..mailing import commands as mailing
from .models import Announcement


def email_announcement(event: Event, sender, announcement: Announcement, audience: str):
    """Store the mailing of an announcement in the caller's unit of work; the background sender delivers it."""
    def subject(language: str) -> str:
        with force_locale(language):
            return _("News from %(event)s", event=event.name)

    translations = {code: {"subject": subject(code),
                           "text": (announcement.translations or {}).get(code, {}).get("text") or announcement.text}
                    for code in event.translation_languages or []}
    return mailing.start(event, sender, audience, subject(event.language or "en"), announcement.text, translations,
                         announcement_id=announcement.id)
