"""Judges' phones against a live server at once: every vote is tapped twice and resent from a second socket of
the same judge (a reconnect), and still counts once. SQLite or PostgreSQL, as TEST_DATABASE_URL decides."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hackathon.accounts import services as accounts
from hackathon.accounts.tokens import issue_token
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.expo import rounds
from hackathon.expo.models import ExpoVisit, ExpoVote
from hackathon.extensions import db
from hackathon.transactions import unit_of_work
from tests.judging.conftest import make_teams
from tests.support.factories import event_today
from tests.support.swarm import Swarm

pytestmark = pytest.mark.live
JUDGES, TEAMS, VOTES_EACH = 8, 12, 4


def arrange(live_db, slug: str) -> dict:
    with live_db.app_context():
        with unit_of_work():
            event = create_event(slug, "Expo Storm", timezone="Europe/Berlin", capacity=100,
                                 days=[event_today() + timedelta(days=1)])
            judges = []
            for i in range(JUDGES):
                user = accounts.create_user(f"j{i}@{slug}.example", f"Judge {i}", "correct horse battery")
                grant_role(event, user, "jury")
                judges.append(user)
        make_teams(event, [f"Team {i:02d}" for i in range(TEAMS)])
        with unit_of_work():
            expo_round = rounds.add_round(event, name="Expo", track_id=None, finalists=3, min_comparisons=2,
                                          judge_ids=[j.id for j in judges])
        with unit_of_work():
            rounds.open_round(expo_round)
        with unit_of_work():
            tokens = [issue_token(j, "storm", 1)[1] for j in judges]
        return {"round_id": expo_round.id, "tokens": tokens}


def test_double_taps_and_resends_count_once(live_server, live_db):
    data = arrange(live_db, "expo-storm")
    round_id = data["round_id"]

    async def storm():
        phones, resent = Swarm(live_server.url), Swarm(live_server.url)
        await phones.connect(data["tokens"])
        await resent.connect(data["tokens"])  # the same judges' phones after a reconnect

        async def walk(index: int):
            phone, again = phones.peers[index].client, resent.peers[index].client
            ack = await phone.call("expo:next", {"round_id": round_id})
            ack = await phone.call("expo:next", {"round_id": round_id,
                                                 "seen_team_id": ack["judge"]["current"]["team_id"]})
            answers = []
            for n in range(VOTES_EACH):
                judge = ack["judge"]
                if judge["current"] is None:
                    break
                vote = {"round_id": round_id, "previous_team_id": judge["previous"]["team_id"],
                        "current_team_id": judge["current"]["team_id"], "winner": "current" if n % 2 else "previous",
                        "nonce": f"judge{index}-vote{n}-x"}
                acks = await asyncio.gather(phone.call("expo:vote", vote), phone.call("expo:vote", vote),
                                            again.call("expo:vote", vote))
                answers.append(acks)
                ack = next(a for a in acks if a["ok"] and not a["replayed"])
            return answers

        found = await asyncio.gather(*(walk(i) for i in range(JUDGES)))
        await phones.close()
        await resent.close()
        return found

    walks = asyncio.run(storm())
    votes = [acks for answers in walks for acks in answers]
    refused = [a for acks in votes for a in acks if not a["ok"]]
    assert len(votes) == JUDGES * VOTES_EACH and not refused, refused[:3]
    for acks in votes:
        assert len({a["vote"]["id"] for a in acks}) == 1  # one vote, three answers
        assert sum(1 for a in acks if not a["replayed"]) == 1
    with live_db.app_context():
        stored = db.session.scalar(select(func.count(ExpoVote.id)).where(ExpoVote.round_id == round_id))
        per_visit = db.session.execute(select(ExpoVisit.judge_id, ExpoVisit.team_id, func.count())
                                       .where(ExpoVisit.round_id == round_id)
                                       .group_by(ExpoVisit.judge_id, ExpoVisit.team_id)).all()
    assert stored == len(votes)
    assert all(n == 1 for _j, _t, n in per_visit)
