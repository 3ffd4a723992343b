"""Real concurrent Socket.IO clients against a live eventlet server: exactly one winner per race.

200 participants in 40 teams race `mentoring:book` for one available slot; 20 mentors race
`mentoring:claim` for one open slot and `mentoring:help_claim` for one help request. Everyone else
gets `conflict` quickly, every client ends up holding the same final slot, and a heartbeat client
sees the server stay responsive throughout.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import time
from datetime import timedelta

import pytest
import requests

from hackathon.accounts import services as accounts
from hackathon.accounts.tokens import issue_token
from hackathon.events import registration as reg
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.extensions import db
from hackathon.mentoring import grid, helpqueue, slots
from hackathon.teams.models import Team, TeamMembership
from hackathon.transactions import unit_of_work
from tests.support.factories import event_today
from tests.support.heartbeat import heartbeat_process
from tests.support.swarm import Swarm

pytestmark = pytest.mark.live
PARTICIPANTS, TEAMS, MENTORS = 200, 40, 20
# Seconds. Measured on the 2-core development machine, with the 220 clients, the server and the database all on
# it: SQLite 280-330 ms while 200 commands arrive at once (each costs the worker about 1 ms, and the heartbeat's
# ping queues behind them), 750-800 ms while other suites ran beside it (load 6); PostgreSQL 0.75 s, 1.5 s under
# that load (three round trips per command, the database's processes competing for the same two cores). A server
# that held a lock across the network or emitted inside a transaction stalls far longer. The 100 ms target
# belongs to the benchmark, which runs on a quiet machine with the clients elsewhere.
GAP_LIMIT = 3.0 if os.environ.get("TEST_DATABASE_URL", "").startswith("postgres") else 1.5


@pytest.fixture(scope="module")
def arena(live_db):
    with live_db.app_context():
        with unit_of_work():
            event = create_event("mentoring-race", "Race Hack", timezone="Europe/Berlin", capacity=500,
                                 days=[event_today() + timedelta(days=1)])
            organiser = accounts.create_user("org@race.example", "Olga", "correct horse battery")
            grant_role(event, organiser, "organiser")
            mentors = []
            for i in range(MENTORS):
                mentors.append(accounts.create_user(f"mentor{i}@race.example", f"Mentor {i}", "correct horse battery"))
                grant_role(event, mentors[-1], "mentor")
            people = []
            for i in range(PARTICIPANTS):
                user = accounts.create_user(f"p{i}@race.example", f"P {i}", "correct horse battery")
                reg.register(event, user, reg.Profile(country="DE"), consent_data=True)
                people.append(user)
            teams = [Team(event_id=event.id, name=f"Team {t}", invite_code=f"race-{t}", max_size=5,
                          member_count=PARTICIPANTS // TEAMS) for t in range(TEAMS)]
            db.session.add_all(teams)
            db.session.flush()
            db.session.add_all([TeamMembership(event_id=event.id, team_id=teams[i % TEAMS].id, user_id=u.id)
                                for i, u in enumerate(people)])
            session = grid.create_session(event, day=event.days[0].date, start=dt.time(10), end=dt.time(11),
                                          slot_minutes=30, location="Corner")
            first, second = grid.load_slots(event.id)
            assert first.session_id == session.id
            slots.claim(first, mentors[0], {"mentor"})
            request = helpqueue.post_request(event.id, people[0], topic="Our demo won't run", location="T1")
        with unit_of_work():
            tokens = {
                "organiser": issue_token(organiser, "race", 1)[1],
                "mentors": [issue_token(u, "race", 1)[1] for u in mentors],
                "people": [issue_token(u, "race", 1)[1] for u in people],
            }
        return {"tokens": tokens, "book_slot": first.id, "claim_slot": second.id, "request": request.id,
                "slug": event.slug}


async def race(peers, command: str, payload: dict) -> list[tuple[dict, float]]:
    async def one(peer):
        started = time.perf_counter()
        ack = await peer.client.call(command, payload, timeout=30)
        return ack, time.perf_counter() - started

    return list(await asyncio.gather(*(one(p) for p in peers)))


async def settle(peers, fact: str, key: int, version: int, seconds: float = 15) -> list:
    """Wait until every peer holds the fact about `key` at `version`; returns the peers still missing it."""
    deadline = time.monotonic() + seconds
    while True:
        missing = [p for p in peers if max((f["version"] for f in p.facts[fact] if f["id"] == key), default=0)
                   < version]
        if not missing or time.monotonic() > deadline:
            return missing
        await asyncio.sleep(0.05)


def one_winner(results: list[tuple[dict, float]]) -> dict:
    winners = [ack for ack, _seconds in results if ack["ok"]]
    losers = [ack for ack, _seconds in results if not ack["ok"]]
    assert len(winners) == 1, winners
    assert {ack["error"]["code"] for ack in losers} == {"conflict"}, losers[:3]
    slowest = max(seconds for _ack, seconds in results)
    assert slowest < 10, slowest
    return winners[0]


def test_exactly_one_winner_per_race(live_server, arena, capsys):
    tokens = arena["tokens"]

    async def scenario():
        swarm = Swarm(live_server.url, facts=("mentoring:slot", "mentoring:help"))
        await swarm.connect(tokens["people"] + tokens["mentors"])
        people, mentors = swarm.peers[:PARTICIPANTS], swarm.peers[PARTICIPANTS:]
        try:
            booked = one_winner(await race(people, "mentoring:book", {"slot_id": arena["book_slot"], "note": "Go"}))
            claimed = one_winner(await race(mentors, "mentoring:claim", {"slot_id": arena["claim_slot"]}))
            helped = one_winner(await race(mentors, "mentoring:help_claim", {"request_id": arena["request"]}))
            missing_book = await settle(swarm.peers, "mentoring:slot", arena["book_slot"], booked["slot"]["version"])
            missing_claim = await settle(swarm.peers, "mentoring:slot", arena["claim_slot"],
                                         claimed["slot"]["version"])
            missing_help = await settle(mentors, "mentoring:help", arena["request"], helped["request"]["version"])
        finally:
            await swarm.close()
        return booked, claimed, helped, (missing_book, missing_claim, missing_help), swarm.peers

    # The heartbeat pings from a process of its own: the swarm's event loop would delay its pings too.
    with heartbeat_process(live_server.url, tokens["organiser"]) as beat:
        booked, claimed, helped, missing, peers = asyncio.run(scenario())
    longest = beat["longest"]
    with capsys.disabled():
        print(f"\n[mentoring race] longest heartbeat gap during the races: {longest * 1000:.0f} ms")
    assert missing == ([], [], []), [len(m) for m in missing]
    assert booked["slot"]["status"] == "booked" and booked["slot"]["version"] == 3
    assert claimed["slot"]["status"] == "available" and claimed["slot"]["version"] == 2
    assert helped["request"]["status"] == "claimed" and helped["request"]["version"] == 2
    # Every client ends up with the same final slot, the one the API lists.
    listing = requests.get(f"{live_server.url}/api/v1/events/{arena['slug']}/mentoring/slots", timeout=10,
                           headers={"Authorization": f"Bearer {tokens['organiser']}"}).json()["slots"]
    final = {s["id"]: s for s in listing}

    def bare(fact: dict) -> dict:  # the slot without the fact envelope's event fields
        return {k: v for k, v in fact.items() if k not in ("event", "event_id")}

    assert bare(final[arena["book_slot"]]) == bare(booked["slot"])
    assert bare(final[arena["claim_slot"]]) == bare(claimed["slot"])
    notes = set()
    for peer in peers:
        held = {}
        for fact in peer.facts["mentoring:slot"]:
            if fact["version"] > held.get(fact["id"], {}).get("version", 0):
                held[fact["id"]] = fact
        # the note is the booking team's (and mentor's, organisers'): the others hold the slot without it
        assert {**held[arena["book_slot"]], "note": ""} == {**booked["slot"], "note": ""}
        notes.add(held[arena["book_slot"]]["note"])
        assert held[arena["claim_slot"]] == claimed["slot"]
    assert notes == {"", "Go"}
    assert longest < GAP_LIMIT, f"heartbeat gap {longest * 1000:.0f} ms"
