"""Many real Socket.IO clients at once (asyncio), for races and benchmarks against a live server."""

from __future__ import annotations

import asyncio
import time

import aiohttp

from tests.support.thin_socket import ThinClient


class _Decoded:
    """`peer.facts["name"]`: that fact's payloads, decoded when read."""

    def __init__(self, client: ThinClient) -> None:
        self._client = client

    def __getitem__(self, name: str) -> list[dict]:
        return self._client.facts(name)


class Peer:
    """One connected client and the facts it has received."""

    def __init__(self, client: ThinClient) -> None:
        self.client = client
        self.facts = _Decoded(client)

    def count(self, name: str) -> int:
        """How many `name` facts have arrived (without decoding them)."""
        return self.client.counts[name]


class Swarm:
    """Connect N clients with bearer tokens, fire a command from all at once, collect acks and facts.

    Given several server URLs (the workers of one platform), client i connects to URL i modulo their number.
    """

    def __init__(self, url: str | list[str], facts: tuple[str, ...] = ()) -> None:
        self.urls = [url] if isinstance(url, str) else list(url)
        self.fact_names = facts
        self.peers: list[Peer] = []
        self._session: aiohttp.ClientSession | None = None

    async def _connect_one(self, token: str, url: str) -> Peer:
        client = ThinClient(self.fact_names)
        await client.connect(url, auth={"token": token}, session=self._session)
        return Peer(client)

    async def connect(self, tokens: list[str], batch: int = 50) -> None:
        """Connect every token's client, a batch at a time (the server accepts them all)."""
        if self._session is None:
            # One connection per client and no pool limit: a swarm holds hundreds of sockets open.
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        for start in range(0, len(tokens), batch):
            self.peers += await asyncio.gather(*(self._connect_one(token, self.urls[i % len(self.urls)])
                                                 for i, token in enumerate(tokens[start:start + batch], start)))

    async def fire(self, command: str, payloads: list[dict], timeout: float = 30) -> list[tuple[dict, float]]:
        """Every peer i sends payloads[i] at the same moment; returns (ack, seconds) per peer."""
        async def one(peer: Peer, payload: dict):
            started = time.perf_counter()
            ack = await peer.client.call(command, payload, timeout=timeout)
            return ack, time.perf_counter() - started

        return list(await asyncio.gather(*(one(p, d) for p, d in zip(self.peers, payloads, strict=True))))

    async def close(self) -> None:
        await asyncio.gather(*(p.client.disconnect() for p in self.peers), return_exceptions=True)
        if self._session is not None:
            await self._session.close()
