"""Two workers on PostgreSQL and Redis are one platform: facts cross workers, races are won once.

Needs PostgreSQL and Redis (CI has both): run with `make test-cluster`.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import requests
import socketio

from hackathon.accounts import services, tokens
from hackathon.events.models import Event, Registration
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.extensions import db
from hackathon.transactions import unit_of_work
from tests.support.factories import PASSWORD, event_today
from tests.support.live import LiveDatabase, LiveServer

PG = os.environ.get("CLUSTER_DATABASE_URL", "postgresql://127.0.0.1:5432/test")
REDIS = os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/0")
PEOPLE, SEATS = 40, 10


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cluster")
    database = LiveDatabase(tmp, base_url=PG)
    env = {"SOCKETIO_MESSAGE_QUEUE": REDIS, "SOCKETIO_CHANNEL": f"test-{uuid.uuid4().hex[:8]}"}
    migrate_env = {**os.environ, "DATABASE_URL": database.url, "INSTANCE_PATH": str(tmp / "instance")}
    migrate_env.pop("TEST_DATABASE_URL", None)
    database.create(migrate_env)
    with database.app_context(), unit_of_work():
        event = create_event("cluster-hack", "Cluster Hack", timezone="Europe/Berlin", capacity=SEATS,
                             days=[event_today() + timedelta(days=1)])
        organiser = services.create_user("orga@example.org", "Orga", PASSWORD)
        grant_role(event, organiser, "organiser")
        organiser_token = tokens.issue_token(organiser, "test", days=1)[1]
        people = [tokens.issue_token(services.create_user(f"p{i}@example.org", f"P {i}", PASSWORD), "t", 1)[1]
                  for i in range(PEOPLE)]
    workers = [LiveServer(tmp, database, env=env).start() for _ in range(2)]
    yield {"workers": workers, "database": database, "organiser": organiser_token, "people": people}
    for worker in workers:
        worker.stop()
    for worker in workers:
        worker.assert_clean_log()
    database.drop()


def register(url: str, token: str) -> int:
    response = requests.post(url + "/api/v1/events/cluster-hack/registration", json={"consent_data": True},
                             headers={"Authorization": f"Bearer {token}"}, timeout=30)
    return response.status_code


def test_a_fact_caused_on_one_worker_reaches_a_client_on_the_other(cluster):
    first, second = cluster["workers"]

    async def scenario():
        client = socketio.AsyncClient(reconnection=False)
        got = asyncio.get_running_loop().create_future()
        client.on("events:registrations", lambda payload: got.done() or got.set_result(payload))
        await client.connect(second.url, auth={"token": cluster["organiser"]}, transports=["websocket"])
        try:
            status = await asyncio.to_thread(register, first.url, cluster["people"][0])
            assert status == 201
            return await asyncio.wait_for(got, 10)
        finally:
            await client.disconnect()

    fact = asyncio.run(scenario())
    assert fact["event"] == "cluster-hack"
    assert fact["counts"]["confirmed"] == 1


def test_the_last_seats_are_won_exactly_once_across_workers(cluster):
    first, second = cluster["workers"]
    rest = cluster["people"][1:]
    with ThreadPoolExecutor(max_workers=len(rest)) as pool:
        statuses = list(pool.map(lambda pair: register(pair[1].url, pair[0]),
                                 [(token, first if i % 2 else second) for i, token in enumerate(rest)]))
    assert statuses == [201] * len(rest)
    with cluster["database"].app_context():
        confirmed = db.session.query(Registration).filter_by(status="confirmed").count()
        waitlisted = db.session.query(Registration).filter_by(status="waitlisted").count()
        event = db.session.query(Event).one()
        assert (confirmed, waitlisted) == (SEATS, PEOPLE - SEATS)
        assert event.confirmed_count == SEATS


def test_revoking_a_token_on_one_worker_disconnects_its_socket_on_the_other(cluster):
    """Identity changes cross workers at once: a revoked token's socket does not keep receiving facts."""
    first, second = cluster["workers"]
    with cluster["database"].app_context(), unit_of_work():
        user = services.create_user("leaver@example.org", "Leaver", PASSWORD)
        raw = tokens.issue_token(user, "phone", days=1)[1]

    async def scenario() -> float:
        client = socketio.AsyncClient(reconnection=False)
        gone = asyncio.get_running_loop().create_future()
        client.on("disconnect", lambda *_: gone.done() or gone.set_result(True))
        await client.connect(second.url, auth={"token": raw}, transports=["websocket"])
        assert (await client.call("session:whoami", {}, timeout=10))["ok"] is True
        started = asyncio.get_running_loop().time()
        response = await asyncio.to_thread(requests.delete, first.url + "/api/v1/tokens/current", timeout=10,
                                           headers={"Authorization": f"Bearer {raw}"})
        assert response.status_code == 204
        await asyncio.wait_for(gone, 5)
        return asyncio.get_running_loop().time() - started

    assert asyncio.run(scenario()) < 2.0
