"""Storms: everyone tapping at once — bookings, door scans, jury scores — with a heartbeat watching for stalls."""

from __future__ import annotations

import asyncio
import random
import time
import uuid

import requests
import socketio
from sqlalchemy import select

from bench.demo_platform import Platform
from bench.stats import ratio, summary_ms
from tests.support.swarm import Swarm, heartbeat

SLUG = "social-impact-hackathon"


def _emails(platform: Platform, like: str, limit: int) -> list[str]:
    from hackathon.accounts.models import User
    from hackathon.extensions import db

    with platform.database.app_context():
        return list(db.session.scalars(select(User.email).where(User.email.like(like)).order_by(User.id).limit(limit)))


def _team_members(platform: Platform, limit: int) -> list[str]:
    from hackathon.accounts.models import User
    from hackathon.extensions import db
    from hackathon.teams.models import TeamMembership

    with platform.database.app_context():
        return list(db.session.scalars(select(User.email).join(TeamMembership, TeamMembership.user_id == User.id)
                                       .order_by(User.id).limit(limit)))


async def _with_heartbeat(url: str, token: str, work):
    stop = asyncio.Event()
    beat = asyncio.create_task(heartbeat(url, token, stop))
    await asyncio.sleep(0.3)
    try:
        result = await work()
    finally:
        stop.set()
    return result, await beat


def booking_storm(platform: Platform, url: str, clients: int = 500, slots: int = 50) -> dict:
    """`clients` team members each book one of `slots` available slots at the same moment."""
    members = _team_members(platform, clients)
    tokens = platform.tokens([*members, "organiser@demo.example"])
    listing = requests.get(f"{url}/api/v1/events/{SLUG}/mentoring/slots", timeout=30,
                           headers={"Authorization": f"Bearer {tokens[members[0]]}"}).json()
    slot_list = listing["slots"] if isinstance(listing, dict) else listing
    available = [s["id"] for s in slot_list if s["status"] == "available"][:slots]
    rng = random.Random(7)
    targets = [available[i % len(available)] for i in range(len(members))]
    rng.shuffle(targets)

    async def work():
        swarm = Swarm(url, facts=("mentoring:slot",))
        await swarm.connect([tokens[m] for m in members])
        started = time.perf_counter()
        acks = await swarm.fire("mentoring:book", [{"slot_id": t} for t in targets])
        # Converged when every client has the final version of every slot that was booked.
        deadline = time.perf_counter() + 30
        booked = {t for (a, _), t in zip(acks, targets, strict=True) if a.get("ok")}
        while time.perf_counter() < deadline:
            if all(len({f["id"] for f in p.facts["mentoring:slot"] if f.get("status") == "booked"} & booked)
                   == len(booked) for p in swarm.peers):
                break
            await asyncio.sleep(0.02)
        converged = time.perf_counter() - started
        await swarm.close()
        return acks, converged, len(booked)

    (acks, converged, booked), gap = asyncio.run(_with_heartbeat(url, tokens["organiser@demo.example"], work))
    codes: dict[str, int] = {}
    for ack, _ in acks:
        code = "ok" if ack.get("ok") else ack["error"]["code"]
        codes[code] = codes.get(code, 0) + 1
    return {"clients": len(members), "slots": len(available), "winners": codes.get("ok", 0),
            "booked_slots": booked, "answers": codes, "ack": summary_ms([s for _, s in acks]),
            "converged_ms": round(converged * 1000, 1), "heartbeat_gap_ms": round(gap * 1000, 1)}


