"""Memory: the server's resident memory per 1,000 idle sockets."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import socketio

from bench.demo_platform import Platform


def rss_kib(pid: int) -> int:
    """Resident memory of a process in KiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def run(platform: Platform, url: str, pid: int, clients: int = 1000) -> dict:
    """RSS before and after `clients` authenticated sockets connect and sit idle."""
    emails = [f"participant{i}@demo.example" for i in range(1, clients + 1)]
    tokens = platform.tokens(emails)

    async def work():
        before = rss_kib(pid)
        connected = []
        for start in range(0, clients, 100):
            batch = []
            for email in emails[start:start + 100]:
                client = socketio.AsyncClient(reconnection=False)
                batch.append(client.connect(url, auth={"token": tokens[email]}, transports=["websocket"]))
                connected.append(client)
            await asyncio.gather(*batch)
        await asyncio.sleep(2)
        after = rss_kib(pid)
        await asyncio.gather(*(c.disconnect() for c in connected), return_exceptions=True)
        return before, after

    time.sleep(1)
    before, after = asyncio.run(work())
    return {"clients": clients, "rss_before_mib": round(before / 1024, 1), "rss_after_mib": round(after / 1024, 1),
            "mib_per_1000_sockets": round((after - before) / 1024 * 1000 / clients, 1)}
