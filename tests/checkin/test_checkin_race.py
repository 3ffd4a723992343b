"""Four doors scan the same fifty badges at once, against a real eventlet server: one check-in per person."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hackathon.accounts import services as accounts
from hackathon.accounts.tokens import issue_token
from hackathon.checkin import badges
from hackathon.checkin.models import Checkin
from hackathon.clock import local_today
from hackathon.events import registration as reg
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.extensions import db
from hackathon.transactions import unit_of_work
from tests.support.swarm import Swarm

pytestmark = pytest.mark.live
PEOPLE, DOORS, ROUNDS = 50, 4, 5


def test_four_doors_never_double_count(live_server, live_db):
    today = local_today("Europe/Berlin")
    with live_db.app_context():
        with unit_of_work():
            event = create_event("door-race", "Door Race", timezone="Europe/Berlin", capacity=100,
                                 days=[today, today + timedelta(days=1)])
            organisers = [accounts.create_user(f"door{i}@example.org", f"Door {i}", password_hash="x")
                          for i in range(DOORS)]
            for user in organisers:
                grant_role(event, user, "organiser")
            codes = []
            for i in range(PEOPLE + ROUNDS * (1 + DOORS)):
                user = accounts.create_user(f"guest{i}@example.org", f"Guest {i}", password_hash="x")
                codes.append(badges.ensure_badge(reg.register(event, user, reg.Profile(), consent_data=True)).code)
            tokens = [issue_token(user, "door", 1)[1] for user in organisers]
            participant_token = issue_token(user, "sneaky", 1)[1]
        event_id = event.id

    codes, late = codes[:PEOPLE], codes[PEOPLE:]
    rng = random.Random(7)
    orders = [rng.sample(codes, len(codes)) for _ in range(DOORS)]

    async def run():
        swarm = Swarm(live_server.url, facts=("checkin:stats",))
        await swarm.connect(tokens)
        sneaky = Swarm(live_server.url)
        await sneaky.connect([participant_token])

        async def door(index: int):
            acks = []
            for n, code in enumerate(orders[index]):
                payload = {"code": code, "nonce": f"door{index}-{n:04d}", "door": f"Door {index}"}
                acks.append((payload, await swarm.peers[index].client.call("checkin:scan", payload, timeout=30)))
            return acks

        results = await asyncio.gather(*(door(i) for i in range(DOORS)))
        # Every door resends its first ten scans (a flaky connection): the same answers, nothing new.
        replays = await asyncio.gather(*(
            asyncio.gather(*(swarm.peers[i].client.call("checkin:scan", payload, timeout=30)
                             for payload, _ack in results[i][:10]))
            for i in range(DOORS)))
        # A request resent while the first is still in flight: the same nonce from every door at once.
        inflight = [await asyncio.gather(*(
            swarm.peers[i].client.call("checkin:scan", {"code": late[k], "nonce": f"inflight-{k:04d}"}, timeout=30)
            for i in range(DOORS))) for k in range(ROUNDS)]
        # One nonce with a different code from each door at once (a scanner's bug): the first request wins.
        clashes = [await asyncio.gather(*(
            swarm.peers[i].client.call("checkin:scan", {"code": late[ROUNDS + k * DOORS + i],
                                                        "nonce": f"clash-{k:04d}"}, timeout=30)
            for i in range(DOORS))) for k in range(ROUNDS)]
        refused = await sneaky.peers[0].client.call("checkin:scan", {"code": codes[0]}, timeout=30)
        await asyncio.sleep(0.3)
        facts = [f for peer in swarm.peers for f in peer.facts["checkin:stats"]]
        await swarm.close()
        await sneaky.close()
        return results, replays, inflight + clashes, refused, facts

    results, replays, same_nonce, refused, facts = asyncio.run(run())
    acks = [ack for door in results for _payload, ack in door]
    assert all(ack["ok"] for ack in acks), [a for a in acks if not a["ok"]][:3]
    firsts = Counter(ack["participant"]["name"] for ack in acks if ack["status"] == "checked_in")
    assert len(firsts) == PEOPLE and set(firsts.values()) == {1}
    assert Counter(ack["status"] for ack in acks) == {"checked_in": PEOPLE, "already_checked_in": PEOPLE * 3}
    for i in range(DOORS):
        assert replays[i] == [ack for _payload, ack in results[i][:10]]
    # Every request with one nonce got the one answer, a first check-in, whoever sent it and whatever code.
    for answers in same_nonce:
        assert all(a == answers[0] for a in answers) and answers[0]["status"] == "checked_in", answers
    assert refused["ok"] is False and refused["error"]["code"] == "forbidden"
    everyone = PEOPLE + len(late)
    assert max(f["checked_in"] for f in facts) == PEOPLE + 2 * ROUNDS
    assert all(f["expected"] == everyone for f in facts)

    with live_db.app_context():
        live = db.session.scalar(select(func.count()).select_from(Checkin).where(
            Checkin.event_id == event_id, Checkin.undone_at.is_(None)))
        assert live == PEOPLE + 2 * ROUNDS  # one per nonce: the clashing codes' other holders are not in
