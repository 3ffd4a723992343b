"""Follow-ups of winning teams: kept by organisers and by the owner of the team's challenge, nobody else."""

from __future__ import annotations

import datetime as dt

import pytest

from hackathon.commands import Actor
from hackathon.errors import Conflict, Forbidden, Invalid
from hackathon.projects import commands
from hackathon.projects.followups import FollowUpFields
from tests.projects.results import publish_ranking
from tests.support.audit_log import only


@pytest.fixture
def winners(make, event, kit):
    owner = make.staff(event, "challenge_owner")
    challenge = kit.challenge("Forecast the surplus", owner=owner)
    first, _members = kit.team(name="Alpha", challenge=challenge)
    second, _members = kit.team(name="Beta")
    third, _members = kit.team(name="Gamma")
    publish_ranking(make, event, [first, second, third])
    kit.publish_gallery(places=2)
    return owner, first, second, third


def pilot(**changes):
    fields = dict(kind="pilot", offer="A three-month pilot at the food bank in Porto", status="offered",
                  starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2026, 12, 31))
    fields.update(changes)
    return FollowUpFields(**fields)


def test_the_challenge_owner_records_a_pilot_for_their_winning_team(make, event, winners):
    owner, first, second, _third = winners
    saved = commands.save_follow_up(Actor(owner), event=event, team_id=first.id, fields=pilot())
    assert only("projects.follow_up_saved").target == f"follow_up:{saved.value['follow_up_id']}"
    changed = commands.save_follow_up(Actor(owner), event=event, team_id=first.id, fields=pilot(status="agreed"),
                                      follow_up_id=saved.value["follow_up_id"], version=saved.value["version"])
    assert changed.value["version"] == saved.value["version"] + 1
    with pytest.raises(Conflict):
        commands.save_follow_up(Actor(owner), event=event, team_id=first.id, fields=pilot(status="running"),
                                follow_up_id=saved.value["follow_up_id"], version=saved.value["version"])
    with pytest.raises(Forbidden):  # Beta's challenge is not theirs
        commands.save_follow_up(Actor(owner), event=event, team_id=second.id, fields=pilot())
    organiser = make.organiser_of(event)
    commands.save_follow_up(Actor(organiser), event=event, team_id=second.id, fields=pilot(kind="voucher"))


def test_only_winning_teams_and_sensible_offers(make, event, winners):
    _owner, first, _second, third = winners
    organiser = make.organiser_of(event)
    with pytest.raises(Invalid):
        commands.save_follow_up(Actor(organiser), event=event, team_id=third.id, fields=pilot())
    for bad in (pilot(kind="cash"), pilot(status="maybe"), pilot(offer="no"),
                pilot(starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2026, 1, 1))):
        with pytest.raises(Invalid):
            commands.save_follow_up(Actor(organiser), event=event, team_id=first.id, fields=bad)
    participant, _registration = make.participant(event)
    with pytest.raises(Forbidden):
        commands.save_follow_up(Actor(participant), event=event, team_id=first.id, fields=pilot())


def test_the_follow_ups_page(client, make, event, winners):
    owner, first, _second, _third = winners
    make.login(client, owner)
    token = make.csrf(client, f"/events/{event.slug}/projects/follow-ups/")
    page = client.post(f"/events/{event.slug}/projects/follow-ups/", data={
        "csrf_token": token, "team_id": first.id, "kind": "mentoring", "offer": "Six months of mentoring",
        "status": "offered", "starts_on": "2026-10-01", "ends_on": ""}, follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "Follow-up saved." in text and "Six months of mentoring" in text
    participant, _registration = make.participant(event)
    make.login(client, participant)
    assert client.get(f"/events/{event.slug}/projects/follow-ups/").status_code == 403


def test_a_follow_up_is_removed_by_those_who_keep_it(make, event, winners):
    owner, first, second, _third = winners
    organiser = make.organiser_of(event)
    mine = commands.save_follow_up(Actor(owner), event=event, team_id=first.id, fields=pilot()).value["follow_up_id"]
    theirs = commands.save_follow_up(Actor(organiser), event=event, team_id=second.id,
                                     fields=pilot()).value["follow_up_id"]
    with pytest.raises(Forbidden):
        commands.delete_follow_up(Actor(owner), event=event, follow_up_id=theirs)
    commands.delete_follow_up(Actor(owner), event=event, follow_up_id=mine)
    only("projects.follow_up_removed")
    from hackathon.projects.followups import follow_ups

    assert [r["row"].id for r in follow_ups(event)] == [theirs]
