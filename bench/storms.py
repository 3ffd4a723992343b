"""Storms: everyone tapping at once — bookings, door scans, jury scores — with a heartbeat watching for stalls."""

from __future__ import annotations

import asyncio
import random
import time
import uuid

import requests
import socketio
from sqlalchemy import func, select

from bench import placement
from bench.baseline import running_baseline
from bench.demo_platform import BOOKING_MARGIN, Platform, bookable
from bench.stats import summary_ms
from tests.support.heartbeat import Heartbeat
from tests.support.swarm import Swarm
from tests.support.thin_socket import ThinClient

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


def _with_heartbeat(url: str, token: str, work):
    """Run the storm (a coroutine function) while another process pings the server; returns (result, gap s)."""
    beat = Heartbeat(url, token)
    try:
        result = asyncio.run(work())
    finally:
        gap = beat.stop()
    return result, gap


def open_slots(platform: Platform, wanted: int) -> None:
    """Have the demo's mentors claim upcoming open slots (through the rules) until `wanted` are available;
    add mentoring sessions in another room (through the grid's rules) when the demo's grid has too few."""
    import datetime as dt

    from hackathon.accounts.models import User
    from hackathon.clock import local_today, utcnow
    from hackathon.errors import DomainError
    from hackathon.events.models import Event, Role
    from hackathon.events.services import event_dates
    from hackathon.extensions import db
    from hackathon.mentoring import grid, slots
    from hackathon.mentoring.models import MentorSlot
    from hackathon.transactions import unit_of_work

    def claim_open(available: int) -> int:
        upcoming = MentorSlot.starts_at > utcnow() + BOOKING_MARGIN
        candidates = list(db.session.scalars(select(MentorSlot).where(MentorSlot.status == "open", upcoming)
                                             .order_by(MentorSlot.starts_at)))
        for slot in candidates:
            if available >= wanted:
                break
            for mentor in mentors:
                try:
                    with unit_of_work():
                        slots.claim(slot, mentor, {"mentor"})
                except DomainError:
                    continue  # this mentor is busy then
                available += 1
                break
        return available

    with platform.database.app_context():
        event = db.session.scalar(select(Event).where(Event.slug == SLUG))
        mentors = list(db.session.scalars(select(User).join(Role, Role.user_id == User.id)
                                          .where(Role.role == "mentor", Role.event_id == event.id)
                                          .order_by(User.id)))
        available = db.session.scalar(select(func.count()).where(MentorSlot.status == "available",
                                                                 MentorSlot.starts_at > utcnow() + BOOKING_MARGIN))
        available = claim_open(available)
        days = [d for d in event_dates(event) if d > local_today(event.timezone)]
        for room, day in enumerate(days * 2):
            if available >= wanted:
                break
            with unit_of_work():
                grid.create_session(event, day=day, start=dt.time(9), end=dt.time(18), slot_minutes=20,
                                    location=f"Bench room {room + 1}")
            available = claim_open(available)


def _held_all_at(peer, booked: set[int]) -> float | None:
    """When this peer first held every booked slot as booked (its facts replayed in arrival order)."""
    holding: set[int] = set()
    for at, fact in zip(peer.client.arrivals("mentoring:slot"), peer.facts["mentoring:slot"], strict=True):
        if fact.get("status") == "booked" and fact["id"] in booked:
            holding.add(fact["id"])
            if len(holding) == len(booked):
                return at
    return None


async def _booking_race(url: str | list[str], tokens: list[str], targets: list[int]) -> tuple[list, float | None, int]:
    """Everyone books their target at once (spread over the workers given several URLs); returns the acks, the
    time until every client held every booked slot as booked (None if one never did within a minute), and how
    many slots were booked."""
    swarm = Swarm(url, facts=("mentoring:slot",))
    await swarm.connect(tokens)
    await asyncio.sleep(0.5)
    started = time.perf_counter()
    acks = await swarm.fire("mentoring:book", [{"slot_id": t} for t in targets])
    booked = {t for (a, _), t in zip(acks, targets, strict=True) if a.get("ok")}
    # Wait by counting (decoding 25,000 facts while they arrive would slow the clients); check them after.
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline and any(p.count("mentoring:slot") < len(booked) for p in swarm.peers):
        await asyncio.sleep(0.05)
    await swarm.close()
    held = [_held_all_at(p, booked) for p in swarm.peers]
    converged = None if None in held else max(held, default=started) - started
    return acks, converged, len(booked)


