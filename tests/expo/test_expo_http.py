"""Expo pages (the judge's phone without JavaScript, the organisers' console) and the JSON API."""

from __future__ import annotations

import re

from sqlalchemy import select

from hackathon.expo.models import ExpoJudge, ExpoRound, ExpoVote
from hackathon.extensions import db
from hackathon.judging import session


def logged_in(app, make, user, path):
    client = make.login(app.test_client(), user)
    return client, make.csrf(client, path)


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html)
    assert match, name
    return match.group(1)


def test_the_organiser_adds_opens_watches_and_promotes_from_the_console(app, make, kit):
    base = f"/events/{kit.event.slug}/console/expo/"
    client, token = logged_in(app, make, kit.organiser, base)
    page = client.get(base).get_data(as_text=True)
    assert "Add an expo round" in page and "Judge 1" in page
    bad = client.post(base, data={"csrf_token": token, "name": "", "track": "all", "finalists": "2",
                                  "min_comparisons": "2"})
    assert bad.status_code == 422 and db.session.scalar(select(ExpoRound.id)) is None
    response = client.post(base, data={"csrf_token": token, "name": "Expo hall", "track": "all", "finalists": "2",
                                       "min_comparisons": "2", "judge_ids": [str(j.id) for j in kit.jurors]})
    assert response.status_code == 302
    round_id = db.session.scalar(select(ExpoRound.id))
    page = client.get(base + str(round_id)).get_data(as_text=True)
    assert "Open the round" in page and "T5" in page
    client.post(f"{base}{round_id}/tables", data={"csrf_token": token, f"table_{kit.teams[0].id}": "Window 1"})
    client.post(f"{base}{round_id}/open", data={"csrf_token": token})
    page = client.get(base + str(round_id)).get_data(as_text=True)
    assert "Window 1" in page and "Close the round" in page

    judge_client, judge_token = logged_in(app, make, kit.jurors[0], f"/events/{kit.event.slug}/expo/")
    walk = f"/events/{kit.event.slug}/expo/{round_id}"
    judge_client.post(walk + "/next", data={"csrf_token": judge_token})
    page = judge_client.get(f"/events/{kit.event.slug}/expo/").get_data(as_text=True)
    judge_client.post(walk + "/next", data={"csrf_token": judge_token, "seen_team_id": hidden(page, "seen_team_id")})
    page = judge_client.get(f"/events/{kit.event.slug}/expo/").get_data(as_text=True)
    form = {"csrf_token": judge_token, "previous_team_id": hidden(page, "previous_team_id"),
            "current_team_id": hidden(page, "current_team_id"), "nonce": hidden(page, "nonce"), "winner": "current"}
    assert judge_client.post(walk + "/vote", data=form).status_code == 302
    judge_client.post(walk + "/vote", data=form)  # the same form again: one vote
    assert db.session.scalar(select(db.func.count(ExpoVote.id))) == 1
    page = judge_client.get(f"/events/{kit.event.slug}/expo/").get_data(as_text=True)
    assert "Undo my last vote" in page

    page = client.get(base + str(round_id)).get_data(as_text=True)
    assert "finalist" in page and "Promote the top 2" in page
    client.post(f"{base}{round_id}/promote", data={"csrf_token": token})
    assert len(session.pitch_order(kit.event)) == 2
    client.post(f"{base}{round_id}/close", data={"csrf_token": token})
    assert db.session.get(ExpoRound, round_id).state == "closed"


def test_pages_refuse_the_wrong_people_and_bad_forms(app, make, kit):
    round_id = kit.round()
    juror_client, token = logged_in(app, make, kit.jurors[0], f"/events/{kit.event.slug}/expo/")
    assert juror_client.get(f"/events/{kit.event.slug}/console/expo/").status_code == 403
    response = juror_client.post(f"/events/{kit.event.slug}/expo/{round_id}/vote",
                                 data={"csrf_token": token, "previous_team_id": "x", "winner": "current"},
                                 follow_redirects=True)
    assert response.status_code == 200 and "The form is incomplete" in response.get_data(as_text=True)
    response = juror_client.post(f"/events/{kit.event.slug}/expo/{round_id}/skip", data={"csrf_token": token,
                                 "team_id": "99999"}, follow_redirects=True)
    assert "not the project you were sent to" in response.get_data(as_text=True)
    organiser_client, _token = logged_in(app, make, kit.organiser, f"/events/{kit.event.slug}/console/expo/")
    assert organiser_client.get(f"/events/{kit.event.slug}/expo/").status_code == 403
    assert organiser_client.get(f"/events/{kit.event.slug}/console/expo/999999").status_code == 404


