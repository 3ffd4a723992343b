"""Forty participants join one open team with three free places at once, over real HTTP, on a real server."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import requests

from hackathon.accounts import services as accounts
from hackathon.accounts.tokens import issue_token
from hackathon.events import registration as reg
from hackathon.events.services import create_event
from hackathon.teams import challenges, services
from hackathon.transactions import unit_of_work
from tests.support.factories import event_today

pytestmark = pytest.mark.live
PEOPLE = 40


def test_exactly_the_free_places_are_taken(live_server, live_db):
    with live_db.app_context():
        with unit_of_work():
            event = create_event("race", "Race Hack", timezone="Europe/Berlin", capacity=100,
                                 days=[event_today() + timedelta(days=1)], team_max_size=5)
            people = []
            for i in range(PEOPLE + 2):
                user = accounts.create_user(f"racer{i}@example.org", f"Racer {i}", "correct horse battery")
                reg.register(event, user, reg.Profile(country="DE"), consent_data=True)
                people.append(user)
            challenge = challenges.create_challenge(event, challenges.ChallengeFields(title="Race"), owner=None)
        with unit_of_work():
            team = services.create_team(event, people[0], services.TeamDraft(name="Sprinters",
                                                                             challenge_id=challenge.id)).team
        with unit_of_work():
            services.join(team, people[1])
        with unit_of_work():
            tokens = [issue_token(user, "race", 1)[1] for user in people[2:]]
        team_id = team.id

    start = threading.Barrier(PEOPLE)

    def join(token: str) -> tuple[int, dict]:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        start.wait()
        response = session.post(f"{live_server.url}/api/v1/teams/{team_id}/join", json={}, timeout=30)
        return response.status_code, response.json()

    with ThreadPoolExecutor(PEOPLE) as pool:
        results = list(pool.map(join, tokens))

    statuses = sorted(status for status, _body in results)
    assert statuses.count(201) == 3, results
    assert statuses.count(409) == PEOPLE - 3, results
    assert all(body["error"]["code"] == "team_full" for status, body in results if status == 409)

    listing = requests.get(f"{live_server.url}/api/v1/events/race/teams",
                           headers={"Authorization": f"Bearer {tokens[0]}"}, timeout=10).json()
    (item,) = listing["teams"]
    assert len(item["members"]) == 5 and item["open_places"] == 0
    assert item["version"] == 5  # created, one join before, three joins in the race
