"""The bus between workers (Redis), built to keep its promises when Redis misbehaves.

python-socketio's Redis manager publishes inside `emit` (so a hung Redis holds every acknowledgement for
its full socket timeout), and after losing Redis it listens again only after a back-off that grows to a
minute. This manager:
- delivers to this worker's sockets at once and hands the copy for other workers to a sender thread, so
  publishing never waits on Redis; while Redis is away the sender drops what it cannot send, and once Redis
  answers again it tells every worker to make its clients resync;
- listens with a heartbeat (a PING every second; silence for `dead_after` seconds means Redis is hung) and
  reconnects within a second of Redis coming back;
- tells the socket identities when the bus is lost (nothing cached is trusted) and when it is back (every
  socket is re-checked), and tells this worker's clients to resync (`live:resync`): they may have missed facts;
- carries control messages between workers (an identity changed; everyone resync).
"""

from __future__ import annotations

import logging
import queue
import time
from typing import Any

import socketio as python_socketio
from flask import Flask
from redis.backoff import NoBackoff
from redis.retry import Retry

from ..extensions import socketio
from ..registry import registry

log = logging.getLogger(__name__)
CONTROL_EVENT = "__hackathon_control__"
CONTROL_ROOM = "__hackathon_control__"  # nobody joins it: a control message is handled, never delivered
RESYNC_FACT = "live:resync"


class ResilientRedisManager(python_socketio.RedisManager):
    """A Redis client manager whose publishing never blocks and whose listening heals within a second."""

    name = "hackathon-redis"

    def __init__(self, url: str, channel: str, app: Flask, *, timeout: float = 1.0, dead_after: float = 3.0,
                 queue_size: int = 10000) -> None:
        # No retries inside redis-py (its default is three, with back-off): the sender and the listener decide.
        options = {"socket_timeout": timeout, "socket_connect_timeout": timeout, "retry": Retry(NoBackoff(), 0)}
        super().__init__(url, channel=channel, redis_options=options)
        self.app = app
        self.dead_after = dead_after
        self.listening = False  # the listener is subscribed and hears Redis
        self.outgoing: queue.Queue = queue.Queue(maxsize=queue_size)
        self.sender_started = False
        self.sending_failed = False

    # --- sending ---------------------------------------------------------------------------

    def initialize(self) -> None:
        super().initialize()
        if not self.write_only:
            self.sender_started = True
            self.server.start_background_task(self._sender)

    def _publish(self, data: Any) -> None:
        if not self.sender_started:  # not serving (a command-line process): send now, with a short timeout
            self._send_now(data)
            return
        try:
            self.outgoing.put_nowait(data)
        except queue.Full:
            self.sending_failed = True

    def _send_now(self, data: Any) -> bool:
        try:
            if not self.connected:
                self._redis_connect()
            self.redis.publish(self.channel, self.json.dumps(data))
            return True
        except Exception as error:
            self.connected = False
            log.warning("cannot publish to Redis: %s", error)
            return False

    def _sender(self) -> None:
        while True:
            data = self.outgoing.get()
            if self._send_now(data):
                if self.sending_failed:  # some facts never left this worker: every client resyncs
                    self.sending_failed = False
                    self._send_now(self._control({"resync": True}))
                continue
            self.sending_failed = True
            # Redis is away: drop what waits (the clients resync once it is back) and try again shortly.
            dropped = 0
            while True:
                try:
                    self.outgoing.get_nowait()
                    dropped += 1
                except queue.Empty:
                    break
            if dropped:
                log.warning("dropped %d messages for other workers while Redis is away", dropped)
            time.sleep(0.2)

    def _control(self, payload: dict) -> dict:
        return {"method": "emit", "event": CONTROL_EVENT, "data": [payload], "binary": False, "namespace": "/",
                "room": CONTROL_ROOM, "skip_sid": None, "callback": None, "host_id": self.host_id}

    def publish_control(self, payload: dict) -> None:
        """Send a control message to the other workers."""
        self._publish(self._control(payload))

    # --- listening -------------------------------------------------------------------------

    def _redis_listen_with_retries(self):
        module = self._get_redis_module()
        retry = 0.1
        lost = False
        while True:
            pubsub = None
            try:
                client = module.Redis.from_url(self.redis_url, **self.redis_options)
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self.channel)
                self.listening = True
                if lost:
                    lost = False
                    self._restored()
                retry = 0.1
                heard = pinged = time.monotonic()
                while True:
                    message = pubsub.get_message(timeout=0.5)
                    now = time.monotonic()
                    if message is not None:
                        heard = now
                        if message.get("type") == "message":
                            yield message
                    if now - pinged >= 1.0:
                        pubsub.ping()
                        pinged = now
                    if now - heard > self.dead_after:
                        raise TimeoutError(f"Redis has not answered for {self.dead_after} s")
            except Exception as error:
                self.listening = False
                if not lost:
                    lost = True
                    self._lost(error)
                if pubsub is not None:
                    try:
                        pubsub.close()
                    except Exception:  # the connection is already broken; closing is best effort
                        log.debug("closing the broken pubsub failed", exc_info=True)
                time.sleep(retry)
                retry = min(retry * 2, 1.0)

    def _lost(self, error: Exception) -> None:
        from . import identity

        log.warning("lost the message queue (%s): cached identities are not trusted until it is back", error)
        identity.sockets(self.app).trusted = False

    def _restored(self) -> None:
        from . import identity

        log.info("the message queue is back: re-checking every socket, and every client resyncs")
        with self.app.app_context():
            for forget in registry(self.app).hooks_for("bus_restored"):  # facts may have been missed meanwhile
                forget()
            try:
                identity.recheck(self.app, None)
                identity.sockets(self.app).trusted = True
            except Exception:  # the database may be away too: stay untrusted, each command asks the database
                log.warning("could not re-check the sockets after the queue came back", exc_info=True)
        self._resync_local()

    def _resync_local(self) -> None:
        super().emit(RESYNC_FACT, {"reason": "queue"}, namespace="/", ignore_queue=True)

    # --- receiving control messages ---------------------------------------------------------

    def _handle_emit(self, message: dict) -> None:
        if message.get("event") != CONTROL_EVENT:
            super()._handle_emit(message)
            if message.get("host_id") != self.host_id:  # another worker's fact: this worker's observers see it
                from . import observe

                data = message.get("data")
                observe(message.get("event", ""), data[0] if isinstance(data, list) and data else data, self.app)
            return
        data = message.get("data") or [{}]
        payload = data[0] if isinstance(data, list) and data else {}
        if not isinstance(payload, dict):
            return
        if payload.get("resync"):
            self._resync_local()
        user_ids = payload.get("identity")
        if isinstance(user_ids, list):
            from . import identity

            with self.app.app_context():
                identity.recheck(self.app, [int(u) for u in user_ids if isinstance(u, int)])


def client_manager(app: Flask) -> ResilientRedisManager | None:
    """The bus for the app's message queue setting, or None for one process."""
    url = app.config.get("SOCKETIO_MESSAGE_QUEUE")
    if not url or not url.startswith(("redis://", "rediss://", "unix://")):
        return None
    return ResilientRedisManager(url, app.config["SOCKETIO_CHANNEL"], app,
                                 timeout=float(app.config.get("REDIS_TIMEOUT", 1.0)))


def broadcast_control(payload: dict) -> None:
    """Send a control message to every other worker (nothing to do with one process)."""
    server = socketio.server
    manager = getattr(server, "manager", None)
    if isinstance(manager, ResilientRedisManager):
        manager.publish_control(payload)