def checkin_storm(platform: Platform, url: str, badges: int = 1000, doors: int = 4, rate: float | None = None
                  ) -> dict:
    """Four doors scan every badge (each door a shuffled share); `rate` scans/s in all, or as fast as answered."""
    people = _emails(platform, "participant%", badges)
    tokens = platform.tokens([*people, "organiser@demo.example"])
    codes = []
    session = requests.Session()
    for email in people:
        response = session.get(f"{url}/api/v1/me/badge", headers={"Authorization": f"Bearer {tokens[email]}"},
                               timeout=10)
        if response.status_code == 200:
            codes.append(response.json()["code"])
    organiser = tokens["organiser@demo.example"]
    rng = random.Random(3)
    rng.shuffle(codes)
    shares = [codes[i::doors] for i in range(doors)]

    async def work():
        latencies: list[float] = []
        answers: dict[str, int] = {}

        async def door(share: list[str]):
            client = socketio.AsyncClient(reconnection=False)
            await client.connect(url, auth={"token": organiser}, transports=["websocket"])
            interval = doors / rate if rate else 0
            for code in share:
                began = time.perf_counter()
                ack = await client.call("checkin:scan", {"code": code, "nonce": uuid.uuid4().hex}, timeout=30)
                latencies.append(time.perf_counter() - began)
                key = ack.get("status") if ack.get("ok") else ack["error"]["code"]
                answers[key] = answers.get(key, 0) + 1
                if interval:
                    await asyncio.sleep(max(0.0, interval - (time.perf_counter() - began)))
            await client.disconnect()

        started = time.perf_counter()
        await asyncio.gather(*(door(s) for s in shares))
        return latencies, answers, time.perf_counter() - started

    (latencies, answers, elapsed), gap = asyncio.run(_with_heartbeat(url, organiser, work))
    return {"badges": len(codes), "doors": doors, "target_rate": rate, "answers": answers,
            "scans_per_s": round(len(latencies) / elapsed, 1), "verdict": summary_ms(latencies),
            "heartbeat_gap_ms": round(gap * 1000, 1)}


def scoring_storm(platform: Platform, url: str) -> dict:
    """Every juror scores every team at once; every sheet must be stored once."""
    jurors = _emails(platform, "jury%", 200)
    tokens = platform.tokens([*jurors, "organiser@demo.example"])
    organiser = tokens["organiser@demo.example"]
    auth = {"Authorization": f"Bearer {organiser}"}
    criteria = requests.get(f"{url}/api/v1/events/{SLUG}/judging/criteria", headers=auth, timeout=10).json()
    criteria = criteria["criteria"] if isinstance(criteria, dict) else criteria
    teams = requests.get(f"{url}/api/v1/events/{SLUG}/teams", headers=auth, timeout=10).json()
    teams = teams["teams"] if isinstance(teams, dict) else teams
    org = socketio.Client(reconnection=False)
    org.connect(url, auth={"token": organiser}, transports=["websocket"])
    org.call("judging:open", {"event": SLUG}, timeout=10)
    org.disconnect()
    rng = random.Random(11)

    async def work():
        swarm = Swarm(url)
        await swarm.connect([tokens[j] for j in jurors])
        latencies: list[float] = []
        answers: dict[str, int] = {}

        async def juror(peer):
            for team in teams:
                scores = {c["key"]: rng.randint(c["min"], c["max"]) for c in criteria}
                began = time.perf_counter()
                ack = await peer.client.call("judging:score", {"team_id": team["id"], "scores": scores}, timeout=30)
                latencies.append(time.perf_counter() - began)
                key = "ok" if ack.get("ok") else ack["error"]["code"]
                answers[key] = answers.get(key, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(juror(p) for p in swarm.peers))
        elapsed = time.perf_counter() - started
        await swarm.close()
        return latencies, answers, elapsed

    (latencies, answers, elapsed), gap = asyncio.run(_with_heartbeat(url, organiser, work))
    return {"jurors": len(jurors), "teams": len(teams), "answers": answers,
            "sheets_per_s": round(len(latencies) / elapsed, 1), "ack": summary_ms(latencies),
            "heartbeat_gap_ms": round(gap * 1000, 1)}


def convergence_baseline_ratio(storm: dict, baseline_p99_ms: float) -> float:
    """Convergence of the booking storm against the bare broadcast to as many clients."""
    return ratio(storm["converged_ms"], baseline_p99_ms)


def bare_storm(clients: int) -> dict:
    """The floor: `clients` sockets send one trivial command at once to the bare Flask-SocketIO server,
    while a heartbeat pings it; what eventlet and Socket.IO cost before the platform does anything."""
    import subprocess
    import sys

    from bench.demo_platform import ROOT
    from tests.support.live import free_port

    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "bench.baseline_server", str(port)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(url + "/api/v1/events", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.1)

        async def work():
            swarm = Swarm(url)
            await swarm.connect(["-"] * clients)
            acks = await swarm.fire("session:whoami", [{} for _ in range(clients)])
            await swarm.close()
            return acks

        acks, gap = asyncio.run(_with_heartbeat(url, "-", work))
    finally:
        process.terminate()
        process.wait(10)
    return {"clients": clients, "ack": summary_ms([s for _, s in acks]), "heartbeat_gap_ms": round(gap * 1000, 1)}
