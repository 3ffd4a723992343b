"""Which failures are the infrastructure's (database, message queue, disk) rather than a bug, and how to say so.

A fault the client can retry is answered `unavailable` with `retry_after` (HTTP 503 + Retry-After), logged
as a warning without a traceback; everything else stays an `internal` error, logged with its traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa

from .errors import Unavailable

try:  # redis is a dependency, but the faults module must not fail to import without it
    from redis import exceptions as redis_errors
except ImportError:  # pragma: no cover
    redis_errors = None

# SQLite reports both missing tables and a locked or full disk as OperationalError: only these are the disk's.
_SQLITE_TRANSIENT = ("locked", "busy", "disk i/o", "readonly", "read-only", "full", "unable to open")
RETRY_AFTER_SECONDS = 2


def is_infrastructure_fault(error: BaseException) -> bool:
    """Whether the error comes from the database, the queue or the disk being unavailable, not from a bug."""
    if isinstance(error, Unavailable):
        return True
    if isinstance(error, sa.TimeoutError):  # the connection pool ran dry while the database hung
        return True
    if isinstance(error, sa.DBAPIError):
        if error.connection_invalidated:
            return True
        if isinstance(error, (sa.OperationalError, sa.InterfaceError)):
            text = str(error.orig).lower()
            if type(error.orig).__module__.startswith("sqlite3"):
                return any(marker in text for marker in _SQLITE_TRANSIENT)
            return True  # psycopg2's OperationalError: connection lost, timeouts, serialisation failures
        return False
    if redis_errors is not None and isinstance(error, (redis_errors.ConnectionError, redis_errors.TimeoutError)):
        return True
    return isinstance(error, OSError) and error.errno in (28, 30)  # no space left, read-only file system


class _Fault(Unavailable):
    """Unavailable, remembering what caused it (for the log)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(retry_after=RETRY_AFTER_SECONDS)
        self.cause = f"{type(cause).__name__}: {str(cause).splitlines()[0] if str(cause) else ''}"[:300]


def as_unavailable(error: BaseException) -> Unavailable | None:
    """The `unavailable` refusal for an infrastructure fault, or None for anything else."""
    if isinstance(error, Unavailable):
        if not hasattr(error, "cause"):
            error.cause = error.message  # type: ignore[attr-defined]
        return error
    if is_infrastructure_fault(error):
        return _Fault(error)
    return None


@contextmanager
def unavailable_on_infrastructure_faults() -> Iterator[None]:
    """Turn an infrastructure fault inside the block into `Unavailable`; let everything else through."""
    try:
        yield
    except Unavailable:
        raise
    except Exception as error:
        fault = as_unavailable(error)
        if fault is None:
            raise
        raise fault from error
