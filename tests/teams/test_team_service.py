"""Team rules: forming, joining, requests, leaving, organiser moves; every refusal changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hackathon.clock import utcnow
from hackathon.errors import DomainError
from hackathon.events import registration as reg
from hackathon.extensions import db
from hackathon.teams import board, membership, organiser, services
from hackathon.teams.models import BoardEntry, JoinRequest, Team, TeamMembership
from hackathon.transactions import unit_of_work


def snapshot(event_id: int) -> tuple:
    """Everything a refusal must leave untouched."""
    db.session.expire_all()
    teams = tuple(db.session.execute(
        select(Team.id, Team.name, Team.member_count, Team.version).where(Team.event_id == event_id)
        .order_by(Team.id)))
    members = tuple(db.session.execute(select(TeamMembership.team_id, TeamMembership.user_id)
                                       .order_by(TeamMembership.id)))
    requests = tuple(db.session.execute(select(JoinRequest.id, JoinRequest.status).order_by(JoinRequest.id)))
    entries = tuple(db.session.scalars(select(BoardEntry.user_id).order_by(BoardEntry.id)))
    return teams, members, requests, entries


def refused(kit, code: str, action) -> DomainError:
    """Run the action in a unit of work; it must fail with `code` and leave the database as it was."""
    before = snapshot(kit.event.id)
    with pytest.raises(DomainError) as caught, unit_of_work():
        action()
    assert caught.value.code == code, caught.value.message
    assert caught.value.message
    assert snapshot(kit.event.id) == before
    return caught.value


def test_form_a_team_and_join_an_open_one(kit):
    challenge = kit.challenge()
    ana, ben = kit.participant("Ana"), kit.participant("Ben")
    team = kit.team(ana, challenge, name="  Fixers  ", pitch="Repair, not replace", open_roles="UX, python")
    assert team.name == "Fixers" and team.member_count == 1 and team.max_size == kit.event.team_max_size
    assert team.open_roles == ["ux", "python"] and len(team.invite_code) >= 12
    outcome = kit.join(team, ben)
    assert outcome.status == "joined" and outcome.users == {ben.id}
    assert membership.member_ids(team.id) == [ana.id, ben.id]
    assert membership.team_of(ben, kit.event.id).id == team.id
    db.session.refresh(team)
    assert team.member_count == 2 and team.version == 2


def test_refusals_change_nothing(kit, make):
    challenge = kit.challenge()
    ana, ben, cleo = kit.participant("Ana"), kit.participant("Ben"), kit.participant("Cleo")
    team = kit.team(ana, challenge, max_size=2)
    other = kit.team(ben, challenge, name="Others", join_policy="request")
    kit.join(team, cleo)
    dan = kit.participant("Dan")
    fresh = lambda t: services.get_team(kit.event, t.id)  # noqa: E731

    refused(kit, "team_full", lambda: services.join(fresh(team), dan))
    refused(kit, "already_in_team", lambda: services.join(fresh(other), cleo))
    refused(kit, "already_in_team", lambda: services.create_team(
        kit.event, ana, services.TeamDraft(name="Second", challenge_id=challenge.id)))
    refused(kit, "bad_invite_code", lambda: services.join(fresh(other), dan, invite_code="nope"))
    refused(kit, "name_taken", lambda: services.create_team(
        kit.event, dan, services.TeamDraft(name="Fixers", challenge_id=challenge.id)))
    refused(kit, "not_member", lambda: services.leave(fresh(other), dan))
    refused(kit, "invalid", lambda: services.create_team(
        kit.event, dan, services.TeamDraft(name="X", challenge_id=challenge.id)))
    refused(kit, "invalid", lambda: services.create_team(
        kit.event, dan, services.TeamDraft(name="Sized", challenge_id=challenge.id, max_size=99)))
    refused(kit, "not_found", lambda: services.create_team(
        kit.event, dan, services.TeamDraft(name="Nowhere", challenge_id=99999)))
    # Not a participant: staff, a waitlisted person, a stranger.
    mentor = make.staff(kit.event, "mentor")
    refused(kit, "not_participant", lambda: services.join(fresh(other), mentor))
    stranger = make.user()
    refused(kit, "not_participant", lambda: services.create_team(
        kit.event, stranger, services.TeamDraft(name="Strangers", challenge_id=challenge.id)))


def test_closed_after_team_formation_ends_except_for_organisers(kit, make):
    challenge = kit.challenge()
    ana, ben = kit.participant("Ana"), kit.participant("Ben")
    team = kit.team(ana, challenge)
    with unit_of_work():
        kit.event.team_formation_closes_at = utcnow() - timedelta(minutes=1)
    fresh = services.get_team(kit.event, team.id)
    refused(kit, "closed", lambda: services.join(fresh, ben))
    refused(kit, "closed", lambda: services.leave(fresh, ana))
    refused(kit, "closed", lambda: services.create_team(
        kit.event, ben, services.TeamDraft(name="Late", challenge_id=challenge.id)))
    refused(kit, "closed", lambda: board.save_entry(kit.event, ben, "hi", []))
    # Organisers still move people.
    with unit_of_work():
        outcome = organiser.move_person(kit.event, ben.id, services.get_team(kit.event, team.id))
    assert outcome.teams == {team.id}
    assert membership.member_ids(team.id) == [ana.id, ben.id]


def test_request_accept_decline_and_answered_twice(kit):
    challenge = kit.challenge()
    ana, ben, cleo, dan = (kit.participant(n) for n in ("Ana", "Ben", "Cleo", "Dan"))
    team = kit.team(ana, challenge, join_policy="request")
    outcome = kit.join(team, ben, message="I do UX")
    assert outcome.status == "requested" and outcome.request.status == "pending"
    assert membership.member_ids(team.id) == [ana.id]
    request_id = outcome.request.id
    refused(kit, "already_requested", lambda: services.join(services.get_team(kit.event, team.id), ben))
    # Only members answer.
    refused(kit, "not_member", lambda: services.answer_request(services.get_request(kit.event, request_id), cleo,
                                                               True))
    with unit_of_work():
        answered = services.answer_request(services.get_request(kit.event, request_id), ana, True)
    assert answered.status == "accepted" and answered.users == {ben.id}
    assert membership.member_ids(team.id) == [ana.id, ben.id]
    refused(kit, "already_answered", lambda: services.answer_request(
        services.get_request(kit.event, request_id), ana, False))
    # Declined: nobody joins; the requester may not answer their own request.
    second = kit.join(team, cleo).request
    refused(kit, "not_member", lambda: services.answer_request(services.get_request(kit.event, second.id), cleo,
                                                               True))
    with unit_of_work():
        services.answer_request(services.get_request(kit.event, second.id), ben, False)
    assert membership.member_ids(team.id) == [ana.id, ben.id]
    # The invite code lets its holder in even though members approve requests.
    assert kit.join(team, dan, invite_code=team.invite_code).status == "joined"


def test_joining_takes_you_off_the_board_and_withdraws_requests(kit):
    challenge = kit.challenge()
    ana, ben, cleo = kit.participant("Ana"), kit.participant("Ben"), kit.participant("Cleo")
    asking = kit.team(ana, challenge, join_policy="request")
    open_team = kit.team(ben, challenge, name="Open door")
    with unit_of_work():
        board.save_entry(kit.event, cleo, "I can code", [challenge.id])
    request = kit.join(asking, cleo).request
    kit.join(open_team, cleo)
    db.session.expire_all()
    assert db.session.get(JoinRequest, request.id).status == "withdrawn"
    assert board.entry_of(kit.event, cleo) is None
    refused(kit, "already_in_team", lambda: board.save_entry(kit.event, cleo, "again", []))


def test_the_last_member_leaving_dissolves_the_team(kit):
    challenge = kit.challenge()
    ana, ben = kit.participant("Ana"), kit.participant("Ben")
    team = kit.team(ana, challenge)
    kit.join(team, ben)
    with unit_of_work():
        first = services.leave(services.get_team(kit.event, team.id), ben)
    assert first.status == "left" and first.teams == {team.id}
    with unit_of_work():
        last = services.leave(services.get_team(kit.event, team.id), ana)
    assert last.status == "dissolved" and last.dissolved[0]["dissolved"] is True
    assert last.dissolved[0]["version"] > 2
    assert db.session.get(Team, team.id) is None


def test_organiser_merge_and_dissolve(kit):
    challenge = kit.challenge()
    people = [kit.participant(f"P{i}") for i in range(5)]
    a = kit.team(people[0], challenge, name="Alpha")
    kit.join(a, people[1])
    b = kit.team(people[2], challenge, name="Beta")
    kit.join(b, people[3])
    c = kit.team(people[4], challenge, name="Gamma", max_size=2)
    refused(kit, "team_full", lambda: organiser.merge(services.get_team(kit.event, a.id),
                                                       services.get_team(kit.event, c.id)))
    with unit_of_work():
        merged = organiser.merge(services.get_team(kit.event, b.id), services.get_team(kit.event, a.id))
    assert merged.dissolved[0]["id"] == b.id
    assert sorted(membership.member_ids(a.id)) == sorted(u.id for u in people[:4])
    assert db.session.scalar(select(Team.member_count).where(Team.id == a.id)) == 4
    with unit_of_work():
        organiser.dissolve(services.get_team(kit.event, c.id))
    assert db.session.scalar(select(func.count()).select_from(Team)) == 1


def test_cancelled_registration_is_not_a_participant(kit):
    challenge = kit.challenge()
    ana = kit.participant("Ana")
    kit.team(ana, challenge)
    ben, registration = kit.make.participant(kit.event, name="Ben")
    with unit_of_work():
        reg.cancel(registration)
    team = db.session.scalar(select(Team))
    refused(kit, "not_participant", lambda: services.join(services.get_team(kit.event, team.id), ben))


def test_suggestions_rank_by_fit_with_reasons(kit):
    challenge = kit.challenge(title="Solar for co-ops", tags=["energy"])
    other = kit.challenge(title="Food rescue", tags=["food"])
    ana = kit.participant("Ana", languages=["de"])
    team = kit.team(ana, challenge, open_roles="python, legal")
    kit.team(kit.participant("Ben"), other, name="Food friends", open_roles="marketing")
    seeker = kit.participant("Cleo", skills=["python"], languages=["de", "en"], interests=["energy"])
    with unit_of_work():
        board.save_entry(kit.event, seeker, "I code", [challenge.id])
    people = board.seekers(kit.event, posted_only=True)
    assert [p.name for p in people] == ["Cleo"]
    from hackathon.teams.facts import load_teams

    teams = load_teams(kit.event.id)
    languages = board.member_languages(kit.event)
    ranked = board.teams_for(people[0], teams, languages)
    assert ranked[0].team.id == team.id
    assert any("python" in r for r in ranked[0].reasons)
    assert any("shared language: German" in r for r in ranked[0].reasons)  # the language's name, not "de"
    assert all(s.team.name != "Food friends" for s in ranked)  # no fit at all: not suggested
    for_team = board.seekers_for(ranked[0].team, people, languages[team.id])
    assert for_team[0].seeker.name == "Cleo"
    assert board.filter_seekers(people, skill="legal") == []
    assert board.filter_teams(teams, languages, language="de") == [t for t in teams if t.id == team.id]


def test_a_challenge_takes_at_most_its_number_of_teams(kit):
    small = kit.challenge("Food bank forecasting", max_teams=1)
    other = kit.challenge("Care shifts")
    ana, ben = kit.participant("Ana"), kit.participant("Ben")
    kit.team(ana, small, name="First")
    refused(kit, "challenge_full", lambda: services.create_team(
        kit.event, ben, services.TeamDraft(name="Second", challenge_id=small.id)))
    moving = kit.team(ben, other, name="Movers")
    refused(kit, "challenge_full", lambda: services.update_team(
        moving, ben, services.TeamDraft(name="Movers", challenge_id=small.id)))
