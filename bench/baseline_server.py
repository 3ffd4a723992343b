"""The baseline: a bare Flask-SocketIO server on eventlet doing what the platform's storms do, minus the platform.

    python -m bench.baseline_server PORT      (bench/baseline.py starts it)

Clients connect without authentication and join one room. `mentoring:book` gives each slot to its first
asker, from memory, broadcasts the slot to everyone as the platform does, and tells the others `conflict`:
the baseline of the fan-out (one booking, N clients) and of the booking storm (everyone at once). POST
/slot-template sets the slot payload, copied from the platform's. Everything the platform adds
(authentication, validation, rooms by role, the database, the commit) is absent, so the ratio
platform/baseline measures the platform's own cost.
"""

import sys

import eventlet

eventlet.monkey_patch()

from flask import Flask, request  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet", logger=False, engineio_logger=False)
booked: set[int] = set()
slot_template: dict = {}


@socketio.on("connect")
def connect(auth=None):
    join_room("all")


@socketio.on("session:whoami")
def whoami(_payload=None):
    return {"ok": True}


@socketio.on("mentoring:book")
def book(payload=None):
    slot_id = payload.get("slot_id") if isinstance(payload, dict) else None
    if slot_id in booked:
        return {"ok": False, "error": {"code": "conflict", "message": "Someone else got this slot first."}}
    booked.add(slot_id)
    slot = {**slot_template, "id": slot_id, "status": "booked"}
    socketio.emit("mentoring:slot", slot, to="all")
    return {"ok": True, "slot": slot}


@app.post("/slot-template")
def set_slot_template():
    slot_template.clear()
    slot_template.update(request.json)
    return {"ok": True}


@app.get("/api/v1/events")
def alive():
    return {"events": []}


if __name__ == "__main__":
    import eventlet.wsgi

    from hackathon.serving import listen  # the platform's listener (TCP_NODELAY), so that only the app differs

    eventlet.wsgi.server(listen("127.0.0.1", int(sys.argv[1])), app, max_size=20000, log_output=False)
