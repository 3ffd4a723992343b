"""Run CPU-heavy calls (password hashing, QR images) off the event loop of the async mode."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import current_app

T = TypeVar("T")


def run_off_loop(func: Callable[..., T], *args, **kwargs) -> T:
    """Call func in a native thread when the server runs on green threads, so sockets keep flowing."""
    mode = current_app.config.get("SOCKETIO_ASYNC_MODE", "threading")
    if mode == "eventlet":
        from eventlet import tpool

        return tpool.execute(func, *args, **kwargs)
    if mode == "gevent":
        import gevent

        return gevent.get_hub().threadpool.apply(func, args, kwargs)
    return func(*args, **kwargs)
