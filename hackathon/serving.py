"""Serving the app on eventlet or gevent: what socketio.run does, on a listener of our own.

Three differences from socketio.run: every connection gets TCP_NODELAY, eventlet's cap on concurrent
connections (1,024) is raised to MAX_CONNECTIONS, and SQLite's checkpoints run in a native thread.
"""

from __future__ import annotations

import socket

from flask import Flask

from . import outbox
from .commands import publish_changes
from .extensions import socketio
from .transactions import checkpoint_off_loop


def listen(host: str, port: int) -> socket.socket:
    """The listening socket (green once monkey-patched), with TCP_NODELAY for every connection it accepts.

    A fact and an ack are small frames written back to back: with Nagle's algorithm the second waits for the
    client's delayed ACK, 40 ms on Linux. Accepted connections inherit the option from the listener.
    """
    family, _type, _proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    listener.bind(address)
    listener.listen(1024)  # a reconnect storm arrives at once; the kernel caps this at somaxconn
    return listener


def serve(app: Flask, host: str, port: int, async_mode: str) -> None:
    """Serve as socketio.run would, on our listener; eventlet's cap on connections raised to MAX_CONNECTIONS."""
    if async_mode in ("eventlet", "gevent"):
        checkpoint_off_loop(app)
    outbox.start_background(app, publish_changes)  # deletes published rows off the path, republishes abandoned
    if async_mode == "eventlet":
        import eventlet.wsgi

        eventlet.wsgi.server(listen(host, port), app, max_size=app.config["MAX_CONNECTIONS"], log_output=False)
    elif async_mode == "gevent":
        from gevent import pywsgi
        from geventwebsocket.handler import WebSocketHandler  # type: ignore[import-not-found]

        pywsgi.WSGIServer(listen(host, port), app, handler_class=WebSocketHandler, log=None).serve_forever()
    else:
        socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True)
