"""Judging pages and JSON API through Flask's test client: the organiser's session, the juror's phone page,
criteria, conflicts, results, reveal and publication, CSV exports; and pages whose queries do not grow with rows."""

from __future__ import annotations

from sqlalchemy import func, select

from hackathon.extensions import db
from hackathon.judging import scoring, session
from hackathon.judging.models import Criterion, JuryConflict, ScoreSheet
from hackathon.teams.models import TeamMembership
from hackathon.transactions import unit_of_work
from tests.judging.conftest import make_teams
from tests.support.queries import count_queries

GOOD = {"impact": 7, "pitch": 4}


def organiser_client(app, make, kit):
    client = make.login(app.test_client(), kit.organiser)
    return client, make.csrf(client, f"/events/{kit.event.slug}/console/judging/")


def score(kit, juror, team, scores=GOOD, comment=""):
    with unit_of_work():
        scoring.save_sheet(kit.event, juror, team.id, dict(scores), comment)


def test_the_session_console_runs_the_pitches(app, make, kit):
    client, token = organiser_client(app, make, kit)
    base = f"/events/{kit.event.slug}/console/judging"
    page = client.get(base + "/")
    assert page.status_code == 200 and "No pitch order yet." in page.get_data(as_text=True)
    assert client.post(base + "/pitch/fill", data={"csrf_token": token}).status_code == 302
    client.post(base + f"/pitch/{kit.teams[2].id}/up", data={"csrf_token": token})
    assert [p.team.name for p in session.pitch_order(kit.event)] == ["Alpha", "Gamma", "Beta"]
    client.post(base + "/open", data={"csrf_token": token})
    client.post(base + "/next", data={"csrf_token": token})
    client.post(base + "/next", data={"csrf_token": token})
    db.session.expire_all()
    state = session.state_of(kit.event)
    assert state.state == "open" and state.current_team_id == kit.teams[2].id
    client.post(base + "/timer/pitch", data={"csrf_token": token})
    db.session.expire_all()
    assert session.state_of(kit.event).timer_phase == "pitch"
    # Without the CSRF token nothing changes.
    client.post(base + "/close", data={})
    db.session.expire_all()
    assert session.state_of(kit.event).state == "open"
    text = client.get(base + "/").get_data(as_text=True)
    assert "Now pitching" in text and "Gamma" in text


def test_only_organisers_enter_the_console(app, make, kit):
    juror = make.login(app.test_client(), kit.jurors[0])
    assert juror.get(f"/events/{kit.event.slug}/console/judging/").status_code == 403
    assert juror.get(f"/api/v1/events/{kit.event.slug}/judging/results").status_code == 403
    assert app.test_client().get(f"/api/v1/events/{kit.event.slug}/judging/criteria").status_code == 401


def test_criteria_api_and_editing(app, make, kit):
    client, token = organiser_client(app, make, kit)
    listed = client.get(f"/api/v1/events/{kit.event.slug}/judging/criteria").get_json()["criteria"]
    assert listed[0] == {"key": "impact", "name": "Social impact", "description": "", "weight": 2, "min": 0,
                         "max": 10, "guide": {"0": "none", "10": "strong"}, "translations": {}}
    base = f"/events/{kit.event.slug}/console/judging/criteria"
    response = client.post(base + "/new", data={"csrf_token": token, "key": "reach", "name": "Reach", "weight": "3",
                                                "min": "1", "max": "5", "guide": "1: few\n5: many"})
    assert response.status_code == 302
    reach = db.session.scalar(select(Criterion).where(Criterion.key == "reach"))
    assert reach.guide == {"1": "few", "5": "many"} and reach.weight == 3
    bad = client.post(base + "/new", data={"csrf_token": token, "key": "x", "name": "X", "weight": "1", "min": "1",
                                           "max": "5", "guide": "no number here"})
    assert bad.status_code == 200 and "score: meaning" in bad.get_data(as_text=True)
    taken = client.post(base + "/new", data={"csrf_token": token, "key": "reach", "name": "Again", "weight": "1",
                                             "min": "1", "max": "5"})
    assert "already has the key" in taken.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Criterion)) == 3


def test_a_juror_scores_from_the_phone_page_without_javascript(app, make, kit):
    kit.open()
    client = make.login(app.test_client(), kit.jurors[0])
    page = client.get(f"/events/{kit.event.slug}/judging/jury")
    assert page.status_code == 200 and 'id="score-form"' in page.get_data(as_text=True)
    token = make.csrf(client, f"/events/{kit.event.slug}/judging/jury")
    data = {"csrf_token": token, "team_id": str(kit.teams[0].id), "score_impact": "7", "score_pitch": "4",
            "comment": "Clear story"}
    client.post(f"/events/{kit.event.slug}/judging/jury/score", data=data)
    client.post(f"/events/{kit.event.slug}/judging/jury/score", data={**data, "score_pitch": "9"})  # off the scale
    (sheet,) = db.session.scalars(select(ScoreSheet)).all()
    assert sheet.scores == GOOD and sheet.comment == "Clear story"
    followed = client.get(f"/events/{kit.event.slug}/judging/jury?team={kit.teams[0].id}").get_data(as_text=True)
    assert "Pitch takes a whole number from 1 to 5." in followed
    # Declaring a conflict from the phone.
    client.post(f"/events/{kit.event.slug}/judging/jury/conflicts",
                data={"conflict-csrf_token": token, "conflict-target": f"team:{kit.teams[1].id}",
                      "conflict-reason": "Friend"})
    (conflict,) = db.session.scalars(select(JuryConflict)).all()
    assert conflict.team_id == kit.teams[1].id and conflict.declared_by == "juror"


