"""Every expo command run without any transport: an Actor and the command, through the pipeline."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hackathon.commands import Actor
from hackathon.errors import Closed, Conflict, Forbidden, Invalid, NotFound
from hackathon.expo import commands
from hackathon.expo.models import ExpoJudge, ExpoProject, ExpoRound, ExpoVisit, ExpoVote
from hackathon.expo.standings import judge_payload
from hackathon.extensions import db
from hackathon.judging import conflicts, session
from hackathon.transactions import unit_of_work
from tests.support.audit_log import only


def judge(round_id: int, user) -> ExpoJudge:
    db.session.expire_all()
    return db.session.scalar(select(ExpoJudge).where(ExpoJudge.round_id == round_id, ExpoJudge.user_id == user.id))


def walk_to_compare(round_id: int, user) -> ExpoJudge:
    """Next, then 'seen' at the first project: the judge stands before their first comparison."""
    actor = Actor(user)
    commands.next_project(actor, round_id=round_id)
    first = judge(round_id, user).current_team_id
    commands.next_project(actor, round_id=round_id, seen_team_id=first)
    row = judge(round_id, user)
    assert row.previous_team_id == first and row.current_team_id not in (None, first)
    return row


def test_add_round_takes_every_team_with_numbered_tables_and_audits(kit):
    round_id = kit.round(open=False)
    expo_round = db.session.get(ExpoRound, round_id)
    assert expo_round.state == "draft" and expo_round.finalists == 2
    tables = db.session.scalars(select(ExpoProject.table).where(ExpoProject.round_id == round_id)
                                .order_by(ExpoProject.id)).all()
    assert tables == ["T1", "T2", "T3", "T4", "T5"]
    assert only("expo.round_added").details["judges"] == 2


@pytest.mark.parametrize(("changes", "error"), [
    ({"name": "  "}, Invalid), ({"finalists": 0}, Invalid), ({"min_comparisons": 99}, Invalid),
    ({"judge_ids": []}, Invalid), ({"track_id": 999}, NotFound),
])
def test_add_round_refuses_bad_settings(kit, changes, error):
    settings = {"name": "Expo", "track_id": None, "finalists": 2, "min_comparisons": 2,
                "judge_ids": [j.id for j in kit.jurors], **changes}
    with pytest.raises(error):
        commands.add_round(Actor(kit.organiser), event=kit.event, **settings)
    assert db.session.scalar(select(ExpoRound.id)) is None


def test_only_jurors_judge_and_only_organisers_add(kit, make):
    outsider = make.participant(kit.event)[0]
    with pytest.raises(Invalid):
        commands.add_round(Actor(kit.organiser), event=kit.event, name="X", track_id=None, finalists=1,
                           min_comparisons=1, judge_ids=[outsider.id])
    with pytest.raises(Forbidden):
        commands.add_round(Actor(kit.jurors[0]), event=kit.event, name="X", track_id=None, finalists=1,
                           min_comparisons=1, judge_ids=[kit.jurors[0].id])
    round_id = kit.round(judges=kit.jurors[:1])
    with pytest.raises(Forbidden):
        commands.next_project(Actor(kit.jurors[1]), round_id=round_id)


def test_a_track_round_takes_only_that_tracks_teams(kit):
    from hackathon.teams.models import Challenge

    with unit_of_work():
        challenge = Challenge(event_id=kit.event.id, slug="water", title="Water")
        db.session.add(challenge)
        db.session.flush()
        for team in kit.teams[:2]:
            db.session.get(type(team), team.id).challenge_id = challenge.id
        challenge_id = challenge.id
    outcome = commands.add_round(Actor(kit.organiser), event=kit.event, name="Water", track_id=challenge_id,
                                 finalists=1, min_comparisons=1, judge_ids=[kit.jurors[0].id])
    query = select(ExpoProject.team_id).where(ExpoProject.round_id == outcome.value["round_id"])
    teams = set(db.session.scalars(query))
    assert teams == {kit.teams[0].id, kit.teams[1].id}


def test_draft_and_closed_rounds_refuse_judges(kit):
    round_id = kit.round(open=False)
    with pytest.raises(Closed):
        commands.next_project(Actor(kit.jurors[0]), round_id=round_id)
    commands.open_round(Actor(kit.organiser), round_id=round_id)
    commands.next_project(Actor(kit.jurors[0]), round_id=round_id)
    commands.close_round(Actor(kit.organiser), round_id=round_id)
    assert judge(round_id, kit.jurors[0]).current_team_id is None
    assert db.session.scalar(select(ExpoVisit.id).where(ExpoVisit.status == "assigned")) is None
    with pytest.raises(Closed):
        commands.next_project(Actor(kit.jurors[0]), round_id=round_id)
    with pytest.raises(Closed):
        commands.open_round(Actor(kit.organiser), round_id=round_id)
    assert only("expo.round_opened") and only("expo.round_closed")


def test_two_judges_are_sent_to_different_free_tables(kit):
    round_id = kit.round()
    a = commands.next_project(Actor(kit.jurors[0]), round_id=round_id).value["current_team_id"]
    b = commands.next_project(Actor(kit.jurors[1]), round_id=round_id).value["current_team_id"]
    assert a is not None and b is not None and a != b
    # Asking again answers the same project: nothing changes.
    assert commands.next_project(Actor(kit.jurors[0]), round_id=round_id).value["current_team_id"] == a


def test_never_a_conflicted_team_nor_their_own(kit, make):
    juror = kit.jurors[0]
    with unit_of_work():
        conflicts.declare(kit.event, juror, team_id=kit.teams[0].id, declared_by="organiser")
    from hackathon.teams.models import TeamMembership

    with unit_of_work():
        db.session.add(TeamMembership(event_id=kit.event.id, team_id=kit.teams[1].id, user_id=juror.id))
    round_id = kit.round(judges=[juror])
    seen = []
    row = walk_to_compare(round_id, juror)
    seen += [row.previous_team_id, row.current_team_id]
    while row.current_team_id is not None:
        commands.vote(Actor(juror), round_id=round_id, previous_team_id=row.previous_team_id,
                      current_team_id=row.current_team_id, winner="current", nonce=f"nonce-{len(seen):04d}")
        row = judge(round_id, juror)
        seen.append(row.current_team_id)
    visited = set(db.session.scalars(select(ExpoVisit.team_id).where(ExpoVisit.judge_id == juror.id)))
    assert visited == {t.id for t in kit.teams[2:]}


def test_vote_moves_on_and_a_repeated_nonce_answers_as_the_first_time(kit):
    round_id = kit.round()
    juror = kit.jurors[0]
    row = walk_to_compare(round_id, juror)
    pair = {"previous_team_id": row.previous_team_id, "current_team_id": row.current_team_id}
    first = commands.vote(Actor(juror), round_id=round_id, winner="previous", nonce="tap-000001", reason=" tidy ",
                          **pair)
    assert first.value["replayed"] is False and first.value["vote"]["reason"] == "tidy"
    after = judge(round_id, juror)
    assert after.previous_team_id == pair["current_team_id"] and after.current_team_id == first.value["next_team_id"]
    again = commands.vote(Actor(juror), round_id=round_id, winner="current", nonce="tap-000001", **pair)
    assert again.value["replayed"] is True and again.value["vote"] == first.value["vote"]
    assert db.session.scalar(select(db.func.count(ExpoVote.id))) == 1
    assert judge(round_id, juror).version == after.version


def test_the_pipelines_idempotency_key_works_too(kit):
    round_id = kit.round()
    juror = kit.jurors[0]
    row = walk_to_compare(round_id, juror)
    args = {"round_id": round_id, "previous_team_id": row.previous_team_id, "current_team_id": row.current_team_id,
            "winner": "current"}
    first = commands.vote(Actor(juror, idempotency_key="key-abcdefgh"), nonce="nonce-aaaaaaaa", **args)
    again = commands.vote(Actor(juror, idempotency_key="key-abcdefgh"), nonce="nonce-bbbbbbbb", **args)
    assert again.replayed and again.value == first.value
    assert db.session.scalar(select(db.func.count(ExpoVote.id))) == 1


def test_a_vote_on_the_wrong_pair_or_a_conflict_declared_meanwhile_is_refused(kit):
    round_id = kit.round()
    juror = kit.jurors[0]
    row = walk_to_compare(round_id, juror)
    with pytest.raises(Conflict):
        commands.vote(Actor(juror), round_id=round_id, previous_team_id=row.current_team_id,
                      current_team_id=row.previous_team_id, winner="current", nonce="nonce-wrong-pair")
    with unit_of_work():
        conflicts.declare(kit.event, juror, team_id=row.current_team_id)
    with pytest.raises(Forbidden):
        commands.vote(Actor(juror), round_id=round_id, previous_team_id=row.previous_team_id,
                      current_team_id=row.current_team_id, winner="current", nonce="nonce-conflicted")
    assert db.session.scalar(select(ExpoVote.id)) is None
    conflicted = row.current_team_id
    skipped = commands.skip(Actor(juror), round_id=round_id, team_id=conflicted)
    assert skipped.value["current_team_id"] != conflicted


def test_skip_keeps_the_previous_project_and_never_returns_to_the_absent_team(kit):
    round_id = kit.round()
    juror = kit.jurors[0]
    row = walk_to_compare(round_id, juror)
    absent, previous = row.current_team_id, row.previous_team_id
    commands.skip(Actor(juror), round_id=round_id, team_id=absent)
    row = judge(round_id, juror)
    assert row.previous_team_id == previous and row.current_team_id not in (absent, None)
    with pytest.raises(Conflict):
        commands.skip(Actor(juror), round_id=round_id, team_id=absent)


def test_a_break_frees_the_table_and_coming_back_assigns_again(kit):
    round_id = kit.round()
    juror = kit.jurors[0]
    heading = commands.next_project(Actor(juror), round_id=round_id).value["current_team_id"]
    commands.set_break(Actor(juror), round_id=round_id, on_break=True)
    row = judge(round_id, juror)
    assert row.on_break and row.current_team_id is None
    assert db.session.scalar(select(ExpoVisit.id).where(ExpoVisit.team_id == heading)) is None
    with pytest.raises(Conflict) as refused:
        commands.next_project(Actor(juror), round_id=round_id)
    assert refused.value.code == "on_break"
    back = commands.set_break(Actor(juror), round_id=round_id, on_break=False)
    assert back.value["on_break"] is False and judge(round_id, juror).current_team_id is not None


def test_undo_takes_back_the_last_vote_only_and_restores_the_pair(kit):
    round_id = kit.round()
    juror = kit.jurors[0]
    row = walk_to_compare(round_id, juror)
    pair = (row.previous_team_id, row.current_team_id)
    cast = commands.vote(Actor(juror), round_id=round_id, previous_team_id=pair[0], current_team_id=pair[1],
                         winner="current", nonce="nonce-undo-0001").value
    next_team = judge(round_id, juror).current_team_id
    undone = commands.undo(Actor(juror), round_id=round_id, vote_id=cast["vote"]["id"])
    assert undone.value["vote"]["undone_at"] is not None
    row = judge(round_id, juror)
    assert (row.previous_team_id, row.current_team_id) == pair
    assert db.session.scalar(select(ExpoVisit.id).where(ExpoVisit.team_id == next_team,
                                                        ExpoVisit.judge_id == juror.id)) is None
    assert judge_payload(row)["undo"] is None and judge_payload(row)["votes"] == 0
    with pytest.raises(Conflict):
        commands.undo(Actor(juror), round_id=round_id, vote_id=cast["vote"]["id"] + 1)
    again = commands.vote(Actor(juror), round_id=round_id, previous_team_id=pair[0], current_team_id=pair[1],
                          winner="previous", nonce="nonce-undo-0002").value
    assert again["vote"]["winner"] == "previous"
    commands.close_round(Actor(kit.organiser), round_id=round_id)
    with pytest.raises(Closed):
        commands.undo(Actor(juror), round_id=round_id, vote_id=again["vote"]["id"])


def test_promote_makes_the_top_n_the_pitch_order_once_and_audited(kit):
    round_id = kit.round(finalists=2)
    with pytest.raises(Conflict):
        commands.promote(Actor(kit.organiser), round_id=round_id)
    juror = kit.jurors[0]
    row = walk_to_compare(round_id, juror)
    winner = row.current_team_id
    commands.vote(Actor(juror), round_id=round_id, previous_team_id=row.previous_team_id,
                  current_team_id=winner, winner="current", nonce="nonce-promote-1")
    with pytest.raises(Forbidden):
        commands.promote(Actor(juror), round_id=round_id)
    outcome = commands.promote(Actor(kit.organiser), round_id=round_id)
    assert outcome.value["finalists"][0] == winner and len(outcome.value["finalists"]) == 2
    assert [p.team_id for p in session.pitch_order(kit.event)] == outcome.value["finalists"]
    assert only("expo.finalists_promoted").details["teams"] == outcome.value["finalists"]
    with unit_of_work():
        session.open_scoring(kit.event)
    with pytest.raises(Closed):
        commands.promote(Actor(kit.organiser), round_id=round_id)


def test_set_tables_moves_a_judges_destination(kit):
    round_id = kit.round()
    heading = commands.next_project(Actor(kit.jurors[0]), round_id=round_id).value["current_team_id"]
    outcome = commands.set_tables(Actor(kit.organiser), round_id=round_id, tables={heading: "B7"})
    assert outcome.value["changed"] == [heading]
    assert judge_payload(judge(round_id, kit.jurors[0]))["current"]["table"] == "B7"
    with pytest.raises(Invalid):
        commands.set_tables(Actor(kit.organiser), round_id=round_id, tables={heading: "x" * 41})
    with pytest.raises(NotFound):
        commands.set_tables(Actor(kit.organiser), round_id=round_id, tables={10**9: "A"})


def test_asking_again_when_nothing_is_left_changes_nothing(kit):
    round_id = kit.round(judges=kit.jurors[:1])
    juror = kit.jurors[0]
    row = walk_to_compare(round_id, juror)
    for n in range(10):
        if row.current_team_id is None:
            break
        commands.vote(Actor(juror), round_id=round_id, previous_team_id=row.previous_team_id,
                      current_team_id=row.current_team_id, winner="current", nonce=f"nonce-left-{n:03d}")
        row = judge(round_id, juror)
    assert row.current_team_id is None
    version = row.version
    outcome = commands.next_project(Actor(juror), round_id=round_id)
    assert outcome.value["current_team_id"] is None and outcome.published == {}
    assert judge(round_id, juror).version == version
