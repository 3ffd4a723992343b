"""The background sender: delivers mailings in batches at MAILING_RATE and sends due reminders.

It runs in every worker (started by the server, `serving.serve`); the claims in the database keep workers from
sending the same mail twice, and let a restarted worker resume what was left pending.
"""

from __future__ import annotations

import logging

from flask import Flask, current_app, render_template
from flask_babel import force_locale

from .. import realtime
from ..events.services import get_event, slug_of
from ..extensions import db, socketio
from ..mail import send_mail
from ..public_urls import public_url
from . import mailings, reminders

log = logging.getLogger(__name__)
PROGRESS = "mailing:progress"


def publish_progress(mailing) -> None:
    """Tell the event's organisers how far a mailing got (after the commit that counted it)."""
    realtime.publish(PROGRESS, realtime.envelope(mailing.event_id, mailings.progress(mailing)),
                     realtime.role_room(mailing.event_id, "organiser"))


def _pause(rate: float) -> None:
    if rate > 0:
        socketio.sleep(1.0 / rate)


def deliver_batch() -> int:
    """Claim one batch, send it (MAILING_RATE mails a second at most), record it, publish progress; how many."""
    config = current_app.config
    claimed = mailings.claim(int(config.get("MAILING_BATCH", 20)))
    if not claimed:
        return 0
    events: dict[int, tuple[str, str]] = {}
    results: dict[int, bool] = {}
    for item in claimed:
        if item.event_id not in events:
            slug = slug_of(item.event_id)
            events[item.event_id] = (slug, get_event(slug).name)
        slug, name = events[item.event_id]
        with force_locale(item.locale or "en"):
            text = render_template("mailing/email/mailing.txt", name=item.name, text=item.text, event_name=name,
                                   link=public_url("events.event_page", slug=slug))
        results[item.id] = send_mail(item.email, item.subject, text)
        _pause(float(config.get("MAILING_RATE", 5.0)))
    for mailing in mailings.record(results):
        publish_progress(mailing)
    return len(claimed)


def run_once() -> int:
    """Deliver every pending batch now, then send due reminders (tests and the background loop call this)."""
    sent = 0
    while True:
        went = deliver_batch()
        if not went:
            break
        sent += went
    return sent + reminders.send_due()


def start_background(app: Flask) -> None:
    """Run the sender every MAILING_INTERVAL seconds; reminders every REMINDER_INTERVAL seconds."""
    interval = float(app.config.get("MAILING_INTERVAL", 1.0))
    every = max(1, round(float(app.config.get("REMINDER_INTERVAL", 60.0)) / interval))

    def loop() -> None:
        rounds = 0
        while True:
            socketio.sleep(interval)
            with app.app_context():
                try:
                    while deliver_batch():
                        pass
                    if rounds % every == 0:
                        reminders.send_due()
                except Exception as error:  # the database or the mail server may be away; the next round retries
                    log.warning("mail sender round failed: %s", error)
                finally:
                    db.session.remove()
            rounds += 1

    socketio.start_background_task(loop)
