"""Serving the app on eventlet or gevent: what socketio.run does, on a listener of our own.

Four differences from socketio.run: every connection gets TCP_NODELAY, eventlet's cap on concurrent
connections (1,024) is raised to MAX_CONNECTIONS, SQLite's checkpoints run in a native thread, and eventlet
never sends a traceback to a client (its `debug` defaults to True): a response that fails while it streams
is logged as an error in the platform's log instead.
"""

from __future__ import annotations

import logging
import socket

from flask import Flask

from . import outbox
from .commands import publish_changes
from .extensions import socketio
from .registry import registry
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


CLIENT_GONE = ("BrokenPipeError", "ConnectionResetError", "ConnectionAbortedError")


class WsgiLog:
    """eventlet's server log: a failing response's traceback goes to the app's log as an error; the access log
    (one line per request, which eventlet writes through the same `info`) and its chatter are dropped."""

    def __init__(self, logger: logging.Logger) -> None:
        self.logger = logger

    def info(self, msg: str, *args, **kwargs) -> None:
        if not msg.startswith("Traceback"):
            return
        last = msg.rstrip().rsplit("\n", 1)[-1]
        if last.startswith(CLIENT_GONE):  # the browser closed the tab or moved on mid-answer: nothing failed here
            self.logger.info("A client left before its response was written (%s)", last)
        else:
            self.logger.error("A response failed after it started:\n%s", msg.rstrip())

    def error(self, msg: str, *args, **kwargs) -> None:
        self.logger.error(msg, *args)

    def debug(self, msg: str, *args, **kwargs) -> None:
        pass

    def write(self, msg: str, *args) -> None:
        pass


def eventlet_options(app: Flask) -> dict:
    """eventlet.wsgi.server's settings: no traceback to clients, failures in the app's log, the connection cap."""
    return {"max_size": app.config["MAX_CONNECTIONS"], "debug": False, "log_output": True,
            "log": WsgiLog(app.logger)}


def serve(app: Flask, host: str, port: int, async_mode: str) -> None:
    """Serve as socketio.run would, on our listener; eventlet's cap on connections raised to MAX_CONNECTIONS."""
    if async_mode in ("eventlet", "gevent"):
        checkpoint_off_loop(app)
    outbox.start_background(app, publish_changes)  # deletes published rows off the path, republishes abandoned
    for start in registry(app).hooks_for("background_task"):  # capabilities' own (the mail sender)
        start(app)
    if async_mode == "eventlet":
        import eventlet.wsgi

        eventlet.wsgi.server(listen(host, port), app, **eventlet_options(app))
    elif async_mode == "gevent":
        from gevent import pywsgi
        from geventwebsocket.handler import WebSocketHandler  # type: ignore[import-not-found]

        pywsgi.WSGIServer(listen(host, port), app, handler_class=WebSocketHandler, log=None).serve_forever()
    else:
        socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True)
