"""Outgoing email: SMTP when MAIL_SERVER is set, otherwise files in instance/outbox/ and the console.

Mail is sent after the commit of the change it reports, and a failure to send is logged,
never turned into a failed request: the change has happened either way.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from flask import current_app

from .clock import utcnow

log = logging.getLogger(__name__)


def build_message(to: str, subject: str, text: str, html: str | None = None,
                  attachments: list[tuple[str, str, bytes]] | None = None) -> EmailMessage:
    """An email with a text part, an optional HTML part and attachments (filename, mime type, bytes)."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="hackathon.local")
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for filename, mimetype, data in attachments or []:
        maintype, subtype = mimetype.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message


def send(message: EmailMessage) -> bool:
    """Deliver the message; True when it was handed over (to SMTP, the outbox or the test list)."""
    config = current_app.config
    try:
        if config.get("MAIL_SERVER"):
            with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
                if config.get("MAIL_USE_TLS"):
                    smtp.starttls()
                if config.get("MAIL_USERNAME"):
                    smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
                smtp.send_message(message)
        elif config.get("MAIL_OUTBOX"):
            outbox = Path(config["MAIL_OUTBOX"])
            outbox.mkdir(parents=True, exist_ok=True)
            stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
            path = outbox / f"{stamp}-{message['To'].replace('@', '_at_')}.eml"
            path.write_bytes(bytes(message))
            log.info("Mail to %s written to %s: %s", message["To"], path, message["Subject"])
        else:
            current_app.extensions.setdefault("mail_sent", []).append(message)
    except (OSError, smtplib.SMTPException):
        log.exception("Could not send mail to %s", message["To"])
        return False
    return True


def send_mail(to: str, subject: str, text: str, html: str | None = None,
              attachments: list[tuple[str, str, bytes]] | None = None) -> bool:
    """Build and deliver an email."""
    return send(build_message(to, subject, text, html, attachments))