def _race_report(acks: list, converged: float | None, booked: int, gap: float, slots: int) -> dict:
    codes: dict[str, int] = {}
    for ack, _ in acks:
        code = "ok" if ack.get("ok") else ack["error"]["code"]
        codes[code] = codes.get(code, 0) + 1
    return {"clients": len(acks), "slots": slots, "winners": codes.get("ok", 0), "booked_slots": booked,
            "answers": codes, "ack": summary_ms([s for _, s in acks]),
            "converged_ms": None if converged is None else round(converged * 1000, 1),
            "heartbeat_gap_ms": round(gap * 1000, 1)}


def _spread(slot_ids: list[int], clients: int) -> list[int]:
    """Each client's target: the slots in turn, shuffled (the same for the platform and the baseline)."""
    targets = [slot_ids[i % len(slot_ids)] for i in range(clients)]
    random.Random(7).shuffle(targets)
    return targets


def booking_storm(platform: Platform, url: str, server_pid: int, clients: int = 500, slots: int = 50) -> dict:
    """`clients` team members each book one of `slots` available slots at the same moment."""
    open_slots(platform, slots)
    members = _team_members(platform, clients)
    tokens = platform.tokens([*members, "organiser@demo.example"])
    listing = requests.get(f"{url}/api/v1/events/{SLUG}/mentoring/slots", timeout=30,
                           headers={"Authorization": f"Bearer {tokens[members[0]]}"}).json()
    slot_list = listing["slots"] if isinstance(listing, dict) else listing
    available = bookable(slot_list)[:slots]
    targets = _spread([s["id"] for s in available], len(members))
    with placement.apart(server_pid) as placed:
        (acks, converged, booked), gap = _with_heartbeat(
            url, tokens["organiser@demo.example"], lambda: _booking_race(url, [tokens[m] for m in members], targets))
    report = {**_race_report(acks, converged, booked, gap, len(available)), "placement": placed}
    report["slot_example"] = available[0] if available else {}
    return report


def bare_booking_storm(clients: int, slots: int, slot_example: dict | None = None, *, store: bool = False) -> dict:
    """A baseline: the same storm against the bare server, which broadcasts a slot payload like the platform's to
    everyone (bench/baseline_server.py). With `store`, the second baseline: it authenticates each socket from
    memory and books with one SQL statement in a SQLite file; otherwise it books from memory."""
    import tempfile

    targets = _spread(list(range(1, slots + 1)), clients)
    tokens = [f"bench-{i}" for i in range(clients)] if store else ["-"] * clients
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/bare-store.sqlite" if store else None
        with running_baseline(path) as bare, placement.apart(bare.pid) as placed:
            requests.post(bare.url + "/slot-template", json=slot_example or {}, timeout=10)
            if store:
                requests.post(bare.url + "/tokens", json={t: 1 + i % 100 for i, t in enumerate(tokens)}, timeout=10)
                requests.post(bare.url + "/tokens", json={"heartbeat": 0}, timeout=10)
                requests.post(bare.url + "/slots", json=list(range(1, slots + 1)), timeout=10)
            (acks, converged, booked), gap = _with_heartbeat(
                bare.url, "heartbeat" if store else "-", lambda: _booking_race(bare.url, tokens, targets))
    return {**_race_report(acks, converged, booked, gap, slots), "placement": placed}


async def _whoami_race(url: str, tokens: list[str]) -> list:
    swarm = Swarm(url)
    await swarm.connect(tokens)
    await asyncio.sleep(0.5)
    acks = await swarm.fire("session:whoami", [{}] * len(tokens))
    await swarm.close()
    return acks


def command_floor(platform: Platform, url: str, server_pid: int, clients: int = 500) -> dict:
    """The cheapest authenticated command (`session:whoami`) from every client at once, on the platform and on
    the bare server: what any storm of that many commands costs before its own rules run."""
    members = _team_members(platform, clients)
    tokens = platform.tokens(members)
    with placement.apart(server_pid):
        mine = asyncio.run(_whoami_race(url, [tokens[m] for m in members]))
    with running_baseline() as bare, placement.apart(bare.pid):
        theirs = asyncio.run(_whoami_race(bare.url, ["-"] * len(members)))
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, running_baseline(f"{tmp}/bare-store.sqlite") as authed, \
            placement.apart(authed.pid):
        names = [f"bench-{i}" for i in range(len(members))]
        requests.post(authed.url + "/tokens", json=dict.fromkeys(names, 1), timeout=10)
        authenticated = asyncio.run(_whoami_race(authed.url, names))
    platform_ack, bare_ack = summary_ms([s for _, s in mine]), summary_ms([s for _, s in theirs])
    return {"clients": len(members), "platform": platform_ack, "bare": bare_ack,
            "bare_authenticated": summary_ms([s for _, s in authenticated]),
            "all_ok": all(a.get("ok") for a, _ in mine + theirs + authenticated)}


