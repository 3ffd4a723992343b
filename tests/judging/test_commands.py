"""Each judging command run without any transport (what sockets, pages and the API all call)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hackathon.audit.models import AuditEntry
from hackathon.commands import Actor
from hackathon.errors import Closed, Conflict, Forbidden, Invalid, NotFound
from hackathon.extensions import db
from hackathon.judging import commands as judging
from hackathon.judging import criteria, session
from hackathon.judging.facts import PROGRESS, REVEAL, STATE
from hackathon.judging.models import Criterion, JuryConflict, ScoreSheet

SCORES = {"impact": 7, "pitch": 4}


def actions(event) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.event_id == event.id)
                                   .order_by(AuditEntry.id)))


def test_open_is_organisers_logged_and_published(kit):
    with pytest.raises(Forbidden):
        judging.open_scoring(Actor(kit.jurors[0]), event=kit.event)
    outcome = judging.open_scoring(Actor(kit.organiser), event=kit.event)
    assert outcome.payload(STATE, kit.event.id)["state"] == "open"
    assert actions(kit.event) == ["judging.scoring_opened"]
    judging.open_scoring(Actor(kit.organiser), event=kit.event)  # already open: nothing changes, nothing logged
    assert actions(kit.event) == ["judging.scoring_opened"]


def test_close(kit):
    with pytest.raises(Closed):
        judging.close_scoring(Actor(kit.organiser), event=kit.event)  # it never opened
    kit.open()
    assert judging.close_scoring(Actor(kit.organiser), event=kit.event).payload(STATE, kit.event.id)["state"] == \
        "closed"
    assert actions(kit.event) == ["judging.scoring_closed"]


def test_current_finds_the_teams_event(kit):
    alpha = kit.teams[0]
    outcome = judging.set_current(Actor(kit.organiser), team_id=alpha.id)
    assert outcome.payload(STATE, kit.event.id)["current_team"] == {"id": alpha.id, "name": "Alpha"}
    with pytest.raises(NotFound):
        judging.set_current(Actor(kit.organiser), team_id=10**9)
    with pytest.raises(Forbidden):
        judging.set_current(Actor(kit.jurors[0]), team_id=alpha.id)


def test_next_team_walks_the_pitch_order(kit):
    judging.fill_pitch(Actor(kit.organiser), event=kit.event)
    order = [p.team_id for p in session.pitch_order(kit.event)]
    for team_id in order:
        assert judging.next_team(Actor(kit.organiser), event=kit.event).payload(STATE, kit.event.id)[
            "current_team"]["id"] == team_id
    with pytest.raises(Conflict):
        judging.next_team(Actor(kit.organiser), event=kit.event)


def test_timer_and_its_lengths(kit):
    judging.set_current(Actor(kit.organiser), team_id=kit.teams[0].id)
    assert judging.set_timer(Actor(kit.organiser), event=kit.event, phase="pitch").payload(
        STATE, kit.event.id)["timer"]["phase"] == "pitch"
    with pytest.raises(Invalid):
        judging.set_timer(Actor(kit.organiser), event=kit.event, phase="forever")
    judging.set_timer_lengths(Actor(kit.organiser), event=kit.event, pitch_seconds=240, qa_seconds=120)
    judging.set_timer_lengths(Actor(kit.organiser), event=kit.event, pitch_seconds=240, qa_seconds=120)
    assert session.state_of(kit.event).pitch_seconds == 240
    assert actions(kit.event) == ["judging.timer_changed"]  # the same lengths again: not logged twice


def test_fill_and_move_pitch(kit):
    judging.fill_pitch(Actor(kit.organiser), event=kit.event)
    order = [p.team_id for p in session.pitch_order(kit.event)]
    judging.move_pitch(Actor(kit.organiser), event=kit.event, team_id=order[1], step=-1)
    assert [p.team_id for p in session.pitch_order(kit.event)] == [order[1], order[0], order[2]]
    judging.move_pitch(Actor(kit.organiser), event=kit.event, team_id=order[1], step=-1)  # at the top: no change
    assert actions(kit.event) == ["judging.pitch_order_changed", "judging.pitch_order_changed"]


def test_reveal_and_publish_follow_the_projector(kit):
    with pytest.raises(Closed):
        judging.reveal_next(Actor(kit.organiser), event=kit.event)
    kit.open()
    for juror in kit.jurors:
        judging.score(Actor(juror), team_id=kit.teams[0].id, scores=SCORES)
    kit.close()
    revealed = judging.reveal_next(Actor(kit.organiser), event=kit.event)
    assert revealed.payload(REVEAL, kit.event.id)["revealed"][0]["team"] == "Alpha"
    published = judging.publish_results(Actor(kit.organiser), event=kit.event)
    assert published.payload(STATE, kit.event.id)["state"] == "published"
    assert actions(kit.event) == ["judging.place_revealed", "judging.results_published"]


def test_audience_vote_opens_and_takes_one_vote(make, kit):
    voter, _registration = make.participant(kit.event)
    with pytest.raises(Closed):
        judging.vote(Actor(voter), team_id=kit.teams[0].id)
    with pytest.raises(Invalid):
        judging.set_audience(Actor(kit.organiser), event=kit.event, state="maybe")
    judging.set_audience(Actor(kit.organiser), event=kit.event, state="open")
    assert judging.vote(Actor(voter), team_id=kit.teams[0].id).value == {"team_id": kit.teams[0].id}
    with pytest.raises(Conflict):
        judging.vote(Actor(voter), team_id=kit.teams[1].id)
    assert actions(kit.event) == ["judging.vote_opened"]


def test_conflicts_recorded_declared_and_removed(kit):
    juror, other = kit.jurors[0], kit.jurors[1]
    recorded = judging.record_conflict(Actor(kit.organiser), event=kit.event, juror_id=juror.id,
                                       team_id=kit.teams[0].id, reason="Her cousin")
    judging.record_conflict(Actor(kit.organiser), event=kit.event, juror_id=juror.id, team_id=kit.teams[0].id)
    with pytest.raises(NotFound):
        judging.record_conflict(Actor(kit.organiser), event=kit.event, juror_id=kit.organiser.id,
                                team_id=kit.teams[0].id)
    declared = judging.declare_conflict(Actor(other), event=kit.event, team_id=kit.teams[1].id)
    with pytest.raises(Invalid):
        judging.declare_conflict(Actor(kit.organiser), event=kit.event, team_id=kit.teams[1].id)
    assert db.session.get(JuryConflict, declared.value["conflict_id"]).declared_by == "juror"
    judging.remove_conflict(Actor(kit.organiser), event=kit.event, conflict_id=recorded.value["conflict_id"])
    with pytest.raises(NotFound):
        judging.remove_conflict(Actor(kit.organiser), event=kit.event, conflict_id=recorded.value["conflict_id"])
    assert actions(kit.event) == ["judging.conflict_declared", "judging.conflict_removed"]


def test_criteria_are_saved_changed_and_deleted(kit):
    fields = criteria.CriterionFields(key="tech", name="Technology", weight=1, min=0, max=5)
    saved = judging.save_criterion(Actor(kit.organiser), event=kit.event, fields=fields).value["criterion_id"]
    judging.save_criterion(Actor(kit.organiser), event=kit.event, criterion_id=saved,
                           fields=criteria.CriterionFields(key="tech", name="Technology", weight=3, min=0, max=5))
    assert db.session.get(Criterion, saved).weight == 3
    with pytest.raises(Forbidden):
        judging.delete_criterion(Actor(kit.jurors[0]), event=kit.event, criterion_id=saved)
    judging.delete_criterion(Actor(kit.organiser), event=kit.event, criterion_id=saved)
    assert db.session.get(Criterion, saved) is None
    assert actions(kit.event) == ["judging.criterion_added", "judging.criterion_changed",
                                  "judging.criterion_removed"]


def test_score_publishes_progress_once_per_change(kit):
    juror, team = kit.jurors[0], kit.teams[0]
    with pytest.raises(Closed):
        judging.score(Actor(juror), team_id=team.id, scores=SCORES)
    kit.open()
    with pytest.raises(Forbidden):
        judging.score(Actor(kit.organiser), team_id=team.id, scores=SCORES)
    first = judging.score(Actor(juror), team_id=team.id, scores=SCORES, nonce="edit-1")
    assert first.value["changed"] and first.payload(PROGRESS, team.id)["scored"] == 1
    again = judging.score(Actor(juror), team_id=team.id, scores={"impact": 1, "pitch": 1}, nonce="edit-1")
    assert not again.value["changed"] and again.payload(PROGRESS, team.id) is None  # a resend: nothing published
    assert db.session.scalar(select(ScoreSheet.scores).where(ScoreSheet.team_id == team.id)) == SCORES
    assert actions(kit.event) == []  # sheets are the jury's work, not logged
