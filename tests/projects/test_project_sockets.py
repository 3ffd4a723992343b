"""Two phones on one project: saves acknowledged with the project, facts to the team and the staff, stale saves
told why, the deadline's fact, and payloads of the wrong shape refused."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hackathon.clock import clock
from hackathon.commands import Actor
from hackathon.projects import commands
from tests.projects.conftest import facts


def test_a_teammates_save_reaches_the_other_phone_and_the_staff(kit, make, event):
    team, (ana, ben) = kit.team()
    _other, (carla,) = kit.team(members=1)
    juror = make.staff(event, "jury")
    phones = {name: kit.connect(user) for name, user in
              (("ana", ana), ("ben", ben), ("carla", carla), ("juror", juror), ("organiser", make.organiser_of(event)))}
    for sock in phones.values():
        sock.get_received()
    ack = phones["ana"].emit("projects:save", {"team_id": team.id, "title": "FixCount", "summary": "A repair log.",
                                               "version": 0}, callback=True)
    assert ack["ok"] is True and ack["project"]["title"] == "FixCount"
    for name in ("ben", "juror", "organiser"):
        (fact,) = facts(phones[name], "projects:project")
        assert fact["version"] == ack["project"]["version"] and fact["event"] == event.slug
    assert facts(phones["carla"], "projects:project") == []


def test_two_phones_save_at_once_the_second_is_told_why(kit):
    team, (ana, ben) = kit.team()
    start = kit.save(ana, team, version=0).value["version"]
    ana_phone, ben_phone = kit.connect(ana), kit.connect(ben)
    first = ana_phone.emit("projects:save", {"team_id": team.id, "title": "FixCount", "summary": "Ana's summary",
                                             "version": start}, callback=True)
    second = ben_phone.emit("projects:save", {"team_id": team.id, "title": "FixCount", "summary": "Ben's summary",
                                              "version": start}, callback=True)
    assert first["ok"] is True
    assert second["ok"] is False and second["error"]["code"] == "conflict"
    assert second["error"]["details"]["project"]["summary"] == "Ana's summary"
    assert second["error"]["message"]
    again = ben_phone.emit("projects:save", {"team_id": team.id, "title": "FixCount", "summary": "Ben's summary",
                                             "version": second["error"]["details"]["project"]["version"]},
                           callback=True)
    assert again["ok"] is True and again["project"]["summary"] == "Ben's summary"


def test_after_the_deadline_the_phone_is_told_closed(kit):
    team, (ana, _ben) = kit.team()
    phone = kit.connect(ana)
    moment = kit.deadline_in(60)
    clock.frozen = moment + timedelta(seconds=1)
    ack = phone.emit("projects:save", {"team_id": team.id, "title": "x", "summary": "y"}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "closed"


def test_deadline_changes_reach_the_phones(kit, make, event):
    team, (ana, _ben) = kit.team()
    phone = kit.connect(ana)
    phone.get_received()
    moment = kit.deadline_in(3600)
    (fact,) = facts(phone, "projects:deadline")
    assert fact["team_id"] is None and fact["deadline"] == moment.isoformat() and fact["closed"] is False
    commands.grant_extension(Actor(make.organiser_of(event)), event=event, team_id=team.id,
                             until=moment + timedelta(hours=2))
    (extended,) = facts(phone, "projects:deadline")
    assert extended["team_id"] == team.id and extended["extended"] is True
    assert extended["deadline"] == (moment + timedelta(hours=2)).isoformat()
    assert extended["version"] > fact["version"]


def test_sync_gives_the_team_its_project_and_deadline(kit, event):
    team, (ana, _ben) = kit.team()
    kit.save(ana, team)
    moment = kit.deadline_in(60)
    ack = kit.connect(ana).emit("projects:sync", {"event": event.slug}, callback=True)
    assert ack["ok"] and ack["team_id"] == team.id
    assert [p["team_id"] for p in ack["projects"]] == [team.id]
    assert ack["deadline"]["deadline"] == moment.isoformat()


def test_consent_over_the_socket(kit):
    team, (ana, _ben) = kit.team()
    ack = kit.connect(ana).emit("projects:consent", {"team_id": team.id, "show": True}, callback=True)
    assert ack["ok"] and ack["project"]["show_in_gallery"] is True


@pytest.mark.parametrize(("command", "payload"), [
    ("projects:save", {"team_id": "1", "title": "x", "summary": "y"}),
    ("projects:save", {"team_id": 1, "title": ["x"], "summary": "y"}),
    ("projects:save", {"team_id": 1, "title": "x", "summary": "y", "version": 1.5}),
    ("projects:save", {"team_id": 1, "title": "x", "summary": "y", "links": "https://x"}),
    ("projects:save", {"team_id": 1, "title": "x", "summary": "y", "extra": True}),
    ("projects:save", {"team_id": 2**63, "title": "x", "summary": "y"}),
    ("projects:save", None),
    ("projects:consent", {"team_id": 1, "show": "yes"}),
    ("projects:sync", {"event": 5}),
])
def test_payloads_of_the_wrong_shape_are_refused(kit, command, payload):
    _team, (ana, _ben) = kit.team()
    ack = kit.connect(ana).emit(command, payload, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "invalid"