def checkin_storm(platform: Platform, url: str, server_pid: int | None, badges: int = 1000, doors: int = 4,
                  rate: float | None = None, door_urls: list[str] | None = None) -> dict:
    """Four doors scan every badge (each door a shuffled share); `rate` scans/s in all, or as fast as answered.
    With `door_urls` (several workers), door i scans through worker i modulo their number."""
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

        async def door(share: list[str], door_url: str):
            client = ThinClient()
            await client.connect(door_url, auth={"token": organiser})
            interval = doors / rate if rate else 0
            for code in share:
                began = time.perf_counter()
                ack = await client.call("checkin:scan", {"code": code, "nonce": uuid.uuid4().hex, "event": SLUG},
                                        timeout=30)
                latencies.append(time.perf_counter() - began)
                key = ack.get("status") if ack.get("ok") else ack["error"]["code"]
                answers[key] = answers.get(key, 0) + 1
                if interval:
                    await asyncio.sleep(max(0.0, interval - (time.perf_counter() - began)))
            await client.disconnect()

        started = time.perf_counter()
        urls = door_urls or [url]
        await asyncio.gather(*(door(share, urls[i % len(urls)]) for i, share in enumerate(shares)))
        return latencies, answers, time.perf_counter() - started

    with placement.apart(server_pid) as placed:
        (latencies, answers, elapsed), gap = _with_heartbeat(url, organiser, work)
    return {"badges": len(codes), "doors": doors, "target_rate": rate, "answers": answers,
            "scans_per_s": round(len(latencies) / elapsed, 1), "verdict": summary_ms(latencies),
            "heartbeat_gap_ms": round(gap * 1000, 1), "placement": placed}


def scoring_storm(platform: Platform, url: str, server_pid: int | None, juror_urls: list[str] | None = None) -> dict:
    """Every juror scores every team at once; every sheet must be stored once. With `juror_urls` (several
    workers), the jurors spread over them."""
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
        swarm = Swarm(juror_urls or url)
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

    with placement.apart(server_pid) as placed:
        (latencies, answers, elapsed), gap = _with_heartbeat(url, organiser, work)
    return {"placement": placed, "jurors": len(jurors), "teams": len(teams), "answers": answers,
            "sheets_per_s": round(len(latencies) / elapsed, 1), "ack": summary_ms(latencies),
            "heartbeat_gap_ms": round(gap * 1000, 1)}


def cluster_storms(workers: int, clients: int, slots: int, badges: int) -> dict:
    """The booking, check-in and scoring storms against `workers` workers on PostgreSQL and Redis: the clients
    spread over the workers, each door on its own worker. Nothing is pinned (the workers share the cores)."""
    platform = Platform(max(badges, clients + 50), postgres=True, mentors=max(12, slots))
    try:
        open_slots(platform, slots)
        urls = platform.cluster(workers).worker_urls
        members = _team_members(platform, clients)
        tokens = platform.tokens([*members, "organiser@demo.example"])
        listing = requests.get(f"{urls[0]}/api/v1/events/{SLUG}/mentoring/slots", timeout=30,
                               headers={"Authorization": f"Bearer {tokens[members[0]]}"}).json()
        available = bookable(listing["slots"] if isinstance(listing, dict) else listing)[:slots]
        targets = _spread([s["id"] for s in available], len(members))
        (acks, converged, booked), gap = _with_heartbeat(
            urls[-1], tokens["organiser@demo.example"],
            lambda: _booking_race(urls, [tokens[m] for m in members], targets))
        booking = _race_report(acks, converged, booked, gap, len(available))
        checkin = checkin_storm(platform, urls[0], None, badges, door_urls=urls)
        scoring = scoring_storm(platform, urls[0], None, juror_urls=urls)
        return {"workers": workers, "booking_storm": booking, "checkin_storm_max": checkin,
                "scoring_storm": scoring}
    finally:
        platform.close()
