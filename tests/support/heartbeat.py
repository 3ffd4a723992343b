"""A heartbeat in a process of its own: it pings a server every 20 ms and reports the longest gap.

    python -m tests.support.heartbeat URL TOKEN     (prints "ready", pings until stdin closes, prints JSON)

Run beside a swarm, an in-process heartbeat measures the swarm's own event loop as much as the server:
hundreds of clients in one asyncio loop delay its pings. In a process of its own it measures the server.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from contextlib import contextmanager

from tests.support.thin_socket import ThinClient

ROOT = __file__.rsplit("/tests/", 1)[0]


async def _beat(url: str, token: str, every: float) -> dict:
    client = ThinClient()
    await client.connect(url, auth={"token": token})
    stdin_closed = asyncio.ensure_future(asyncio.to_thread(sys.stdin.read))
    print("ready", flush=True)
    longest, pings, last = 0.0, 0, time.perf_counter()
    try:
        while not stdin_closed.done():
            await client.call("session:whoami", {}, timeout=10)
            now = time.perf_counter()
            longest, last, pings = max(longest, now - last), now, pings + 1
            await asyncio.sleep(every)
    finally:
        await client.disconnect()
    return {"longest_gap_ms": round(longest * 1000, 1), "pings": pings}


class Heartbeat:
    """A running heartbeat process; `stop()` returns the longest gap in seconds."""

    def __init__(self, url: str, token: str, every: float = 0.02) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "tests.support.heartbeat", url, token, str(every)],
                                        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        if line != "ready":
            self.process.kill()
            raise RuntimeError(f"the heartbeat could not connect to {url}: {line!r}")
        time.sleep(0.3)  # a few pings before the storm, so that the first gap is not the connection's

    def stop(self) -> float:
        """Stop pinging; the longest gap between two answers, in seconds."""
        out, _ = self.process.communicate("", timeout=30)
        return json.loads(out.strip().splitlines()[-1])["longest_gap_ms"] / 1000


@contextmanager
def heartbeat_process(url: str, token: str):
    """Ping the server from another process while the block runs; yields a dict that gets "longest" (s)."""
    beat = Heartbeat(url, token)
    result: dict = {}
    try:
        yield result
    finally:
        result["longest"] = beat.stop()


if __name__ == "__main__":
    every = float(sys.argv[3]) if len(sys.argv) > 3 else 0.02
    print(json.dumps(asyncio.run(_beat(sys.argv[1], sys.argv[2], every))), flush=True)
