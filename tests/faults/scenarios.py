"""The fault scenarios, shared by the fault suite (which asserts) and `python -m bench.faults` (which measures).

Each takes running servers and the arena (tests/faults/arena.py) and returns what it saw: answers and times.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid

import requests

from tests.support.thin_socket import ThinClient


async def flood(url: str, token: str, command: str, payload: dict, count: int) -> dict[str, int]:
    """Send `count` commands without waiting for any answer; count the answers by outcome."""
    client = ThinClient()
    await client.connect(url, auth={"token": token})
    loop = asyncio.get_running_loop()
    futures = []
    try:
        frame = json.dumps([command, payload], separators=(",", ":"))
        for ack_id in range(count):
            future = loop.create_future()
            client._pending[ack_id] = future
            futures.append(future)
            await client._ws.send_str(f"42{ack_id}{frame}")
        answers = await asyncio.wait_for(asyncio.gather(*futures, return_exceptions=True), 120)
    finally:
        await client.disconnect()
    outcome: dict[str, int] = {}
    for answer in answers:
        key = "ok" if isinstance(answer, dict) and answer.get("ok") else (
            answer["error"]["code"] if isinstance(answer, dict) else "lost")
        outcome[key] = outcome.get(key, 0) + 1
    return outcome


async def timed_call(client: ThinClient, event: str, payload: dict, timeout: float = 15) -> tuple[dict, float]:
    started = time.monotonic()
    answer = await client.call(event, payload, timeout=timeout)
    return answer, time.monotonic() - started


async def database_stopped(server, arena: dict, proxy, slot: int, person: int = 0) -> dict:
    """Stop the database (the proxy): a booking, a sync and an HTTP read during the outage; then heal."""
    client = ThinClient()
    await client.connect(server.url, auth={"token": arena["tokens"]["people"][person]})
    try:
        assert (await client.call("session:whoami", {}))["ok"]
        proxy.stop()
        booked, took = await timed_call(client, "mentoring:book", {"slot_id": slot})
        synced, sync_took = await timed_call(client, "mentoring:sync", {"event": arena["slug"]})
        http_started = time.monotonic()
        page = await asyncio.to_thread(requests.get, f"{server.url}/api/v1/events/{arena['slug']}", timeout=10)
        http_took = time.monotonic() - http_started
        proxy.heal()
        healed_started = time.monotonic()
        # The worker heals by itself: the first commands after the return may still find dead pool connections
        # (each is answered `unavailable` and dropped), then everything works.
        for _ in range(50):
            healed = await client.call("mentoring:book", {"slot_id": slot}, timeout=10)
            if healed["ok"] or healed["error"]["code"] != "unavailable":
                break
            await asyncio.sleep(0.2)
        return {"booked": booked, "ack_s": took, "synced": synced, "sync_s": sync_took, "page": page,
                "http_s": http_took, "healed": healed, "healed_s": time.monotonic() - healed_started}
    finally:
        await client.disconnect()


async def database_hung(server, arena: dict, proxy, slot: int, person: int = 1) -> dict:
    """Hang the database (the proxy) during a booking; heal; read what the slot became."""
    client = ThinClient()
    await client.connect(server.url, auth={"token": arena["tokens"]["people"][person]})
    try:
        proxy.hang()
        answer, took = await timed_call(client, "mentoring:book", {"slot_id": slot})
        proxy.heal()
        await asyncio.sleep(3)  # had the hung command gone on, it would have committed by now
        listing = await asyncio.to_thread(
            requests.get, f"{server.url}/api/v1/events/{arena['slug']}/mentoring/slots", timeout=10,
            headers={"Authorization": f"Bearer {arena['tokens']['organiser']}"})
        status = next(s for s in listing.json()["slots"] if s["id"] == slot)["status"]
        return {"answer": answer, "ack_s": took, "slot_status": status}
    finally:
        await client.disconnect()


async def wait_for(predicate, timeout: float) -> float:
    """Seconds until predicate() holds; raises after `timeout`."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > timeout:
            raise TimeoutError
        await asyncio.sleep(0.02)
    return time.monotonic() - started


async def queue_outage(workers, arena: dict, redis, slot: int, fault: str, person: int = 0) -> dict:
    """Kill or hang Redis between two workers; book on one while the other's phone watches; bring Redis back."""
    first, second = workers
    booker, watcher = ThinClient(), ThinClient(("mentoring:slot", "live:resync"))
    people = arena["tokens"]["people"]
    await booker.connect(first.url, auth={"token": people[person]})
    await watcher.connect(second.url, auth={"token": people[(person + 1) % len(people)]})
    try:
        assert (await booker.call("mentoring:sync", {"event": arena["slug"]}))["ok"]
        if fault == "kill":
            redis.kill()
        else:
            redis.hang()
        await asyncio.sleep(0.5)
        started = time.monotonic()
        answer = await booker.call("mentoring:book", {"slot_id": slot, "idempotency_key": uuid.uuid4().hex})
        ack_took = time.monotonic() - started
        await asyncio.sleep(4)  # the outage goes on: the watcher's worker cannot hear of the booking
        missed = not any(f["id"] == slot and f["status"] == "booked" for f in watcher.facts("mentoring:slot"))
        resyncs_before = watcher.counts["live:resync"]
        if fault == "kill":
            redis.start()
        else:
            redis.resume()
        converged = await wait_for(lambda: watcher.counts["live:resync"] > resyncs_before, 10)
        state = await watcher.call("mentoring:sync", {"event": arena["slug"]})
        seen = next(s for s in state["slots"] if s["id"] == slot)
        return {"answer": answer, "ack_s": ack_took, "missed": missed, "converged_s": converged,
                "seen": seen["status"]}
    finally:
        await booker.disconnect()
        await watcher.disconnect()
