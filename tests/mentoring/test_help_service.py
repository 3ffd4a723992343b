"""The help queue: post, exactly one claim, resolve, rate once, cancel, lazy expiry, the organisers' numbers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hackathon.clock import clock, utcnow
from hackathon.errors import Conflict, Forbidden, Gone, Invalid
from hackathon.mentoring import helpqueue
from hackathon.mentoring.commands import expire_stale_requests
from hackathon.transactions import unit_of_work


def post(kit, user, topic="Our API keys stopped working"):
    with unit_of_work():
        request = helpqueue.post_request(kit.event.id, user, topic=topic, location="Table 3", tried="Restarted")
        return request.id


def act(action, request_id, *args):
    with unit_of_work():
        getattr(helpqueue, action)(helpqueue.get_request(request_id), *args)
    return helpqueue.get_request(request_id)


def refused(error, action, request_id, *args):
    before = helpqueue.help_payload(helpqueue.load_requests(helpqueue.get_request(request_id).event_id,
                                                            ids=[request_id])[0])
    with pytest.raises(error) as info:
        act(action, request_id, *args)
    after = helpqueue.help_payload(helpqueue.load_requests(before["event_id"], ids=[request_id])[0])
    assert after == before
    return info.value


def test_post_claim_resolve_rate(kit):
    mentor = kit.mentor("Maria")
    team, (ana, ben) = kit.team()
    request_id = post(kit, ana)
    request = act("claim", request_id, mentor, {"mentor"})
    assert (request.status, request.mentor_id, request.version) == ("claimed", mentor.id, 2)
    request = act("resolve", request_id, mentor, {"mentor"})
    assert request.status == "resolved" and request.resolved_at is not None
    request = act("rate", request_id, ben, 5)
    assert request.rating == 5 and request.version == 4
    payload = helpqueue.help_payload(helpqueue.load_requests(kit.event.id, ids=[request_id])[0])
    assert payload["mentor"] == {"id": mentor.id, "name": "Maria"} and payload["team"]["id"] == team.id
    assert refused(Conflict, "rate", request_id, ana, 4).code == "already_rated"


def test_refusals_change_nothing(kit, make):
    mentor, other = kit.mentor(), kit.mentor()
    _team, (ana,) = kit.team(members=1)
    _, (cleo,) = kit.team(members=1)
    loner, _ = make.participant(kit.event)
    with pytest.raises(Forbidden) as info, unit_of_work():
        helpqueue.post_request(kit.event.id, loner, topic="Help us", location="T1")
    assert info.value.code == "not_in_team"
    with pytest.raises(Invalid), unit_of_work():
        helpqueue.post_request(kit.event.id, ana, topic="x", location="T1")
    request_id = post(kit, ana)
    with pytest.raises(Conflict) as info, unit_of_work():
        helpqueue.post_request(kit.event.id, ana, topic="Another thing", location="T1")
    assert info.value.code == "already_waiting"
    refused(Forbidden, "claim", request_id, ana, {"participant"})
    assert refused(Conflict, "resolve", request_id, mentor, {"mentor"}).code in ("not_claimed",)
    assert refused(Conflict, "rate", request_id, ana, 3).code == "not_resolved"
    refused(Forbidden, "cancel", request_id, cleo, {"participant"})
    act("claim", request_id, mentor, {"mentor"})
    assert refused(Conflict, "claim", request_id, other, {"mentor"}).code == "conflict"
    refused(Forbidden, "resolve", request_id, other, {"mentor"})
    act("cancel", request_id, ana, {"participant"})
    assert refused(Conflict, "cancel", request_id, ana, {"participant"}).code == "not_active"
    post(kit, ana, "Now something else")  # a closed request frees the team to ask again


def test_waiting_requests_expire_lazily(kit, app):
    mentor = kit.mentor()
    _, (ana,) = kit.team(members=1)
    request_id = post(kit, ana)
    clock.frozen = utcnow() + timedelta(minutes=46)
    assert helpqueue.get_request(request_id).status == "waiting"  # nothing runs on a timer
    error = refused(Gone, "claim", request_id, mentor, {"mentor"})
    assert error.code == "expired"
    expire_stale_requests(kit.event.id)  # what every read of the queue does first
    request = helpqueue.get_request(request_id)
    assert request.status == "expired" and request.version == 2
    assert refused(Gone, "claim", request_id, mentor, {"mentor"}).code == "expired"


def test_queue_stats(kit):
    mentor = kit.mentor("Maria")
    _, (ana,) = kit.team(members=1)
    _, (ben,) = kit.team(members=1)
    _, (cleo,) = kit.team(members=1)
    start = utcnow()
    clock.frozen = start
    first = post(kit, ana)
    clock.frozen = start + timedelta(minutes=10)
    post(kit, ben)
    third = post(kit, cleo)
    clock.frozen = start + timedelta(minutes=20)
    act("claim", third, mentor, {"mentor"})
    stats = helpqueue.queue_stats(kit.event.id)
    assert stats["waiting"] == 2
    assert stats["longest_wait_seconds"] == 20 * 60
    assert stats["median_wait_seconds"] == 15 * 60
    assert stats["counts"]["claimed"] == 1
    assert stats["mentors"][0]["name"] == "Maria" and stats["mentors"][0]["helping"] == 1
    act("claim", first, mentor, {"mentor"})
    act("resolve", first, mentor, {"mentor"})
    act("rate", first, ana, 4)
    stats = helpqueue.queue_stats(kit.event.id)
    assert stats["mentors"][0]["resolved"] == 1 and stats["mentors"][0]["rating"] == 4.0
