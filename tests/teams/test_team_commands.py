"""Each teams command run without any transport (what pages, the JSON API and the console all call): what it
changes, its main refusal, the audit entry where it writes one, and the facts it declared (`outcome.payload`)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from hackathon import outbox
from hackathon.clock import clock, utcnow
from hackathon.commands import Actor, publish_changes
from hackathon.errors import Conflict, Forbidden, Invalid, NotFound
from hackathon.extensions import db, socketio
from hackathon.teams import board, challenge_commands, commands
from hackathon.teams.challenges import ChallengeFields
from hackathon.teams.models import BoardEntry, Challenge, Team
from hackathon.teams.services import TeamDraft
from tests.support.audit_log import entries, only

TEAM, REQUEST = "teams:team", "teams:request"


def test_create_team(make, kit):
    challenge = kit.challenge()
    ana = kit.participant("Ana")
    formed = commands.create_team(Actor(ana), event=kit.event, draft=TeamDraft(name="Fixers",
                                                                             challenge_id=challenge.id))
    team_id = formed.value["team_id"]
    fact = formed.payload(TEAM, team_id)
    assert formed.value["name"] == "Fixers"
    assert [m["name"] for m in fact["members"]] == ["Ana"] and fact["event"] == kit.event.slug
    with pytest.raises(Conflict) as refused:  # one team per person and event
        commands.create_team(Actor(ana), event=kit.event, draft=TeamDraft(name="Others", challenge_id=challenge.id))
    assert refused.value.code == "already_in_team"


def test_update_team_by_an_organiser_is_audited(make, kit):
    challenge = kit.challenge()
    ana, ben = kit.participant("Ana"), kit.participant("Ben")
    team = kit.team(ana, challenge)
    with pytest.raises(Forbidden) as refused:
        commands.update_team(Actor(ben), event=kit.event, team_id=team.id,
                             draft=TeamDraft(name="Ben's now", challenge_id=challenge.id))
    assert refused.value.code == "not_member"
    edited = commands.update_team(Actor(ana), event=kit.event, team_id=team.id, expected_version=1,
                                  draft=TeamDraft(name="Fixers United", challenge_id=challenge.id))
    assert edited.payload(TEAM, team.id)["name"] == "Fixers United"
    assert entries("teams.team_edited") == []  # a member's own edit is not an organiser's act
    commands.update_team(Actor(make.organiser_of(kit.event)), event=kit.event, team_id=team.id,
                         draft=TeamDraft(name="Fixers", challenge_id=challenge.id))
    assert only("teams.team_edited").details["changes"]["name"] == ["Fixers United", "Fixers"]


def test_join_an_open_team_and_ask_to_join_one_that_approves(make, kit):
    challenge = kit.challenge()
    ana, ben, cleo = kit.participant("Ana"), kit.participant("Ben"), kit.participant("Cleo")
    open_team = kit.team(ana, challenge, name="Fixers", max_size=2)
    joined = commands.join_team(Actor(ben), team_id=open_team.id)  # the JSON API names no event
    assert joined.value["status"] == "joined" and joined.value["event_id"] == kit.event.id
    assert joined.payload(TEAM, open_team.id)["open_places"] == 0
    with pytest.raises(Conflict) as refused:
        commands.join_team(Actor(cleo), event=kit.event, team_id=open_team.id)
    assert refused.value.code == "team_full"

    dana = kit.participant("Dana")
    asking = kit.team(dana, challenge, name="Askers", join_policy="request")
    asked = commands.join_team(Actor(cleo), event=kit.event, team_id=asking.id, message="I code")
    request_id = asked.value["request_id"]
    assert asked.value["status"] == "requested" and asked.payload(TEAM, asking.id) is None  # nothing changed there
    assert asked.payload(REQUEST, request_id)["status"] == "pending"
    with pytest.raises(NotFound):
        commands.join_team(Actor(cleo), team_id=10**9)


def test_answer_and_withdraw_requests(make, kit):
    challenge = kit.challenge()
    ana, ben, cleo = kit.participant("Ana"), kit.participant("Ben"), kit.participant("Cleo")
    team = kit.team(ana, challenge, join_policy="request")
    first = kit.join(team, ben).request.id
    with pytest.raises(Forbidden) as refused:  # only members answer
        commands.answer_request(Actor(cleo), event=kit.event, request_id=first, accept=True)
    assert refused.value.code == "not_member"
    accepted = commands.answer_request(Actor(ana), event=kit.event, request_id=first, accept=True)
    assert accepted.value == {"status": "accepted", "team_id": team.id, "request_id": first, "user_name": "Ben"}
    assert accepted.payload(REQUEST, first)["status"] == "accepted"
    assert [m["name"] for m in accepted.payload(TEAM, team.id)["members"]] == ["Ana", "Ben"]
    with pytest.raises(Conflict) as again:
        commands.answer_request(Actor(ana), event=kit.event, request_id=first, accept=False)
    assert again.value.code == "already_answered"

    second = kit.join(team, cleo).request.id
    with pytest.raises(Forbidden):  # only the person who asked
        commands.withdraw_request(Actor(ana), event=kit.event, request_id=second)
    withdrawn = commands.withdraw_request(Actor(cleo), event=kit.event, request_id=second)
    assert withdrawn.payload(REQUEST, second)["status"] == "withdrawn" and withdrawn.payload(TEAM, team.id) is None
    assert entries() == []  # members answering their own team's requests are not organisers' acts


def test_leave_and_the_last_one_out_dissolves_the_team(make, kit):
    challenge = kit.challenge()
    ana, ben = kit.participant("Ana"), kit.participant("Ben")
    team = kit.team(ana, challenge)
    kit.join(team, ben)
    with pytest.raises(Forbidden) as refused:
        commands.leave_team(Actor(kit.participant("Cleo")), event=kit.event, team_id=team.id)
    assert refused.value.code == "not_member"
    left = commands.leave_team(Actor(ben), event=kit.event, team_id=team.id)
    assert left.value["status"] == "left" and left.payload(TEAM, team.id)["member_count"] == 1
    last = commands.leave_team(Actor(ana), event=kit.event, team_id=team.id)
    gone = last.payload(TEAM, team.id)
    assert last.value["status"] == "dissolved" and db.session.get(Team, team.id) is None
    # The last fact is the team's last state (its row is gone), outranking every earlier version.
    assert gone["dissolved"] is True and gone["name"] == "Fixers" and gone["members"] == []
    assert gone["version"] > left.payload(TEAM, team.id)["version"] and gone["event"] == kit.event.slug


def test_new_invite_code(make, kit):
    ana = kit.participant("Ana")
    team = kit.team(ana, kit.challenge())
    old = team.invite_code
    with pytest.raises(Forbidden):
        commands.new_invite_code(Actor(kit.participant("Ben")), event=kit.event, team_id=team.id)
    renewed = commands.new_invite_code(Actor(ana), event=kit.event, team_id=team.id)
    assert renewed.published == {}  # nobody else sees the code: no fact
    assert db.session.scalar(select(Team.invite_code).where(Team.id == team.id)) != old


def test_board_entry_saved_and_removed(make, kit):
    challenge = kit.challenge()
    cleo = kit.participant("Cleo")
    with pytest.raises(Invalid):
        commands.save_board_entry(Actor(cleo), event=kit.event, note="x" * 301, challenge_ids=[])
    saved = commands.save_board_entry(Actor(cleo), event=kit.event, note="I can code", challenge_ids=[challenge.id])
    assert db.session.get(BoardEntry, saved.value["entry_id"]).challenge_ids == [challenge.id]
    with pytest.raises(Forbidden):  # the board is for participants
        commands.remove_board_entry(Actor(make.staff(kit.event, "mentor")), event=kit.event)
    commands.remove_board_entry(Actor(cleo), event=kit.event)
    assert board.entry_of(kit.event, cleo) is None


def test_move_person_is_the_organisers_and_audited(make, kit):
    challenge = kit.challenge()
    ana, dan = kit.participant("Ana"), kit.participant("Dan Dorn")
    fixers = kit.team(ana, challenge)
    organiser = Actor(make.organiser_of(kit.event))
    with pytest.raises(Forbidden):
        commands.move_person(Actor(ana), event=kit.event, user_id=dan.id, team_id=fixers.id)
    moved = commands.move_person(organiser, event=kit.event, user_id=dan.id, team_id=fixers.id)
    assert [m["name"] for m in moved.payload(TEAM, fixers.id)["members"]] == ["Ana", "Dan Dorn"]
    assert only("teams.person_moved").summary == "Moved Dan Dorn into Fixers."
    with pytest.raises(NotFound):  # not a confirmed participant of this event
        commands.move_person(organiser, event=kit.event, user_id=10**9, team_id=None)
    out = commands.move_person(organiser, event=kit.event, user_id=ana.id, team_id=None)
    assert out.value == {"status": "moved", "dissolved": []}
    assert entries("teams.person_moved")[-1].details == {"from_team": fixers.id, "to_team": None, "dissolved": []}


def test_merge_and_dissolve_are_the_organisers_and_audited(make, kit):
    challenge = kit.challenge()
    ana, ben = kit.participant("Ana"), kit.participant("Ben")
    fixers, makers = kit.team(ana, challenge, name="Fixers"), kit.team(ben, challenge, name="Makers")
    organiser = Actor(make.organiser_of(kit.event))
    with pytest.raises(Forbidden):
        commands.merge_teams(Actor(ana), event=kit.event, source_id=makers.id, target_id=fixers.id)
    with pytest.raises(Invalid):
        commands.merge_teams(organiser, event=kit.event, source_id=fixers.id, target_id=fixers.id)
    merged = commands.merge_teams(organiser, event=kit.event, source_id=makers.id, target_id=fixers.id)
    assert merged.payload(TEAM, makers.id)["dissolved"] is True
    assert merged.payload(TEAM, fixers.id)["member_count"] == 2
    assert only("teams.merged").details == {"source_id": makers.id, "source": "Makers", "members": [ben.id]}

    with pytest.raises(NotFound):
        commands.dissolve_team(organiser, event=kit.event, team_id=makers.id)  # merged away already
    dissolved = commands.dissolve_team(organiser, event=kit.event, team_id=fixers.id)
    assert dissolved.payload(TEAM, fixers.id)["dissolved"] is True
    assert only("teams.dissolved").details == {"team": "Fixers", "members": sorted([ana.id, ben.id])}


def test_post_and_edit_a_challenge_on_its_pages(make, kit):
    owner = make.staff(kit.event, "challenge_owner")
    with pytest.raises(Forbidden):
        challenge_commands.post_challenge(Actor(kit.participant("Ana")), event=kit.event,
                                          fields=ChallengeFields(title="Not mine to pose"))
    posted = challenge_commands.post_challenge(Actor(owner), event=kit.event, fields=ChallengeFields(
        title="Repair café network", organisation="Coompanion", max_teams=3))
    challenge_id = posted.value["challenge_id"]
    assert db.session.get(Challenge, challenge_id).owner_id == owner.id
    assert only("teams.challenge_posted").target == f"challenge:{challenge_id}"

    other_owner = make.staff(kit.event, "challenge_owner")
    with pytest.raises(Forbidden):  # a challenge owner edits only their own
        challenge_commands.edit_challenge(Actor(other_owner), event=kit.event, challenge_id=challenge_id,
                                          fields=ChallengeFields(title="Taken over", organisation="Coompanion"))
    edited = challenge_commands.edit_challenge(
        Actor(owner), event=kit.event, challenge_id=challenge_id, expected_version=1,
        fields=ChallengeFields(title="Repair café network", organisation="Coompanion", max_teams=4,
                               description="Longer now"))
    assert edited.value["changes"] == ["description", "max_teams"]
    assert only("teams.challenge_changed").details == {"changes": {"max_teams": [3, 4], "description": "changed"}}
    with pytest.raises(Conflict):  # a stale form
        challenge_commands.edit_challenge(Actor(owner), event=kit.event, challenge_id=challenge_id,
                                          expected_version=1,
                                          fields=ChallengeFields(title="Stale", organisation="Coompanion"))


def test_a_dissolution_left_in_the_outbox_is_told_by_another_worker(app, make, kit):
    """A worker stopped after the commit leaves the team's outbox row: another worker's sweeper says it ended."""
    ana = kit.participant("Ana")
    team = kit.team(ana, kit.challenge())
    watcher = socketio.test_client(app, flask_test_client=make.login(app.test_client(), kit.participant("Eve")))
    watcher.get_received()
    facts = app.extensions["hackathon.registry"].facts
    publishers = dict(facts)
    facts.clear()  # this "worker" dies before publishing anything
    commands.leave_team(Actor(ana), event=kit.event, team_id=team.id)
    facts.update(publishers)
    db.session.expire_all()
    clock.frozen = utcnow() + timedelta(seconds=30)
    from hackathon.teams import facts as team_facts

    team_facts._farewells().clear()  # another worker never saw the team's last state
    assert outbox.sweep(publish_changes, timedelta(seconds=10)) == 1
    (fact,) = [m["args"][0] for m in watcher.get_received() if m["name"] == TEAM]
    assert fact["id"] == team.id and fact["dissolved"] is True and fact["members"] == []
    assert fact["event"] == kit.event.slug
