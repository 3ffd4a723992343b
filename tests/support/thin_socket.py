"""A thin Socket.IO client for swarms: one WebSocket, commands with acks, facts kept as received text.

Hundreds of python-socketio clients in one asyncio loop spend more CPU decoding the facts they receive
than the server spends sending them, and on a machine shared with the server that CPU is taken from the
server: the swarm then measures itself. This client speaks just what a swarm needs of Engine.IO 4 and
Socket.IO 5 over a WebSocket (connect with auth, ping/pong, emit with an ack) and decodes a fact only
when a test reads it, after the race.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from typing import Any

import aiohttp


class ConnectRefused(ConnectionError):
    """The server refused the Socket.IO connection (its `connect` handler said no)."""


class ThinClient:
    """One Socket.IO connection; `facts` holds (arrival time, event name, raw packet) for the names asked for."""

    def __init__(self, fact_names: tuple[str, ...] = ()) -> None:
        # A fact is recognised by its packet's opening text, without decoding it.
        self._prefixes = {f'42["{name}",': name for name in fact_names}
        self.raw_facts: list[tuple[float, str, str]] = []
        self.counts: dict[str, int] = dict.fromkeys(fact_names, 0)
        self._pending: dict[int, asyncio.Future] = {}
        self._ids = itertools.count()
        self._session: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task | None = None

    async def connect(self, url: str, auth: dict | None = None, timeout: float = 20,
                      session: aiohttp.ClientSession | None = None) -> None:
        """Open the WebSocket and the default namespace; raises ConnectRefused if the server says no."""
        ws_url = url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
        self._own_session = session is None
        self._session = session or aiohttp.ClientSession()
        self._ws = await self._session.ws_connect(ws_url, timeout=aiohttp.ClientWSTimeout(ws_close=timeout),
                                                  max_msg_size=0)
        opened = await self._ws.receive_str(timeout=timeout)
        if not opened.startswith("0"):
            raise ConnectionError(f"unexpected Engine.IO opening: {opened[:80]}")
        await self._ws.send_str("40" + (json.dumps(auth) if auth else ""))
        while True:
            answer = await self._ws.receive_str(timeout=timeout)
            if answer == "2":
                await self._ws.send_str("3")
                continue
            if answer.startswith("42"):
                # A fact to a room the connect handler just put us in can come before the CONNECT answer (as
                # the browser's client does, keep it).
                self._keep_fact(answer)
                continue
            break
        if answer.startswith("44"):
            await self.disconnect()
            raise ConnectRefused(answer[2:])
        if not answer.startswith("40"):
            raise ConnectionError(f"unexpected Socket.IO answer: {answer[:80]}")
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        try:
            async for message in self._ws:
                if message.type != aiohttp.WSMsgType.TEXT:
                    break
                text = message.data
                if text.startswith("42"):
                    self._keep_fact(text)
                elif text.startswith("43"):
                    bracket = text.index("[")
                    future = self._pending.pop(int(text[2:bracket]), None)
                    if future is not None and not future.done():
                        args = json.loads(text[bracket:])
                        future.set_result(args[0] if len(args) == 1 else tuple(args))
                elif text == "2":
                    await self._ws.send_str("3")
                elif text.startswith("1") or text.startswith("41"):
                    break
        except (aiohttp.ClientError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(ConnectionError("the connection closed before the answer came"))
                    future.exception()  # whoever waits gets it; nobody waiting is not an error to log
            self._pending.clear()

    def _keep_fact(self, text: str) -> None:
        for prefix, name in self._prefixes.items():
            if text.startswith(prefix):
                self.raw_facts.append((time.perf_counter(), name, text))
                self.counts[name] += 1
                return

    async def call(self, event: str, data: Any = None, timeout: float = 60) -> Any:
        """Emit `event` with `data` and wait for the server's answer (its ack)."""
        if self._ws is None or self._ws.closed or self._reader is None or self._reader.done():
            raise ConnectionError("not connected")
        ack_id = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._pending[ack_id] = future
        await self._ws.send_str(f"42{ack_id}" + json.dumps([event, data], separators=(",", ":")))
        try:
            return await asyncio.wait_for(future, timeout)
        finally:
            self._pending.pop(ack_id, None)

    async def call_as_a_phone(self, event: str, data: Any = None, attempts: int = 5, timeout: float = 60) -> Any:
        """`call`, retrying an `unavailable` answer after its `retry_after` as static/js/live.js does (the same
        payload, so the same idempotency key or nonce); `self.retries` counts the retries."""
        for attempt in range(attempts):
            answer = await self.call(event, data, timeout=timeout)
            error = answer.get("error") if isinstance(answer, dict) and not answer.get("ok", True) else None
            if not error or error.get("code") != "unavailable" or attempt == attempts - 1:
                return answer
            self.retries = getattr(self, "retries", 0) + 1
            await asyncio.sleep(float(error.get("retry_after") or 1))
        return answer

    def facts(self, name: str) -> list[dict]:
        """The payloads of every `name` fact received so far, decoded now, in arrival order."""
        return [json.loads(text[2:])[1] for _, fact, text in self.raw_facts if fact == name]

    def arrivals(self, name: str) -> list[float]:
        """When each `name` fact arrived (time.perf_counter())."""
        return [at for at, fact, _ in self.raw_facts if fact == name]

    async def disconnect(self) -> None:
        """Leave the namespace and close the WebSocket."""
        if self._ws is not None and not self._ws.closed:
            with contextlib.suppress(aiohttp.ClientError, ConnectionError):
                await self._ws.send_str("41")
            await self._ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)
        if self._session is not None and self._own_session:
            await self._session.close()
