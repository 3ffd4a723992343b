"""The baseline: a bare Flask-SocketIO server on eventlet that broadcasts a payload when asked.

    python -m bench.baseline_server PORT

Clients connect without authentication and join one room; POST /broadcast emits the JSON body to it.
Everything the platform adds (authentication, rooms by role, the database, the commit) is absent, so
the ratio platform/baseline measures the platform's own cost.
"""

import sys

import eventlet

eventlet.monkey_patch()

from flask import Flask, request  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet", logger=False, engineio_logger=False)


@socketio.on("connect")
def connect(auth=None):
    join_room("all")


@socketio.on("session:whoami")
def whoami(_payload=None):
    return {"ok": True}


@app.post("/broadcast")
def broadcast():
    socketio.emit(request.json.get("fact", "bench:fact"), request.json, to="all")
    return {"ok": True}


@app.get("/api/v1/events")
def alive():
    return {"events": []}


if __name__ == "__main__":
    socketio.run(app, host="127.0.0.1", port=int(sys.argv[1]), max_size=20000, log_output=False)
