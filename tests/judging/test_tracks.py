"""Challenge tracks: a prize, a panel (the challenge owner's people by default), its own sheets and results;
conflicts of interest still apply."""

from __future__ import annotations

import pytest

from hackathon.commands import Actor
from hackathon.errors import Closed, Forbidden, Invalid, NotFound
from hackathon.extensions import db
from hackathon.judging import conflicts, track_commands, track_scoring, tracks
from hackathon.teams.models import Challenge, Team, TeamMembership
from hackathon.transactions import unit_of_work
from tests.judging.conftest import make_teams
from tests.support.audit_log import only


@pytest.fixture
def challenge(kit, make, event):
    """The kit's challenge, owned by a challenge owner; a second challenge of the same organisation has another."""
    owner, colleague = make.staff(event, "challenge_owner"), make.staff(event, "challenge_owner")
    with unit_of_work():
        first = db.session.get(Challenge, kit.teams[0].challenge_id)
        first.owner_id = owner.id
        db.session.add(Challenge(event_id=event.id, organisation_id=first.organisation_id, slug="second",
                                 title="Second challenge", owner_id=colleague.id))
    first.owner, first.colleague = owner, colleague
    return first


def make_track(kit, challenge, prize="A three-month pilot"):
    return track_commands.save_track(Actor(kit.organiser), event=kit.event, challenge_id=challenge.id, prize=prize)


def test_a_track_starts_with_the_challenge_owners_people_on_its_panel(kit, challenge, make, event):
    make_teams(event, ["Other"], organisation_name="Other org")
    outcome = make_track(kit, challenge)
    track = tracks.get_track(event, outcome.value["track_id"])
    assert {u.id for u in tracks.panel_of(track)} == {challenge.owner.id, challenge.colleague.id}
    assert track.prize == "A three-month pilot"
    assert only("judging.track_added").target == f"track:{track.id}"
    again = make_track(kit, challenge, prize="A voucher")
    assert again.value == {"track_id": track.id, "made": False}
    assert tracks.get_track(event, track.id).prize == "A voucher"


def test_only_jurors_and_challenge_owners_sit_on_a_panel(kit, challenge, make, event):
    track = tracks.get_track(event, make_track(kit, challenge).value["track_id"])
    mentor = make.staff(event, "mentor")
    with pytest.raises(Invalid):
        track_commands.set_track_panel(Actor(kit.organiser), event=event, track_id=track.id, user_ids=[mentor.id])
    track_commands.set_track_panel(Actor(kit.organiser), event=event, track_id=track.id,
                                   user_ids=[kit.jurors[0].id, challenge.owner.id])
    assert {u.id for u in tracks.panel_of(track)} == {kit.jurors[0].id, challenge.owner.id}
    with pytest.raises(Forbidden):
        track_commands.set_track_panel(Actor(challenge.owner), event=event, track_id=track.id, user_ids=[])


def scores(impact=7, pitch=3):
    return {"impact": impact, "pitch": pitch}


def test_the_panel_scores_its_teams_while_scoring_is_open(kit, challenge, event):
    track_id = make_track(kit, challenge).value["track_id"]
    owner, alpha = challenge.owner, kit.teams[0]
    with pytest.raises(Closed):
        track_commands.score_track(Actor(owner), event=event, track_id=track_id, team_id=alpha.id, scores=scores())
    kit.open()
    first = track_commands.score_track(Actor(owner), event=event, track_id=track_id, team_id=alpha.id,
                                       scores=scores())
    again = track_commands.score_track(Actor(owner), event=event, track_id=track_id, team_id=alpha.id,
                                       scores=scores(9))
    assert again.value["version"] == first.value["version"] + 1
    (other,) = make_teams(event, ["Elsewhere"], organisation_name="Elsewhere org")
    with pytest.raises(NotFound):
        track_commands.score_track(Actor(owner), event=event, track_id=track_id, team_id=other.id, scores=scores())
    with pytest.raises(Forbidden):  # a juror who is not on the panel
        track_commands.score_track(Actor(kit.jurors[0]), event=event, track_id=track_id, team_id=alpha.id,
                                   scores=scores())
    with pytest.raises(Invalid):
        track_commands.score_track(Actor(owner), event=event, track_id=track_id, team_id=alpha.id,
                                   scores={"impact": 11, "pitch": 3})


def test_conflicts_still_apply_on_a_panel(kit, challenge, event):
    track_id = make_track(kit, challenge).value["track_id"]
    juror = kit.jurors[0]
    track = tracks.get_track(event, track_id)
    with unit_of_work():
        tracks.set_panel(event, track, [juror.id, challenge.owner.id])
        conflicts.declare(event, juror, team_id=kit.teams[1].id, reason="My cousin is in it.")
        db.session.add(TeamMembership(event_id=event.id, team_id=kit.teams[2].id, user_id=challenge.owner.id))
    kit.open()
    for person, team in ((juror, kit.teams[1]), (challenge.owner, kit.teams[2])):
        with pytest.raises(Forbidden):
            track_commands.score_track(Actor(person), event=event, track_id=track_id, team_id=team.id,
                                       scores=scores())
    assert (challenge.owner.id, kit.teams[2].id) in track_scoring.conflicted_pairs(event, track)


