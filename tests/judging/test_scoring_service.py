"""Scoring rules: the window, conflicts, non-jurors, unknown criteria and values off the scale; each refusal
changes nothing; a resent sheet replaces, and a repeated nonce is a no-op; progress counts expected sheets."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hackathon.errors import Closed, Forbidden, Invalid
from hackathon.extensions import db
from hackathon.judging import conflicts, criteria, scoring, session
from hackathon.judging.models import ScoreSheet
from hackathon.transactions import unit_of_work
from tests.judging.conftest import make_teams

GOOD = {"impact": 7, "pitch": 4}


def save(kit, juror, team, scores=GOOD, **kwargs):
    with unit_of_work():
        return scoring.save_sheet(kit.event, juror, team.id, dict(scores), **kwargs)


def sheet_count() -> int:
    return db.session.scalar(select(func.count()).select_from(ScoreSheet))


def test_scoring_needs_the_window_open(kit):
    with pytest.raises(Closed) as refused:
        save(kit, kit.jurors[0], kit.teams[0])
    assert refused.value.code == "closed"
    kit.open()
    save(kit, kit.jurors[0], kit.teams[0])
    kit.close()
    with pytest.raises(Closed):
        save(kit, kit.jurors[0], kit.teams[0], {"impact": 1, "pitch": 1})
    (sheet,) = db.session.scalars(select(ScoreSheet)).all()
    assert sheet.scores == GOOD and sheet.version == 1


@pytest.mark.parametrize(("scores", "message"), [
    ({"impact": 7, "pitch": 4, "charm": 3}, "Unknown criterion"),
    ({"impact": 11, "pitch": 4}, "Social impact"),
    ({"impact": -1, "pitch": 4}, "Social impact"),
    ({"impact": 7, "pitch": 0}, "Pitch"),
    ({"impact": 7}, "missing"),
    ({"impact": True, "pitch": 4}, "Social impact"),
])
def test_invalid_scores_change_nothing(kit, scores, message):
    kit.open()
    save(kit, kit.jurors[0], kit.teams[0])
    with pytest.raises(Invalid) as refused:
        save(kit, kit.jurors[0], kit.teams[0], scores)
    assert refused.value.code == "invalid" and message in refused.value.message
    db.session.expire_all()
    (sheet,) = db.session.scalars(select(ScoreSheet)).all()
    assert sheet.scores == GOOD and sheet.version == 1


def test_a_conflicted_juror_cannot_score_the_team_or_the_organisations_teams(kit):
    kit.open()
    juror = kit.jurors[0]
    other = make_teams(kit.event, ["Delta"], organisation_name="Fairphone Co-op")[0]
    with unit_of_work():
        conflicts.declare(kit.event, juror, team_id=kit.teams[0].id)
    with pytest.raises(Forbidden):
        save(kit, juror, kit.teams[0])
    save(kit, juror, kit.teams[1])
    with unit_of_work():
        conflicts.declare(kit.event, juror, organisation_id=other.challenge.organisation_id, declared_by="organiser")
    with pytest.raises(Forbidden) as refused:
        save(kit, juror, other)
    assert refused.value.code == "forbidden"
    assert sheet_count() == 1


def test_only_jurors_score(kit, make):
    kit.open()
    participant, _ = make.participant(kit.event)
    for person in (participant, kit.organiser):
        with pytest.raises(Forbidden):
            save(kit, person, kit.teams[0])
    assert sheet_count() == 0


def test_sending_again_replaces_and_a_repeated_nonce_changes_nothing(kit):
    kit.open()
    first = save(kit, kit.jurors[0], kit.teams[0], nonce="n1", comment="Good start")
    assert first.changed and first.sheet.version == 1
    again = save(kit, kit.jurors[0], kit.teams[0], nonce="n1")
    assert not again.changed and again.sheet.version == 1
    replaced = save(kit, kit.jurors[0], kit.teams[0], {"impact": 2, "pitch": 2}, nonce="n2", comment="Changed")
    assert replaced.changed and replaced.sheet.version == 2
    (sheet,) = db.session.scalars(select(ScoreSheet)).all()
    assert sheet.scores == {"impact": 2, "pitch": 2} and sheet.comment == "Changed"


def test_progress_counts_expected_sheets_without_conflicts(kit):
    kit.open()
    with unit_of_work():
        conflicts.declare(kit.event, kit.jurors[2], team_id=kit.teams[0].id)
    save(kit, kit.jurors[0], kit.teams[0])
    found = scoring.team_progress(kit.event, kit.teams[0].id)
    assert (found["scored"], found["expected"]) == (1, 2)
    overview = scoring.progress(kit.event)
    alpha = next(t for t in overview.teams if t["name"] == "Alpha")
    assert (alpha["scored"], alpha["expected"]) == (1, 2)
    juror3 = next(j for j in overview.jurors if j["juror_id"] == kit.jurors[2].id)
    assert juror3["missing"] == ["Beta", "Gamma"]


def test_criteria_are_editable_until_scoring_opens(kit):
    with unit_of_work():
        criteria.save_criterion(kit.event, criteria.CriterionFields(key="reach", name="Reach", weight=3))
    with pytest.raises(Invalid):
        criteria.save_criterion(kit.event, criteria.CriterionFields(key="Bad Key", name="x"))
    with pytest.raises(Invalid):
        criteria.save_criterion(kit.event, criteria.CriterionFields(key="x", name="x", min=5, max=5))
    assert [c.key for c in criteria.list_criteria(kit.event)] == ["impact", "pitch", "reach"]
    kit.open()
    with pytest.raises(Closed):
        criteria.save_criterion(kit.event, criteria.CriterionFields(key="late", name="Late"))


def test_pitch_order_moves_and_next_team(kit):
    with unit_of_work():
        order = session.fill_pitch_order(kit.event)
    assert [p.team.name for p in order] == ["Alpha", "Beta", "Gamma"]
    with unit_of_work():
        session.move_pitch(kit.event, kit.teams[2].id, -1)
    assert [p.team.name for p in session.pitch_order(kit.event)] == ["Alpha", "Gamma", "Beta"]
    with unit_of_work():
        session.move_pitch(kit.event, kit.teams[0].id, -1)  # already first: nothing changes
    assert session.next_team_id(kit.event) == kit.teams[0].id
    with unit_of_work():
        session.set_current(kit.event, kit.teams[0].id)
    assert session.next_team_id(kit.event) == kit.teams[2].id
    with pytest.raises(Invalid):
        session.move_pitch(kit.event, kit.teams[0].id, 2)


def test_a_juror_who_mentored_a_team_is_flagged(kit, client, make):
    from datetime import UTC, datetime, timedelta

    from hackathon.mentoring.models import MentoringSession, MentorSlot

    start = datetime(2030, 1, 1, 9, tzinfo=UTC)
    with unit_of_work() as s:
        block = MentoringSession(event_id=kit.event.id, starts_at=start, ends_at=start + timedelta(hours=1))
        s.add(block)
        s.flush()
        s.add(MentorSlot(event_id=kit.event.id, session_id=block.id, starts_at=start,
                         ends_at=start + timedelta(minutes=30), status="booked", mentor_id=kit.jurors[1].id,
                         team_id=kit.teams[2].id))
    assert conflicts.mentored_pairs(kit.event) == {(kit.jurors[1].id, kit.teams[2].id)}
    page = make.login(client, kit.organiser).get(f"/events/{kit.event.slug}/console/judging/")
    assert "Juror 2 mentored Gamma" in page.get_data(as_text=True)