def test_results_reveal_publication_and_the_teams_view(app, make, kit):
    kit.open()
    for juror, values in zip(kit.jurors, ((9, 5, 1), (6, 4, 2), (8, 3, 0)), strict=True):
        for team, value in zip(kit.teams, values, strict=True):
            score(kit, juror, team, {"impact": value, "pitch": 3}, comment=f"note {juror.name}")
    client, token = organiser_client(app, make, kit)
    answer = client.get(f"/api/v1/events/{kit.event.slug}/judging/results").get_json()
    assert [r["team"] for r in answer["results"]] == ["Alpha", "Beta", "Gamma"]
    assert all(r["sheets"] == 3 for r in answer["results"])
    base = f"/events/{kit.event.slug}/console/judging"
    client.post(base + "/reveal", data={"csrf_token": token})
    db.session.expire_all()
    assert session.state_of(kit.event).revealed == 0  # not while scoring is open
    kit.close()
    client.post(base + "/reveal", data={"csrf_token": token})
    reveal = client.get(f"/api/v1/events/{kit.event.slug}/judging/reveal").get_json()
    assert [r["team"] for r in reveal["revealed"]] == ["Gamma"]
    assert "Gamma" in client.get(base + "/projector").get_data(as_text=True)
    page = client.get(base + "/results").get_data(as_text=True)
    assert "z-scores" in page and "Alpha" in page

    member, _ = make.participant(kit.event)
    with unit_of_work() as s:
        s.add(TeamMembership(event_id=kit.event.id, team_id=kit.teams[1].id, user_id=member.id))
    team_client = make.login(app.test_client(), member)
    client.post(base + "/conflicts", data={"conflict-csrf_token": token, "conflict-juror_id": str(kit.jurors[0].id),
                                           "conflict-target": f"org:{kit.teams[0].challenge.organisation_id}"})
    (conflict,) = db.session.scalars(select(JuryConflict)).all()
    assert conflict.organisation_id is not None and conflict.declared_by == "organiser"
    client.post(base + "/conflicts", data={"conflict-csrf_token": token, "conflict-juror_id": "999",
                                           "conflict-target": "team:1"})
    assert db.session.scalar(select(func.count()).select_from(JuryConflict)) == 1
    assert "not published yet" in team_client.get(f"/events/{kit.event.slug}/judging/results").get_data(as_text=True)
    client.post(base + "/publish", data={"csrf_token": token})
    mine = team_client.get(f"/events/{kit.event.slug}/judging/results").get_data(as_text=True)
    assert "Place 2" in mine and "note Juror 2" in mine and "Alpha" not in mine
    assert "note Juror 1" not in mine  # that juror's sheets were left out after the conflict was recorded

    sheets_csv = client.get(base + "/sheets.csv").get_data(as_text=True).splitlines()
    assert sheets_csv[0].startswith("team_id,team,juror_id,juror,impact,pitch,comment") and len(sheets_csv) == 10
    results_csv = client.get(base + "/results.csv").get_data(as_text=True).splitlines()
    assert results_csv[1].startswith("1,") and "Alpha" in results_csv[1]



def test_pages_do_not_grow_with_rows(app, make, kit):
    kit.open()
    with unit_of_work():
        session.fill_pitch_order(kit.event)
    organiser, _token = organiser_client(app, make, kit)
    juror = make.login(app.test_client(), kit.jurors[0])
    slug = kit.event.slug
    urls = [(organiser, f"/events/{slug}/console/judging/"), (organiser, f"/events/{slug}/console/judging/results"),
            (organiser, f"/events/{slug}/console/judging/sheets.csv"), (juror, f"/events/{slug}/judging/jury"),
            (organiser, f"/api/v1/events/{slug}/judging/results")]

    def counts():
        return [count_queries(client, url) for client, url in urls]

    for team in kit.teams:
        score(kit, kit.jurors[1], team)
    before = counts()
    more = make_teams(kit.event, [f"Extra {i}" for i in range(30)], organisation_name="More")
    with unit_of_work():
        session.fill_pitch_order(kit.event)
    for team in more:
        score(kit, kit.jurors[1], team)
        score(kit, kit.jurors[2], team)
    assert counts() == before
