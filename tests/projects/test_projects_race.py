"""Real concurrent Socket.IO clients against a live eventlet server: 40 teams of 5, every member saving their
team's project from the same version at once. Per team exactly one save wins, the other four are told
`conflict` with the winner's project, and every member ends up holding the winner's project."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import timedelta

import pytest
import requests

from hackathon.accounts import services as accounts
from hackathon.accounts.tokens import issue_token
from hackathon.commands import Actor
from hackathon.events import registration as reg
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.extensions import db
from hackathon.projects import commands
from hackathon.teams.models import Team, TeamMembership
from hackathon.transactions import unit_of_work
from tests.support.factories import event_today
from tests.support.swarm import Swarm

pytestmark = pytest.mark.live
TEAMS, MEMBERS = 40, 5


@pytest.fixture(scope="module")
def arena(live_db):
    with live_db.app_context():
        with unit_of_work():
            event = create_event("projects-race", "Race Hack", timezone="Europe/Berlin", capacity=500,
                                 days=[event_today() + timedelta(days=1)])
            organiser = accounts.create_user("org@race.example", "Olga", "correct horse battery")
            grant_role(event, organiser, "organiser")
            teams = [Team(event_id=event.id, name=f"Team {t:02d}", invite_code=f"race-{t}", max_size=MEMBERS,
                          member_count=MEMBERS) for t in range(TEAMS)]
            db.session.add_all(teams)
            db.session.flush()
            members = []
            for i in range(TEAMS * MEMBERS):
                user = accounts.create_user(f"p{i}@race.example", f"P {i}", "correct horse battery")
                reg.register(event, user, reg.Profile(country="DE"), consent_data=True)
                db.session.add(TeamMembership(event_id=event.id, team_id=teams[i % TEAMS].id, user_id=user.id))
                members.append((user, teams[i % TEAMS].id))
        versions = {}
        for team in teams:  # each team starts from a saved project
            user = next(u for u, t in members if t == team.id)
            outcome = commands.save_project(Actor(user), team_id=team.id,
                                            values={"title": "Start", "summary": "Where we began."}, version=0)
            versions[team.id] = outcome.value["version"]
        with unit_of_work():
            tokens = [(issue_token(u, "race", 1)[1], team_id) for u, team_id in members]
            organiser_token = issue_token(organiser, "race", 1)[1]
        return {"tokens": tokens, "versions": versions, "slug": event.slug, "organiser": organiser_token}


def test_one_save_wins_per_team_the_others_are_told_why(live_server, arena):
    tokens = [token for token, _team in arena["tokens"]]
    team_of = [team for _token, team in arena["tokens"]]

    async def scenario():
        swarm = Swarm(live_server.url, facts=("projects:project",))
        await swarm.connect(tokens)
        payloads = [{"team_id": team, "title": f"Title by member {i}", "summary": f"Summary by member {i}",
                     "version": arena["versions"][team]} for i, team in enumerate(team_of)]
        try:
            results = await swarm.fire("projects:save", payloads)
            final_versions = {team: arena["versions"][team] + 1 for team in arena["versions"]}
            for _ in range(300):  # until every member holds their team's final project (15 s at most)
                if all(max((f["version"] for f in peer.facts["projects:project"] if f["team_id"] == team),
                           default=0) >= final_versions[team] for peer, team in zip(swarm.peers, team_of,
                                                                                     strict=True)):
                    break
                await asyncio.sleep(0.05)
            held = [max((f for f in peer.facts["projects:project"] if f["team_id"] == team),
                        key=lambda f: f["version"], default=None) for peer, team in zip(swarm.peers, team_of,
                                                                                        strict=True)]
        finally:
            await swarm.close()
        return results, held

    results, held = asyncio.run(scenario())
    by_team = defaultdict(list)
    for (ack, _seconds), team in zip(results, team_of, strict=True):
        by_team[team].append(ack)
    for team, acks in by_team.items():
        winners = [a for a in acks if a["ok"]]
        losers = [a for a in acks if not a["ok"]]
        assert len(winners) == 1, (team, acks)
        assert {a["error"]["code"] for a in losers} == {"conflict"}, losers[:2]
        winner = winners[0]["project"]
        assert all(a["error"]["details"]["project"]["title"] == winner["title"] for a in losers)
    listing = requests.get(f"{live_server.url}/api/v1/events/{arena['slug']}/projects", timeout=10,
                           headers={"Authorization": f"Bearer {arena['organiser']}"}).json()["projects"]
    final = {p["team_id"]: p for p in listing}
    for fact, team in zip(held, team_of, strict=True):
        assert fact is not None and fact["title"] == final[team]["title"]
        assert fact["version"] == final[team]["version"] == arena["versions"][team] + 1
