"""An announcement that also goes by email (the programme's `announcement_email` hook): a mailing of its text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_babel import force_locale
from flask_babel import gettext as _

from .commands import start

if TYPE_CHECKING:
    from ..events.models import Event


def email_announcement(event: Event, sender: Any, announcement: Any, audience: str) -> int:
    """Store the mailing of an announcement in the caller's unit of work, in the event's languages; how many."""
    def subject(language: str) -> str:
        with force_locale(language):
            return _("News from %(event)s", event=event.name)

    translations = {code: {"subject": subject(code),
                           "text": (announcement.translations or {}).get(code, {}).get("text") or announcement.text}
                    for code in event.translation_languages or []}
    mailing = start(event, sender, audience, subject(event.language or "en"), announcement.text, translations,
                    announcement_id=announcement.id)
    return mailing.total
