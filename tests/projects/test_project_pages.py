"""The project pages: the editor without JavaScript, the staff's reading page, the organisers' console."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hackathon.clock import clock
from hackathon.projects import editing
from hackathon.projects.deadline import settings_of, team_deadline
from tests.support.audit_log import only


def post_editor(client, make, event, **fields):
    token = make.csrf(client, f"/events/{event.slug}/project")
    return client.post(f"/events/{event.slug}/project", data={"csrf_token": token, **fields})


def test_a_member_writes_and_submits_the_project_without_javascript(client, make, event, kit):
    team, (ana, _ben) = kit.team(name="Circular Pioneers")
    make.login(client, ana)
    page = client.get(f"/events/{event.slug}/project")
    assert page.status_code == 200 and "Circular Pioneers" in page.get_data(as_text=True)
    saved = post_editor(client, make, event, version="0", title="FixCount", summary="A repair log.",
                        problem="Nobody counts repairs.", link_kind_0="repository",
                        link_url_0="https://code.example.org/fixcount")
    assert saved.status_code == 302
    project = editing.project_of(team.id)
    assert project.problem == "Nobody counts repairs." and project.links[0]["url"].endswith("fixcount")
    submitted = post_editor(client, make, event, version=str(project.version), title="FixCount",
                            summary="A repair log.", submit="1")
    assert submitted.status_code == 302 and editing.project_of(team.id).submitted_at is not None


def test_a_stale_form_keeps_the_persons_text_and_shows_the_others(client, make, event, kit):
    team, (ana, ben) = kit.team()
    start = kit.save(ana, team, version=0).value["version"]
    kit.save(ben, team, version=start, summary="Ben's summary")
    make.login(client, ana)
    page = post_editor(client, make, event, version=str(start), title="FixCount", summary="Ana's summary")
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Someone changed this meanwhile" in text
    assert "Ana&#39;s summary" in text and "Ben&#39;s summary" in text
    assert f'value="{start + 1}"' in text  # saving again now keeps Ana's text
    assert editing.project_of(team.id).summary == "Ben's summary"


def test_someone_without_a_team_is_told_to_find_one(client, make, event):
    user, _registration = make.participant(event)
    make.login(client, user)
    assert "Join or start a team first" in client.get(f"/events/{event.slug}/project").get_data(as_text=True)


def test_jurors_read_a_project_and_strangers_do_not(client, make, event, kit):
    team, (ana, _ben) = kit.team()
    kit.save(ana, team, problem="Nobody counts repairs.")
    make.login(client, make.staff(event, "jury"))
    page = client.get(f"/events/{event.slug}/projects/{team.id}")
    assert page.status_code == 200 and "Nobody counts repairs." in page.get_data(as_text=True)
    _other, (carla,) = kit.team(members=1)
    make.login(client, carla)
    assert client.get(f"/events/{event.slug}/projects/{team.id}").status_code == 404


def test_the_jury_page_shows_the_project_of_the_team_pitching(client, make, event, kit):
    team, (ana, _ben) = kit.team(name="Circular Pioneers")
    kit.save(ana, team, title="FixCount", built="An offline-first web app.")
    make.login(client, make.staff(event, "jury"))
    text = client.get(f"/events/{event.slug}/judging/jury?team={team.id}").get_data(as_text=True)
    assert 'id="project-panel"' in text and "An offline-first web app." in text


def test_the_organiser_sets_the_deadline_in_the_events_zone_to_the_second(client, make, event, kit):
    make.login(client, make.organiser_of(event))
    token = make.csrf(client, f"/events/{event.slug}/console/projects/")
    day = event.days[-1].date.isoformat()
    response = client.post(f"/events/{event.slug}/console/projects/deadline",
                           data={"csrf_token": token, "deadline": f"{day} 14:00:30"}, follow_redirects=True)
    assert "14:00:30" in response.get_data(as_text=True)
    local = datetime.fromisoformat(f"{day}T14:00:30").replace(tzinfo=ZoneInfo(event.timezone))
    assert settings_of(event.id).deadline == local.astimezone(UTC)
    only("projects.deadline_changed")
    team, (_ana, _ben) = kit.team()
    clock.frozen = local.astimezone(UTC) - timedelta(seconds=1)
    assert not team_deadline(event.id, team.id).is_closed()
    clock.frozen = local.astimezone(UTC)
    assert team_deadline(event.id, team.id).is_closed()
    clock.frozen = None
    bad = client.post(f"/events/{event.slug}/console/projects/deadline",
                      data={"csrf_token": token, "deadline": "tomorrow at noon"}, follow_redirects=True)
    assert "YYYY-MM-DD HH:MM:SS" in bad.get_data(as_text=True)


def test_submissions_and_a_reminder_to_those_who_have_not_submitted(client, make, event, kit, mailbox):
    done, (ana, _ben) = kit.team(name="Circular Pioneers")
    _late, (carla, dan) = kit.team(name="Kilowatt Commons")
    kit.save(ana, done, submit=True)
    kit.deadline_in(7200)
    make.login(client, make.organiser_of(event))
    page = client.get(f"/events/{event.slug}/console/projects/").get_data(as_text=True)
    assert "Circular Pioneers" in page and "Kilowatt Commons" in page
    token = make.csrf(client, f"/events/{event.slug}/console/projects/")
    sent = client.post(f"/events/{event.slug}/console/projects/remind", data={"csrf_token": token},
                       follow_redirects=True)
    assert "Reminder sent to 2 people in 1 teams." in sent.get_data(as_text=True)
    assert sorted(m["To"] for m in mailbox) == sorted([carla.email, dan.email])
    text = mailbox[0].get_payload(decode=True).decode()
    assert "Kilowatt Commons" in mailbox[0]["Subject"] and f"/events/{event.slug}/project" in text
    assert settings_of(event.id).reminder_sent_at is not None


def test_extensions_through_the_console(client, make, event, kit):
    team, _members = kit.team()
    moment = kit.deadline_in(600)
    make.login(client, make.organiser_of(event))
    token = make.csrf(client, f"/events/{event.slug}/console/projects/")
    later = (moment + timedelta(hours=1)).astimezone(ZoneInfo(event.timezone)).strftime("%Y-%m-%d %H:%M:%S")
    page = client.post(f"/events/{event.slug}/console/projects/extensions",
                       data={"csrf_token": token, "team_id": team.id, "until": later, "reason": "Illness"},
                       follow_redirects=True)
    assert "Extension granted." in page.get_data(as_text=True)
    assert team_deadline(event.id, team.id).effective == moment + timedelta(hours=1)
    client.post(f"/events/{event.slug}/console/projects/extensions/{team.id}/delete", data={"csrf_token": token})
    assert team_deadline(event.id, team.id).effective == moment


def test_only_organisers_reach_the_console(client, make, event, kit):
    _team, (ana, _ben) = kit.team()
    make.login(client, ana)
    assert client.get(f"/events/{event.slug}/console/projects/").status_code == 403
