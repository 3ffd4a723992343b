"""Where a storm runs: the server under test on a core of its own, the clients on the others.

A storm's hundreds of clients run on the same machine as the server. Left to the scheduler, they take
turns on the server's core and the figures measure the clients as much as the server. With the server
pinned to one core and the clients (this process, and the heartbeat it starts) to the rest, the server
has what one worker has in production, a core, and the clients stand in for the phones on other machines.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

SERVER_CPU = 0


def _threads(pid: int) -> list[int]:
    try:
        return [int(tid) for tid in os.listdir(f"/proc/{pid}/task")]
    except FileNotFoundError:
        return [pid]


def _pin(pid: int, cpus: set[int]) -> None:
    for tid in _threads(pid):
        with suppress(ProcessLookupError, PermissionError):  # a thread that ended meanwhile
            os.sched_setaffinity(tid, cpus)


def available() -> bool:
    """Pinning makes sense with at least two cores this process may use."""
    return hasattr(os, "sched_setaffinity") and len(os.sched_getaffinity(0)) >= 2 and Path("/proc").is_dir()


@contextmanager
def apart(server_pid: int | None) -> Iterator[dict]:
    """For the block: `server_pid` on core 0 alone, this process on the other cores; yields what was done.
    No server (several workers share the machine's cores) or fewer than two cores: nothing is pinned."""
    if server_pid is None or not available():
        yield {"pinned": False}
        return
    everything = os.sched_getaffinity(0)
    clients = everything - {SERVER_CPU}
    _pin(server_pid, {SERVER_CPU})
    os.sched_setaffinity(0, clients)
    try:
        yield {"pinned": True, "server_cpus": [SERVER_CPU], "client_cpus": sorted(clients)}
    finally:
        os.sched_setaffinity(0, everything)
        _pin(server_pid, everything)
