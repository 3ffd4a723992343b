"""The people's choice: once per participant, never for the own team, only while open; the tally stays hidden
until it is revealed; the same rules over Socket.IO and the page."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hackathon.errors import Closed, Conflict, Forbidden
from hackathon.extensions import db, socketio
from hackathon.judging import audience
from hackathon.judging.models import AudienceVote
from hackathon.teams.models import TeamMembership
from hackathon.transactions import unit_of_work


def member_of(make, kit, team):
    user, _ = make.participant(kit.event)
    with unit_of_work() as s:
        s.add(TeamMembership(event_id=kit.event.id, team_id=team.id, user_id=user.id))
    return user


def vote(kit, user, team):
    with unit_of_work():
        return audience.cast_vote(kit.event, user, team.id)


def set_audience(kit, state):
    with unit_of_work():
        audience.set_audience(kit.event, state)


def votes() -> int:
    return db.session.scalar(select(func.count()).select_from(AudienceVote))


def test_one_vote_not_for_the_own_team_while_open(make, kit):
    alpha_member = member_of(make, kit, kit.teams[0])
    with pytest.raises(Closed):
        vote(kit, alpha_member, kit.teams[1])
    set_audience(kit, "open")
    with pytest.raises(Forbidden):
        vote(kit, alpha_member, kit.teams[0])
    with pytest.raises(Forbidden):
        vote(kit, kit.jurors[0], kit.teams[1])
    vote(kit, alpha_member, kit.teams[1])
    with pytest.raises(Conflict) as twice:
        vote(kit, alpha_member, kit.teams[2])
    assert twice.value.code == "already_voted"
    for _ in range(2):
        vote(kit, member_of(make, kit, kit.teams[1]), kit.teams[2])
    assert votes() == 3
    assert audience.tally(kit.event) is None  # hidden while the vote runs
    set_audience(kit, "revealed")
    assert audience.tally(kit.event) == [
        {"team_id": kit.teams[2].id, "team": "Gamma", "votes": 2},
        {"team_id": kit.teams[1].id, "team": "Beta", "votes": 1},
        {"team_id": kit.teams[0].id, "team": "Alpha", "votes": 0},
    ]
    with pytest.raises(Closed):
        vote(kit, member_of(make, kit, kit.teams[2]), kit.teams[0])


def test_vote_over_socket_and_page(app, make, kit):
    set_audience(kit, "open")
    user = member_of(make, kit, kit.teams[0])
    client = make.login(app.test_client(), user)
    sock = socketio.test_client(app, flask_test_client=client)
    assert sock.emit("judging:vote", {"team_id": str(kit.teams[1].id)}, callback=True)["error"]["code"] == "invalid"
    assert sock.emit("judging:vote", {"team_id": kit.teams[0].id}, callback=True)["error"]["code"] == "forbidden"
    assert sock.emit("judging:vote", {"team_id": kit.teams[1].id}, callback=True)["ok"] is True
    assert sock.emit("judging:vote", {"team_id": kit.teams[2].id}, callback=True)["error"]["code"] == "already_voted"
    page = client.get(f"/events/{kit.event.slug}/judging/vote").get_data(as_text=True)
    assert "You have voted" in page

    other = member_of(make, kit, kit.teams[2])
    other_client = make.login(app.test_client(), other)
    text = other_client.get(f"/events/{kit.event.slug}/judging/vote").get_data(as_text=True)
    assert "Vote for Alpha" in text and "Vote for Gamma" not in text
    token = make.csrf(other_client, f"/events/{kit.event.slug}/judging/vote")
    other_client.post(f"/events/{kit.event.slug}/judging/vote/{kit.teams[0].id}", data={"csrf_token": token})
    other_client.post(f"/events/{kit.event.slug}/judging/vote/{kit.teams[1].id}", data={"csrf_token": token})
    assert votes() == 2
    organiser = make.login(app.test_client(), kit.organiser)
    console = organiser.get(f"/events/{kit.event.slug}/console/judging/").get_data(as_text=True)
    assert "2 people have voted." in console and "Alpha: 1" not in console
