"""Mail a live server wrote to its instance's outbox (no mail server in the tests' live servers)."""

from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path


def mailed_link(outbox: Path, to: str) -> str:
    """The link in the newest message to this address that the server wrote to its outbox."""
    for path in sorted(outbox.glob("*.eml"), reverse=True):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if message["To"] == to:
            return re.search(r"https?://\S+", message.get_body(("plain",)).get_content()).group(0)
    raise AssertionError(f"no message to {to} in {outbox}")
