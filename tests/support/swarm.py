"""Many real Socket.IO clients at once (asyncio), for races and benchmarks against a live server."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass, field

import socketio


@dataclass
class Peer:
    """One connected client and the facts it has received."""

    client: socketio.AsyncClient
    facts: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    arrivals: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))


class Swarm:
    """Connect N clients with bearer tokens, fire a command from all at once, collect acks and facts."""

    def __init__(self, url: str, facts: tuple[str, ...] = ()) -> None:
        self.url = url
        self.fact_names = facts
        self.peers: list[Peer] = []

    async def _connect_one(self, token: str) -> Peer:
        client = socketio.AsyncClient(reconnection=False)
        peer = Peer(client)
        for name in self.fact_names:
            def record(payload, name=name):
                peer.facts[name].append(payload)
                peer.arrivals[name].append(time.perf_counter())
            client.on(name, record)
        await client.connect(self.url, auth={"token": token}, transports=["websocket"], wait_timeout=20)
        return peer

    async def connect(self, tokens: list[str], batch: int = 50) -> None:
        """Connect every token's client, a batch at a time (the server accepts them all)."""
        for start in range(0, len(tokens), batch):
            self.peers += await asyncio.gather(*(self._connect_one(t) for t in tokens[start:start + batch]))

    async def fire(self, command: str, payloads: list[dict], timeout: float = 30) -> list[tuple[dict, float]]:
        """Every peer i sends payloads[i] at the same moment; returns (ack, seconds) per peer."""
        async def one(peer: Peer, payload: dict):
            started = time.perf_counter()
            ack = await peer.client.call(command, payload, timeout=timeout)
            return ack, time.perf_counter() - started

        return list(await asyncio.gather(*(one(p, d) for p, d in zip(self.peers, payloads, strict=True))))

    async def close(self) -> None:
        await asyncio.gather(*(p.client.disconnect() for p in self.peers), return_exceptions=True)


async def heartbeat(url: str, token: str, stop: asyncio.Event, every: float = 0.02) -> float:
    """Ping the server with a command every 20 ms until told to stop; returns the longest gap seen (s)."""
    client = socketio.AsyncClient(reconnection=False)
    await client.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=20)
    longest, last = 0.0, time.perf_counter()
    try:
        while not stop.is_set():
            await client.call("session:whoami", {}, timeout=10)
            now = time.perf_counter()
            longest = max(longest, now - last)
            last = now
            await asyncio.sleep(every)
    finally:
        await client.disconnect()
    return longest
