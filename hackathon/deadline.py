"""A deadline for each command and request under a green server: a hung database cannot hang the worker's clients.

Under eventlet or gevent every database wait is a green socket wait, which a green timeout interrupts. A
command or request that runs past COMMAND_DEADLINE (below the browser's 10 s) is abandoned: its database
connections are dropped (their state is unknown) and the client is answered `unavailable`, so that it retries
(with its idempotency key, a retry of a command that did commit is answered as the first time). Under the
threading server (tests, `flask run`) there is no green timeout and the deadline is a no-op.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from .errors import Unavailable
from .extensions import db, socketio

log = logging.getLogger(__name__)


class DeadlinePassed(Unavailable):
    """The command ran past its deadline (the database or the queue did not answer in time)."""


def _timeout_class():
    mode = getattr(socketio, "async_mode", None)
    if mode == "eventlet":
        import eventlet

        return eventlet.Timeout
    if mode == "gevent":
        import gevent

        return gevent.Timeout
    return None


def guard_requests(app) -> None:
    """Run every page and API view under the deadline (Socket.IO's long polls are not views: untouched)."""
    dispatch = app.dispatch_request

    def dispatch_with_deadline():
        with deadline(app.config.get("COMMAND_DEADLINE")):
            return dispatch()

    app.dispatch_request = dispatch_with_deadline


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Run the block with a green timeout; past it, drop the session's connections and raise DeadlinePassed."""
    timeout_class = _timeout_class()
    if timeout_class is None or not seconds:
        yield
        return
    timer = timeout_class(seconds)
    try:
        yield
    except timeout_class as raised:
        if raised is not timer:
            raise
        log.warning("a command ran past its %.1f s deadline: its database connections are dropped", seconds)
        with suppress(Exception):  # best effort: the pool drops broken connections at their next checkout anyway
            db.session.invalidate()  # the connection may be mid-statement: never give it back to the pool
        raise DeadlinePassed(retry_after=2) from None
    finally:
        timer.cancel()
