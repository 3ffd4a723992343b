"""Ten jurors score twenty teams at once from real Socket.IO clients against a live eventlet server; then a
server killed mid-storm loses no acknowledged sheet. SQLite or PostgreSQL, as TEST_DATABASE_URL decides."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from hackathon.accounts import services as accounts
from hackathon.accounts.tokens import issue_token
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.extensions import db
from hackathon.judging import results, session
from hackathon.judging.criteria import list_criteria
from hackathon.judging.models import ScoreSheet
from hackathon.teams.models import Team
from hackathon.transactions import unit_of_work
from tests.judging.conftest import add_criteria, make_teams
from tests.support.factories import event_today
from tests.support.swarm import Swarm

pytestmark = pytest.mark.live
JURORS, TEAMS = 10, 20


def arrange(live_db, slug: str) -> dict:
    """An open event with jurors, teams and criteria; tokens for the jurors and the organiser."""
    with live_db.app_context():
        with unit_of_work():
            event = create_event(slug, "Storm Hack", timezone="Europe/Berlin", capacity=100,
                                 days=[event_today() + timedelta(days=1)])
            organiser = accounts.create_user(f"org@{slug}.example", "Org", "correct horse battery")
            grant_role(event, organiser, "organiser")
            jurors = []
            for i in range(JURORS):
                juror = accounts.create_user(f"j{i}@{slug}.example", f"Juror {i}", "correct horse battery")
                grant_role(event, juror, "jury")
                jurors.append(juror)
        teams = make_teams(event, [f"Team {i:02d}" for i in range(TEAMS)])
        add_criteria(event)
        with unit_of_work():
            session.open_scoring(event)
        with unit_of_work():
            tokens = [issue_token(j, "storm", 1)[1] for j in jurors]
            organiser_token = issue_token(organiser, "storm", 1)[1]
        return {"event": event.slug, "teams": [t.id for t in teams], "tokens": tokens,
                "organiser": organiser_token, "juror_ids": [j.id for j in jurors]}


def scores_for(juror: int, team: int) -> dict:
    return {"impact": (juror * 3 + team * 7) % 11, "pitch": 1 + (juror + team) % 5}


def stored(live_db, slug: str) -> list[tuple[int, int, dict, int]]:
    with live_db.app_context():
        from hackathon.events.models import Event

        event_id = db.session.scalar(select(Event.id).where(Event.slug == slug))
        return [(s.juror_id, s.team_id, dict(s.scores), s.version) for s in db.session.scalars(
            select(ScoreSheet).where(ScoreSheet.event_id == event_id))]


def test_every_juror_scores_every_team_at_once(live_server, live_db):
    data = arrange(live_db, "storm")

    async def storm():
        organiser = Swarm(live_server.url, facts=("judging:progress",))
        await organiser.connect([data["organiser"]])
        jurors = Swarm(live_server.url)
        await jurors.connect(data["tokens"])

        async def one(index: int, peer, team_id: int):
            payload = {"team_id": team_id, "scores": scores_for(index, team_id), "nonce": f"{index}-{team_id}"}
            # A busy pool may answer `unavailable` (retry later): the phone retries with the same nonce.
            first = await peer.client.call_as_a_phone("judging:score", payload)
            # A phone that missed the ack sends the same edit again: it must not count twice.
            second = await peer.client.call_as_a_phone("judging:score", payload)
            return first, second

        acks = await asyncio.gather(*(one(i, peer, t) for i, peer in enumerate(jurors.peers) for t in data["teams"]))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            latest = {}
            for fact in organiser.peers[0].facts["judging:progress"]:
                if fact["version"] >= latest.get(fact["team_id"], {"version": -1})["version"]:
                    latest[fact["team_id"]] = fact
            if len(latest) == TEAMS and all(f["scored"] == JURORS for f in latest.values()):
                break
            await asyncio.sleep(0.1)
        retries = sum(getattr(peer.client, "retries", 0) for peer in jurors.peers)
        print(f"\n[judging storm] {len(acks) * 2} scores, {retries} retried after `unavailable`")
        await jurors.close()
        await organiser.close()
        return acks, latest

    acks, latest = asyncio.run(storm())
    assert all(first["ok"] and second["ok"] for first, second in acks), [a for a in acks if not a[0]["ok"]][:3]
    assert all(second["sheet"]["version"] == 1 for _first, second in acks)
    assert {f["team_id"]: (f["scored"], f["expected"]) for f in latest.values()} == \
        {t: (JURORS, JURORS) for t in data["teams"]}

    rows = stored(live_db, "storm")
    assert len(rows) == JURORS * TEAMS
    assert len({(j, t) for j, t, _s, _v in rows}) == JURORS * TEAMS
    index_of = {juror_id: i for i, juror_id in enumerate(data["juror_ids"])}
    assert all(s == scores_for(index_of[j], t) and v == 1 for j, t, s, v in rows)

    # The organiser's results match a recomputation from the stored sheets.
    import requests

    answer = requests.get(f"{live_server.url}/api/v1/events/storm/judging/results",
                          headers={"Authorization": f"Bearer {data['organiser']}"}, timeout=10).json()
    with live_db.app_context():
        from hackathon.events.services import get_event

        event = get_event("storm")
        names = {i: n for i, n in db.session.execute(select(Team.id, Team.name).where(Team.event_id == event.id))}
        expected = results.compute(list_criteria(event), names, [(j, t, s) for j, t, s, _v in rows])
    assert [(r["team_id"], r["rank"], r["score"]) for r in answer["results"]] == \
        [(r.team_id, r.rank, round(r.score, 4)) for r in expected]
    assert all(r["sheets"] == JURORS for r in answer["results"])


def test_a_killed_server_keeps_every_acknowledged_sheet(live_server, live_db):
    data = arrange(live_db, "kill")
    rounds = 6
    acked: dict[tuple[int, int], tuple[int, dict]] = {}  # the newest acknowledged (version, scores) per sheet
    count = {"acks": 0}

    async def storm():
        jurors = Swarm(live_server.url)
        await jurors.connect(data["tokens"])

        async def one(index: int, peer, team_id: int, round_: int) -> None:
            base = scores_for(index, team_id)
            payload = {"team_id": team_id, "scores": {"impact": (base["impact"] + round_) % 11,
                                                      "pitch": base["pitch"]}}
            try:
                ack = await peer.client.call("judging:score", payload, timeout=10)
            except Exception:  # the server died under this call: no ack, no promise
                return
            if ack.get("ok"):
                count["acks"] += 1
                key = (data["juror_ids"][index], team_id)
                version = ack["sheet"]["version"]
                if version > acked.get(key, (0, {}))[0]:
                    acked[key] = (version, payload["scores"])

        async def juror(index: int, peer) -> None:
            for round_ in range(rounds):
                await asyncio.gather(*(one(index, peer, t, round_) for t in data["teams"]))

        async def killer():
            # After a full round is acknowledged; a server too slow for that fails here instead of hanging.
            deadline = time.monotonic() + 120
            while count["acks"] < JURORS * TEAMS:
                assert time.monotonic() < deadline, f"only {count['acks']} sheets acknowledged in 120 s"
                await asyncio.sleep(0.002)
            await asyncio.get_running_loop().run_in_executor(None, lambda: live_server.stop(kill=True))

        await asyncio.gather(killer(), *(juror(i, peer) for i, peer in enumerate(jurors.peers)))
        await jurors.close()

    asyncio.run(storm())
    live_server.start()
    assert JURORS * TEAMS <= count["acks"] < JURORS * TEAMS * rounds, count
    rows = {(j, t): (v, s) for j, t, s, v in stored(live_db, "kill")}
    # Every acknowledged sheet is there: at the acknowledged version with those scores, or replaced by a later one.
    lost = [key for key, (version, scores) in acked.items()
            if key not in rows or rows[key][0] < version or (rows[key][0] == version and rows[key][1] != scores)]
    assert lost == []
