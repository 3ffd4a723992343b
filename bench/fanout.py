"""Fan-out: N connected clients receive a real fact (a slot booked), against a bare broadcast of the same size.

Latency is measured from the moment the booking command is sent to the moment each client has the fact, over
ROUNDS bookings, with the same thin clients (booker included) and the same command against the platform and
the bare server (which books from memory), so the ratio is the platform's cost.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time

import aiohttp
import requests
from sqlalchemy import select

from bench import placement
from bench.baseline import running_baseline
from bench.demo_platform import Platform, bookable
from bench.stats import ratio, summary_ms
from bench.storms import open_slots
from tests.support.thin_socket import ThinClient


async def _connect(urls: list[str], auths: list[dict | None], fact: str, session: aiohttp.ClientSession,
                   batch: int = 100) -> list[ThinClient]:
    """Client i connects to URL i modulo their number (the workers of one platform, or one server)."""
    clients: list[ThinClient] = []

    async def one(i: int, auth):
        client = ThinClient((fact,))
        await client.connect(urls[i % len(urls)], auth=auth, timeout=60, session=session)
        return client

    for start in range(0, len(auths), batch):
        clients += await asyncio.gather(*(one(i, a) for i, a in enumerate(auths[start:start + batch], start)))
    return clients


async def _delivery(clients: list[ThinClient], fact: str, started: float, expected: int) -> dict:
    """Wait (counting, not decoding) until every client has the fact or 30 s passed; latency per client."""
    deadline = time.perf_counter() + 30
    while sum(1 for c in clients if c.counts[fact]) < expected and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.2)
    arrivals = [c.arrivals(fact)[0] for c in clients if c.counts[fact]]
    return {"delivered": len(arrivals), "expected": expected, **summary_ms([t - started for t in arrivals])}


ROUNDS = 5  # facts per size: one broadcast is one sample, and a single stall would make the figure


def _rounds_summary(rounds: list[dict]) -> dict:
    """The median round (by p50, p99 and max separately) and the fewest delivered, with every round kept."""
    def median(key: str) -> float:
        return statistics.median(r[key] for r in rounds)

    worst = min(rounds, key=lambda r: r["delivered"])
    return {"delivered": worst["delivered"], "expected": worst["expected"], "p50_ms": median("p50_ms"),
            "p99_ms": median("p99_ms"), "max_ms": median("max_ms"), "rounds": rounds}


async def _measure(url: str | list[str], auths: list[dict | None], fact: str, booker_auths: list[dict | None],
                   slot_ids: list[int]) -> dict:
    """Connect the watchers (spread over the URLs, given several), then one booking per round, each by its own
    booker on the first URL; delivery of each round's fact."""
    urls = [url] if isinstance(url, str) else url
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        clients = await _connect(urls, auths, fact, session)
        bookers = [ThinClient() for _ in booker_auths]
        for booker, auth in zip(bookers, booker_auths, strict=True):
            await booker.connect(urls[0], auth=auth, session=session)
        await asyncio.sleep(1)
        rounds = []
        for booker, slot_id in zip(bookers, slot_ids, strict=True):
            for client in clients:
                client.raw_facts.clear()
                client.counts[fact] = 0
            started = time.perf_counter()
            ack = await booker.call("mentoring:book", {"slot_id": slot_id}, timeout=30)
            assert ack.get("ok"), ack
            rounds.append(await _delivery(clients, fact, started, len(auths)))
            await asyncio.sleep(0.3)
        await asyncio.gather(*(c.disconnect() for c in [*clients, *bookers]), return_exceptions=True)
    return _rounds_summary(rounds)


def baseline(n: int, slot_example: dict) -> dict:
    """The bare Flask-SocketIO server: the same booking command, from memory, broadcast to n clients."""
    with running_baseline() as bare:
        requests.post(bare.url + "/slot-template", json=slot_example, timeout=10)
        with placement.apart(bare.pid):
            return asyncio.run(_measure(bare.url, [None] * n, "mentoring:slot", [None] * ROUNDS,
                                        list(range(1, ROUNDS + 1))))


def _bookers(platform: Platform, count: int) -> list[str]:
    """Members of `count` different teams with no booking yet (each books one slot, within any limit)."""
    from hackathon.accounts.models import User
    from hackathon.extensions import db
    from hackathon.mentoring.models import MentorSlot
    from hackathon.teams.models import TeamMembership

    with platform.database.app_context():
        booked_teams = select(MentorSlot.team_id).where(MentorSlot.team_id.is_not(None))
        rows = db.session.execute(select(User.email, TeamMembership.team_id)
                                  .join(TeamMembership, TeamMembership.user_id == User.id)
                                  .where(TeamMembership.team_id.not_in(booked_teams)).order_by(User.id)).all()
    one_per_team = {team_id: email for email, team_id in reversed(rows)}
    return sorted(one_per_team.values())[:count]


def platform_fanout(platform: Platform, url: str | list[str], server_pid: int | None, n: int) -> tuple[dict, dict]:
    """n participants connected (spread over the workers, given several URLs); ROUNDS team members each book an
    available slot; everyone gets `mentoring:slot` each time. Returns the result and one slot as the platform
    sends it (for the baseline)."""
    from hackathon.accounts.models import User
    from hackathon.events.models import Registration
    from hackathon.extensions import db

    bookers = _bookers(platform, ROUNDS)
    with platform.database.app_context():
        # Confirmed participants: people on the waitlist are not at the event and rightly receive nothing.
        watchers = list(db.session.scalars(
            select(User.email).join(Registration, Registration.user_id == User.id)
            .where(Registration.status == "confirmed", User.email.not_in(bookers)).order_by(User.id).limit(n)))
    tokens = platform.tokens([*bookers, *watchers])
    first = url if isinstance(url, str) else url[0]
    slots = requests.get(first + "/api/v1/events/social-impact-hackathon/mentoring/slots", timeout=30,
                         headers={"Authorization": f"Bearer {tokens[bookers[0]]}"}).json()
    available = bookable(slots["slots"] if isinstance(slots, dict) else slots)[:ROUNDS]
    with placement.apart(server_pid):
        result = asyncio.run(_measure(url, [{"token": tokens[w]} for w in watchers], "mentoring:slot",
                                      [{"token": tokens[b]} for b in bookers], [s["id"] for s in available]))
    return result, available[0]


def run(sizes: list[int], postgres: bool = False) -> list[dict]:
    """Fan-out at each size, with the baseline measured in the same run."""
    results = []
    platform = Platform(max(sizes) + 50, postgres=postgres)
    try:
        open_slots(platform, ROUNDS * len(sizes))
        server = platform.server()
        for n in sizes:
            mine, slot_example = platform_fanout(platform, server.url, server.process.pid, n)
            base = baseline(n, slot_example)
            results.append({"clients": n, "platform": mine, "baseline": base,
                            "p50_ratio": ratio(mine["p50_ms"], base["p50_ms"]),
                            "p99_ratio": ratio(mine["p99_ms"], base["p99_ms"])})
            print(json.dumps(results[-1]))
    finally:
        platform.close()
    return results


def cluster_fanout(total: int, workers: int = 4) -> dict:
    """`total` clients spread over `workers` workers on PostgreSQL and Redis receive each booking's fact
    (ROUNDS bookings, made on worker 1); nothing is pinned."""
    platform = Platform(total + 50, postgres=True)
    try:
        open_slots(platform, ROUNDS)
        result, _ = platform_fanout(platform, platform.cluster(workers).worker_urls, None, total)
        return {"workers": workers, **result}
    finally:
        platform.close()
