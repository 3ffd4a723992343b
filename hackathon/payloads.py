"""Bounds on what a client may send as JSON, checked while the text is parsed and before it becomes Python.

Python's JSON parser recurses once per level of nesting: a body of 20,000 `[` ran it out of stack (HTTP
500, and a socket packet that was never acknowledged). Integers have no bound in JSON, but the databases'
do: an id of 2**64 made SQLite raise OverflowError. So text nested deeper than MAX_DEPTH is refused before
it is parsed, and integers outside a signed 64-bit range are refused while it is parsed.
"""

from __future__ import annotations

import json
import re

from flask.json.provider import DefaultJSONProvider
from flask_babel import lazy_gettext as _l
from socketio.packet import BINARY_EVENT, EVENT, Packet
from werkzeug.routing import IntegerConverter

from .errors import Invalid
from .realtime.dispatch import socket_command

MAX_DEPTH = 16  # the deepest payload the platform takes is 3 levels (a project's links)
MAX_INT = 2**63 - 1  # BIGINT; ids are smaller still
MIN_INT = -(2**63)

# A JSON string (with its escapes) or a bracket: enough to measure nesting without parsing.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class PayloadError(ValueError):
    """JSON text the platform refuses to parse; the message says why (for the client)."""


def nesting_depth_exceeds(text: str | bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON text nests arrays and objects deeper than `limit` (strings are skipped, not counted)."""
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8", errors="replace")
    if text.count("[") + text.count("{") <= limit:  # the common case, in C
        return False
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > limit:
                return True
        elif token in ("]", "}"):
            depth -= 1
    return False


class BoundedIntConverter(IntegerConverter):
    """`<int:…>` in routes: an id larger than MAX_INT does not match (404), instead of reaching the database."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_INT,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def _bounded_int(digits: str) -> int:
    value = int(digits)
    if not MIN_INT <= value <= MAX_INT:
        raise PayloadError(str(_l("Numbers must lie between -2^63 and 2^63-1.")))
    return value


def loads(text: str | bytes) -> object:
    """Parse JSON text from a client: PayloadError when too deep, holding a number out of range or a NUL."""
    if nesting_depth_exceeds(text):
        raise PayloadError(str(_l("The JSON is nested more than %(n)d levels deep.", n=MAX_DEPTH)))
    if (b"\\u0000" if isinstance(text, (bytes, bytearray)) else "\\u0000") in text:
        # PostgreSQL's text cannot hold NUL: refused here rather than by the database (a 500).
        raise PayloadError(str(_l("Text may not contain NUL characters.")))
    return json.loads(text, parse_int=_bounded_int)


def has_nul(request) -> bool:
    """Whether a request's path, query or form carries a NUL character (PostgreSQL's text cannot hold one)."""
    if "\x00" in request.path or any("\x00" in v for v in request.args.values()):
        return True
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype in (
            "application/x-www-form-urlencoded", "multipart/form-data"):
        return any("\x00" in k or "\x00" in v for k, v in request.form.items(multi=True))
    return False


def read_json_body(raw: bytes) -> object:
    """A request body as JSON; `invalid` (400) with the reason when it cannot be taken."""
    try:
        return loads(raw)
    except PayloadError as error:
        raise Invalid(str(error), status=400) from None
    except ValueError:
        raise Invalid(_l("The body is not valid JSON."), status=400) from None


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, with the same bounds for every request.get_json() (a refused body reads as invalid JSON)."""

    def loads(self, s: str | bytes, **kwargs) -> object:
        return loads(s)


# --- Socket.IO packets -------------------------------------------------------------------------

REFUSED_EVENT = "payload:refused"  # what a packet the platform will not parse becomes: its handler acks `invalid`


class SocketJSON:
    """The JSON module Socket.IO decodes packets with (`json=` of SocketIO): bounded like HTTP bodies.

    A refused or malformed packet becomes the event REFUSED_EVENT with the reason, whose command (`refused`,
    registered by create_app) acknowledges `invalid` under the packet's own ack id: every command is answered,
    and nothing reaches the log.
    """

    @staticmethod
    def dumps(obj, **kwargs) -> str:
        return json.dumps(obj, **kwargs)

    @staticmethod
    def loads(text, **kwargs) -> object:
        try:
            return loads(text)
        except PayloadError as error:
            return [REFUSED_EVENT, str(error)]
        except ValueError:
            return [REFUSED_EVENT, str(_l("The packet is not valid JSON."))]


class BoundedPacket(Packet):
    """Socket.IO's packet, whose event data is always ["name", …args]: python-socketio indexes it blindly."""

    def decode(self, encoded_packet):
        attachments = super().decode(encoded_packet)
        if self.packet_type in (EVENT, BINARY_EVENT) and (
                not isinstance(self.data, list) or not self.data or not isinstance(self.data[0], str)):
            self.data = [REFUSED_EVENT, str(_l("The packet does not name a command."))]
        return attachments


@socket_command(REFUSED_EVENT)
def refused(_actor, reason=None) -> dict:
    """What a packet the platform would not parse becomes: acknowledged `invalid`, with the reason."""
    raise Invalid(reason if isinstance(reason, str) else _l("The packet is not valid JSON."))
