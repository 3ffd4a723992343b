"""Project commands without any transport: saving together, the version check, the deadline, consent, files."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hackathon.clock import clock, utcnow
from hackathon.commands import Actor
from hackathon.errors import Closed, Conflict, Forbidden, Invalid, NotFound
from hackathon.projects import commands, editing
from hackathon.projects.files import check_upload
from tests.projects.conftest import png_bytes
from tests.support.audit_log import entries


def test_first_save_makes_the_project_and_every_save_grows_the_version(kit):
    team, (ana, ben) = kit.team()
    first = kit.save(ana, team, version=0, problem="Repair cafés cannot count their impact.")
    project = first.payload("projects:project", team.id)
    assert project["title"] == "FixCount" and project["problem"].startswith("Repair cafés")
    assert project["version"] == first.value["version"] >= 1
    assert project["updated_by"] == {"id": ana.id, "name": ana.name}
    second = kit.save(ben, team, version=project["version"], summary="Now with a monthly report.")
    again = second.payload("projects:project", team.id)
    assert again["version"] == project["version"] + 1
    assert again["summary"] == "Now with a monthly report." and again["problem"] == project["problem"]


def test_a_stale_save_is_refused_with_the_current_project_and_changes_nothing(kit):
    team, (ana, ben) = kit.team()
    start = kit.save(ana, team, version=0).value["version"]
    kit.save(ben, team, version=start, title="FixCount by Ben")
    with pytest.raises(Conflict) as refused:
        kit.save(ana, team, version=start, title="FixCount by Ana")
    current = refused.value.details["project"]
    assert current["title"] == "FixCount by Ben" and current["version"] == start + 1
    assert editing.project_of(team.id).title == "FixCount by Ben"


def test_a_save_without_a_version_simply_wins(kit):
    team, (ana, ben) = kit.team()
    kit.save(ana, team, version=0, title="First")
    kit.save(ben, team, title="Second")
    assert editing.project_of(team.id).title == "Second"


def test_a_first_save_that_claims_a_version_is_stale(kit):
    team, (ana, _ben) = kit.team()
    with pytest.raises(Conflict):
        kit.save(ana, team, version=3)
    assert editing.project_of(team.id) is None


def test_only_members_change_a_project(kit, make, event):
    team, _members = kit.team()
    other_team, (carla,) = kit.team(members=1)
    organiser = make.organiser_of(event)
    for stranger in (carla, organiser, make.staff(event, "jury")):
        with pytest.raises(Forbidden):
            kit.save(stranger, team)
    with pytest.raises(NotFound):
        commands.save_project(Actor(carla), team_id=10**9, values={"title": "x", "summary": "y"})
    assert editing.project_of(team.id) is None and other_team


def test_the_deadline_locks_at_the_second(kit):
    team, (ana, _ben) = kit.team()
    moment = kit.deadline_in(3600)
    clock.frozen = moment - timedelta(seconds=1)
    kit.save(ana, team, title="Just in time")
    clock.frozen = moment
    with pytest.raises(Closed) as refused:
        kit.save(ana, team, title="One second late")
    assert refused.value.code == "closed"
    assert editing.project_of(team.id).title == "Just in time"


def test_an_extension_gives_one_team_more_time(kit, make, event):
    team, (ana, _ben) = kit.team()
    late_team, (carla,) = kit.team(members=1)
    moment = kit.deadline_in(60)
    organiser = make.organiser_of(event)
    commands.grant_extension(Actor(organiser), event=event, team_id=late_team.id, until=moment + timedelta(hours=1),
                             reason="A member was ill on day two.")
    clock.frozen = moment + timedelta(minutes=30)
    kit.save(carla, late_team, title="Thanks for the extra time")
    with pytest.raises(Closed):
        kit.save(ana, team)
    commands.revoke_extension(Actor(organiser), event=event, team_id=late_team.id)
    with pytest.raises(Closed):
        kit.save(carla, late_team)
    with pytest.raises(Invalid):  # an extension ends after the event's deadline
        commands.grant_extension(Actor(organiser), event=event, team_id=team.id, until=moment - timedelta(hours=1))
    actions = [e.action for e in entries()]
    assert "projects.extension_granted" in actions and "projects.extension_revoked" in actions


def test_only_organisers_set_the_deadline(kit, event):
    _team, (ana, _ben) = kit.team()
    with pytest.raises(Forbidden):
        commands.set_deadline(Actor(ana), event=event, moment=utcnow())


def test_submitting_needs_a_title_and_a_summary_and_is_audited(kit, event):
    team, (ana, _ben) = kit.team()
    with pytest.raises(Invalid):
        kit.save(ana, team, title="", summary="", submit=True)
    outcome = kit.save(ana, team, submit=True)
    submitted = outcome.payload("projects:project", team.id)["submitted_at"]
    assert submitted is not None
    later = kit.save(ana, team, submit=True, title="Renamed")
    assert later.payload("projects:project", team.id)["submitted_at"] == submitted  # the first hand-in counts
    assert [e.action for e in entries()].count("projects.submitted") == 1


@pytest.mark.parametrize(("values", "field"), [
    ({"title": "x" * 121}, "title"),
    ({"summary": "x" * 501}, "summary"),
    ({"links": [{"kind": "repository", "url": "javascript:alert(1)"}]}, "links"),
    ({"links": [{"kind": "website", "url": "https://example.org"}]}, "links"),
    ({"links": [{"kind": "demo", "url": "https://example.org"}] * 9}, "links"),
])
def test_bad_fields_are_refused_by_name(kit, values, field):
    team, (ana, _ben) = kit.team()
    with pytest.raises(Invalid) as refused:
        kit.save(ana, team, **values)
    assert refused.value.details["field"] == field
    assert editing.project_of(team.id) is None


def test_consent_can_be_given_and_withdrawn_after_the_deadline(kit, event):
    team, (ana, ben) = kit.team()
    kit.save(ana, team)
    moment = kit.deadline_in(60)
    clock.frozen = moment + timedelta(seconds=1)
    shown = commands.set_consent(Actor(ben), team_id=team.id, show=True)
    assert shown.payload("projects:project", team.id)["show_in_gallery"] is True
    hidden = commands.set_consent(Actor(ana), team_id=team.id, show=False)
    assert hidden.payload("projects:project", team.id)["show_in_gallery"] is False
    assert [e.action for e in entries()].count("projects.consent_changed") == 2


def test_files_are_added_and_removed_by_members_before_the_deadline(kit, app):
    team, (ana, _ben) = kit.team()
    upload = check_upload(png_bytes(), "team photo.png", slides_max_mb=1, image_max_mb=1)
    added = commands.add_file(Actor(ana), team_id=team.id, upload=upload, key="projects/1/" + "a" * 20 + ".png",
                              max_files=1)
    files = added.payload("projects:project", team.id)["files"]
    assert [(f["kind"], f["name"]) for f in files] == [("image", "team-photo.png")]
    with pytest.raises(Invalid):  # one file allowed here
        commands.add_file(Actor(ana), team_id=team.id, upload=upload, key="projects/1/" + "b" * 20 + ".png",
                          max_files=1)
    removed = commands.remove_file(Actor(ana), team_id=team.id, file_id=added.value["file_id"])
    assert removed.value["key"] == "projects/1/" + "a" * 20 + ".png"
    assert removed.payload("projects:project", team.id)["files"] == []


def test_a_gallery_name_is_the_persons_choice(kit, event):
    _team, (ana, _ben) = kit.team()
    assert commands.set_gallery_name(Actor(ana), event=event, name="  Ana  P. ").value == {"name": "Ana P."}
    assert editing.gallery_name_of(event.id, ana.id) == "Ana P."
    assert commands.set_gallery_name(Actor(ana), event=event, name="").value == {"name": ""}
    assert editing.gallery_name_of(event.id, ana.id) == ""


def test_the_gallery_and_its_winner_places_are_the_organisers(kit, make, event):
    _team, (ana, _ben) = kit.team()
    with pytest.raises(Forbidden):
        commands.save_gallery(Actor(ana), event=event, public=True, winner_places=3)
    organiser = make.organiser_of(event)
    with pytest.raises(Invalid):
        commands.save_gallery(Actor(organiser), event=event, public=True, winner_places=11)
    assert kit.settings().gallery_published_at is None
    outcome = commands.save_gallery(Actor(organiser), event=event, public=True, winner_places=1)
    assert outcome.value == {"public": True, "winner_places": 1}
    assert [e.action for e in entries()][-2:] == ["projects.gallery_published", "projects.winner_places_changed"]


def test_a_reminder_names_the_teams_that_have_not_submitted(kit, make, event):
    done, (ana, _ben) = kit.team(name="Alpha")
    late, (carla, dan) = kit.team(name="Beta")
    kit.save(ana, done, submit=True)
    kit.save(carla, late)  # saved, not submitted
    with pytest.raises(Forbidden):
        commands.remind(Actor(carla), event=event)
    outcome = commands.remind(Actor(make.organiser_of(event)), event=event)
    (team,) = outcome.value["teams"]
    assert team["team_id"] == late.id and {m["email"] for m in team["members"]} == {carla.email, dan.email}
    assert kit.settings().reminder_sent_at is not None
