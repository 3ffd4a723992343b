"""The baselines: a bare Flask-SocketIO server on eventlet doing what the platform's storms do, minus the platform.

    python -m bench.baseline_server PORT [--store PATH]     (bench/baseline.py starts it)

Bare: clients connect without authentication and join one room. `mentoring:book` gives each slot to its first
asker, from memory, broadcasts the slot to everyone as the platform does, and tells the others `conflict`: the
baseline of the fan-out (one booking, N clients) and of the booking storm (everyone at once). POST
/slot-template sets the slot payload, copied from the platform's.

With `--store PATH` (the second baseline): a client must connect with a token the bench registered (POST /tokens,
{token: team id}); the server keeps each socket's identity in memory, as the platform does, and books with one
SQL statement, `UPDATE slots … WHERE id = ? AND status = 'available'`, committed, in a SQLite file in WAL mode.
So platform/bare measures everything the platform adds; platform/bare-with-store measures what it adds beyond
authenticating and writing, the least any platform must do.
"""

import sqlite3
import sys

import eventlet

eventlet.monkey_patch()

from flask import Flask, request  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet", logger=False, engineio_logger=False)
booked: set[int] = set()
slot_template: dict = {}
tokens: dict[str, int] = {}  # token -> team id (with --store)
identities: dict[str, int] = {}  # socket id -> team id (with --store)
store: sqlite3.Connection | None = None


@socketio.on("connect")
def connect(auth=None):
    if store is not None:
        token = auth.get("token") if isinstance(auth, dict) else None
        if token not in tokens:
            raise ConnectionRefusedError("unauthorized")
        identities[request.sid] = tokens[token]
    join_room("all")


@socketio.on("disconnect")
def disconnect(*_reason):
    identities.pop(request.sid, None)


@socketio.on("session:whoami")
def whoami(_payload=None):
    if store is not None and request.sid not in identities:
        return {"ok": False, "error": {"code": "unauthorized", "message": "Please log in again."}}
    return {"ok": True}


def _book_in_store(slot_id: int, team_id: int) -> bool:
    cursor = store.execute("UPDATE slots SET status = 'booked', team_id = ?, version = version + 1 "
                           "WHERE id = ? AND status = 'available'", (team_id, slot_id))
    return cursor.rowcount == 1


@socketio.on("mentoring:book")
def book(payload=None):
    slot_id = payload.get("slot_id") if isinstance(payload, dict) else None
    if not isinstance(slot_id, int):
        return {"ok": False, "error": {"code": "invalid", "message": "slot_id must be an integer."}}
    if store is not None:
        team_id = identities.get(request.sid)
        if team_id is None:
            return {"ok": False, "error": {"code": "unauthorized", "message": "Please log in again."}}
        won = _book_in_store(slot_id, team_id)
    else:
        won = slot_id not in booked
        booked.add(slot_id)
    if not won:
        return {"ok": False, "error": {"code": "conflict", "message": "Someone else got this slot first."}}
    slot = {**slot_template, "id": slot_id, "status": "booked"}
    socketio.emit("mentoring:slot", slot, to="all")
    return {"ok": True, "slot": slot}


@app.post("/slot-template")
def set_slot_template():
    slot_template.clear()
    slot_template.update(request.json)
    return {"ok": True}


@app.post("/tokens")
def set_tokens():
    tokens.update({str(k): int(v) for k, v in request.json.items()})
    return {"ok": True}


@app.post("/slots")
def set_slots():
    ids = [int(i) for i in request.json]
    store.executemany("INSERT OR REPLACE INTO slots (id, status, team_id, version) VALUES (?, 'available', NULL, 1)",
                      [(i,) for i in ids])
    return {"ok": True}


@app.get("/api/v1/events")
def alive():
    return {"events": []}


def open_store(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)  # autocommit: one statement
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("CREATE TABLE IF NOT EXISTS slots (id INTEGER PRIMARY KEY, status TEXT NOT NULL, "
                       "team_id INTEGER, version INTEGER NOT NULL)")
    return connection


if __name__ == "__main__":
    import eventlet.wsgi

    from hackathon.serving import listen  # the platform's listener (TCP_NODELAY), so that only the app differs

    if "--store" in sys.argv:
        store = open_store(sys.argv[sys.argv.index("--store") + 1])
    eventlet.wsgi.server(listen("127.0.0.1", int(sys.argv[1])), app, max_size=20000, log_output=False)
