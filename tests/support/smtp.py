"""A real local SMTP server for tests (aiosmtpd), keeping what it receives."""

from __future__ import annotations

import email
import socket
from email.message import Message

from aiosmtpd.controller import Controller


class _Handler:
    def __init__(self, messages: list[Message]) -> None:
        self.messages = messages

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalSmtp:
    """Start, read, stop."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.host = "127.0.0.1"
        self.port = _free_port()
        self._controller = Controller(_Handler(self.messages), hostname=self.host, port=self.port)

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

    def to(self, address: str) -> list[Message]:
        """Messages sent to one address."""
        return [m for m in self.messages if m["To"] == address]


def body(message: Message) -> str:
    """The text part of a message, decoded."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode()
    return ""
