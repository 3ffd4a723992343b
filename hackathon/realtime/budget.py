"""Command budgets: how much one socket, and one user, may ask of a worker, and how much at once.

Each socket and each user has a token bucket (a steady rate with room for a burst), and each socket a cap
on commands in flight. The check runs where the worker reads the socket, before a green thread is spawned
for the command, so a flood costs each refused command a dictionary look-up and a short acknowledgement,
and never a database query: everyone else's commands keep their pace.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass
class Bucket:
    """A token bucket: `rate` tokens a second, holding at most `burst`."""

    tokens: float
    updated: float

    def take(self, rate: float, burst: float, now: float) -> float:
        """Take a token: 0.0 when granted, else the seconds until one is there."""
        self.tokens = min(burst, self.tokens + (now - self.updated) * rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / rate if rate > 0 else 60.0


@dataclass(frozen=True)
class Limits:
    """The budgets: per socket, per user, and commands in flight per socket."""

    socket_rate: float = 10.0
    socket_burst: float = 30.0
    user_rate: float = 20.0
    user_burst: float = 60.0
    in_flight: int = 8

    @classmethod
    def from_config(cls, config: dict) -> Limits:
        return cls(
            socket_rate=float(config.get("SOCKET_COMMAND_RATE", cls.socket_rate)),
            socket_burst=float(config.get("SOCKET_COMMAND_BURST", cls.socket_burst)),
            user_rate=float(config.get("USER_COMMAND_RATE", cls.user_rate)),
            user_burst=float(config.get("USER_COMMAND_BURST", cls.user_burst)),
            in_flight=int(config.get("SOCKET_COMMANDS_IN_FLIGHT", cls.in_flight)),
        )


class Budgets:
    """This worker's buckets and in-flight counts."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.sockets: dict[str, Bucket] = {}
        self.users: dict[int, Bucket] = {}
        self.in_flight: dict[str, int] = {}
        self.reads: dict[str, int] = {}
        self.refused = 0
        self._lock = threading.Lock()

    def admit(self, sid: str, user_id: int | None) -> float:
        """0.0 when the socket may run one more command now, else the seconds to wait (refused)."""
        limits = self.limits
        now = time.monotonic()
        with self._lock:
            if self.in_flight.get(sid, 0) >= limits.in_flight:
                self.refused += 1
                return 1.0
            bucket = self.sockets.get(sid)
            if bucket is None:
                bucket = self.sockets[sid] = Bucket(limits.socket_burst, now)
            wait = bucket.take(limits.socket_rate, limits.socket_burst, now)
            if wait == 0.0 and user_id is not None:
                user_bucket = self.users.get(user_id)
                if user_bucket is None:
                    user_bucket = self.users[user_id] = Bucket(limits.user_burst, now)
                wait = user_bucket.take(limits.user_rate, limits.user_burst, now)
                if wait:  # the socket's token was not used
                    bucket.tokens += 1
            if wait:
                self.refused += 1
                return wait
            self.in_flight[sid] = self.in_flight.get(sid, 0) + 1
            return 0.0

    def read(self, sid: str) -> int:
        """Count a message read from the socket; returns how many so far."""
        count = self.reads[sid] = self.reads.get(sid, 0) + 1
        return count

    def done(self, sid: str) -> None:
        """A command of this socket has been answered."""
        with self._lock:
            left = self.in_flight.get(sid, 0) - 1
            if left > 0:
                self.in_flight[sid] = left
            else:
                self.in_flight.pop(sid, None)

    def forget(self, sid: str) -> None:
        """The socket is gone (its user's bucket stays: another tab may go on)."""
        with self._lock:
            self.sockets.pop(sid, None)
            self.in_flight.pop(sid, None)
            self.reads.pop(sid, None)