def test_track_results_rank_the_track_teams_from_the_panels_sheets(kit, challenge, event):
    track_id = make_track(kit, challenge).value["track_id"]
    track = tracks.get_track(event, track_id)
    with unit_of_work():
        tracks.set_panel(event, track, [challenge.owner.id, challenge.colleague.id, kit.jurors[0].id])
    kit.open()
    alpha, beta, gamma = kit.teams
    for person in (challenge.owner, challenge.colleague, kit.jurors[0]):
        for team, value in ((alpha, 9), (beta, 5), (gamma, 2)):
            track_commands.score_track(Actor(person), event=event, track_id=track_id, team_id=team.id,
                                       scores=scores(value, 3))
    results = track_scoring.track_results(event, track)
    assert [(r.rank, r.name) for r in results] == [(1, "Alpha"), (2, "Beta"), (3, "Gamma")]
    with unit_of_work():
        db.session.get(Team, gamma.id).challenge_id = None  # left the challenge: no longer in the track
    assert [r.name for r in track_scoring.track_results(event, track)] == ["Alpha", "Beta"]


def test_the_tracks_api_shows_results_to_organisers_and_to_everyone_once_published(client, kit, challenge, make,
                                                                                    event):
    from tests.judging.conftest import set_state

    track_id = make_track(kit, challenge).value["track_id"]
    kit.open()
    track_commands.score_track(Actor(challenge.owner), event=event, track_id=track_id, team_id=kit.teams[0].id,
                               scores=scores())
    organiser = client.get(f"/api/v1/events/{event.slug}/judging/tracks",
                           headers={"Authorization": f"Bearer {make.token(kit.organiser)}"}).get_json()
    (track,) = organiser["tracks"]
    assert track["prize"] == "A three-month pilot" and track["results"][0]["team"] == "Alpha"
    assert {p["id"] for p in track["panel"]} == {challenge.owner.id, challenge.colleague.id}
    participant, _registration = make.participant(event)
    headers = {"Authorization": f"Bearer {make.token(participant)}"}
    assert "results" not in client.get(f"/api/v1/events/{event.slug}/judging/tracks", headers=headers
                                       ).get_json()["tracks"][0]
    set_state(event, "published")
    shown = client.get(f"/api/v1/events/{event.slug}/judging/tracks", headers=headers).get_json()["tracks"][0]
    assert shown["results"] == [{"rank": 1, "team_id": kit.teams[0].id, "team": "Alpha"}] and "panel" not in shown


def test_the_tracks_pages(client, kit, challenge, make, event):
    make.login(client, kit.organiser)
    token = make.csrf(client, f"/events/{event.slug}/console/judging/tracks")
    page = client.post(f"/events/{event.slug}/console/judging/tracks/{challenge.id}",
                       data={"csrf_token": token, "prize": "A voucher"}, follow_redirects=True)
    assert "its panel starts with the challenge owner" in page.get_data(as_text=True)
    (track,) = tracks.list_tracks(event)
    kit.open()
    make.login(client, challenge.owner)
    phone = client.get(f"/events/{event.slug}/judging/tracks").get_data(as_text=True)
    assert "Alpha" in phone and "A voucher" in phone
    token = make.csrf(client, f"/events/{event.slug}/judging/tracks")
    saved = client.post(f"/events/{event.slug}/judging/tracks/{track.id}/score",
                        data={"csrf_token": token, "team_id": kit.teams[0].id, "score_impact": "8",
                              "score_pitch": "4"}, follow_redirects=True)
    assert "Your scores are saved." in saved.get_data(as_text=True)
    assert track_scoring.sheets_by(track, challenge.owner.id)[kit.teams[0].id].scores == {"impact": 8, "pitch": 4}
    bad = client.post(f"/events/{event.slug}/judging/tracks/{track.id}/score",
                      data={"csrf_token": token, "team_id": kit.teams[0].id, "score_impact": "eight",
                            "score_pitch": "4"}, follow_redirects=True)
    assert bad.status_code == 200 and "whole number" in bad.get_data(as_text=True)


def test_a_track_can_be_a_plain_challenge_again(kit, challenge, event):
    track_id = make_track(kit, challenge).value["track_id"]
    kit.open()
    track_commands.score_track(Actor(challenge.owner), event=event, track_id=track_id, team_id=kit.teams[0].id,
                               scores=scores())
    with pytest.raises(Forbidden):
        track_commands.remove_track(Actor(challenge.owner), event=event, track_id=track_id)
    track_commands.remove_track(Actor(kit.organiser), event=event, track_id=track_id)
    assert tracks.list_tracks(event) == []
    only("judging.track_removed")
    with pytest.raises(NotFound):
        track_commands.remove_track(Actor(kit.organiser), event=event, track_id=track_id)