def test_the_json_api_for_rounds_walks_and_ranking(app, make, kit):
    organiser = {"Authorization": f"Bearer {make.token(kit.organiser)}"}
    juror = {"Authorization": f"Bearer {make.token(kit.jurors[0])}"}
    base = f"/api/v1/events/{kit.event.slug}/expo/rounds"
    response = app.test_client().post(base, json={"name": "Expo", "finalists": 2,
                                                  "judge_ids": [j.id for j in kit.jurors]}, headers=organiser)
    assert response.status_code == 201 and response.get_json()["state"] == "draft"
    round_id = response.get_json()["id"]
    client = app.test_client()
    assert client.post(f"{base}/{round_id}/open", headers=juror).status_code == 403
    assert client.post(f"{base}/{round_id}/open", headers=organiser).get_json()["state"] == "open"
    assert client.get(base, headers=juror).get_json()["rounds"][0]["id"] == round_id

    walk = client.post(f"{base}/{round_id}/next", json={}, headers=juror).get_json()
    first = walk["current"]["team_id"]
    walk = client.post(f"{base}/{round_id}/next", json={"seen_team_id": first}, headers=juror).get_json()
    body = {"previous_team_id": first, "current_team_id": walk["current"]["team_id"], "winner": "previous",
            "nonce": "api-nonce-0001"}
    cast = client.post(f"{base}/{round_id}/votes", json=body, headers=juror)
    assert cast.status_code == 201 and cast.get_json()["vote"]["winner"] == "previous"
    again = client.post(f"{base}/{round_id}/votes", json=body, headers=juror)
    assert again.status_code == 200 and again.get_json()["replayed"] is True
    assert client.post(f"{base}/{round_id}/votes", json={**body, "round_id": 1}, headers=juror).status_code == 422
    assert client.post(f"{base}/{round_id}/votes", data="[]", headers=juror,
                       content_type="application/json").status_code == 400
    me = client.get(f"{base}/{round_id}/me", headers=juror).get_json()
    assert me["votes"] == 1 and me["undo"]["vote_id"] == cast.get_json()["vote"]["id"]

    ranking = client.get(f"{base}/{round_id}/ranking", headers=organiser).get_json()
    assert ranking["ranking"][0]["team_id"] == first and ranking["ranking"][0]["finalist"] is True
    assert {"mu", "sigma", "low", "high", "comparisons"} <= set(ranking["ranking"][0])
    assert ranking["judges"][0]["votes"] in (0, 1)
    assert client.get(f"{base}/{round_id}/ranking", headers=juror).status_code == 403
    coverage = client.get(f"{base}/{round_id}/coverage", headers=organiser).get_json()
    assert coverage["votes"] == 1 and len(coverage["projects"]) == 5

    undone = client.post(f"{base}/{round_id}/undo", json={"vote_id": cast.get_json()["vote"]["id"]}, headers=juror)
    assert undone.status_code == 200 and undone.get_json()["judge"]["votes"] == 0
    assert client.post(f"{base}/{round_id}/break", json={"on_break": True}, headers=juror).get_json()["on_break"]
    assert client.post(f"{base}/{round_id}/skip", json={"team_id": first}, headers=juror).status_code == 409
    promoted = client.post(f"{base}/{round_id}/promote", headers=organiser)
    assert promoted.status_code == 409
    assert db.session.scalar(select(ExpoJudge.on_break).where(ExpoJudge.user_id == kit.jurors[0].id)) is True
