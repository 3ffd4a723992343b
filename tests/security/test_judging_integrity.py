"""Judging integrity: a juror's own team is a conflict nobody declares; an organisation conflict survives a
rename; a challenge owner cannot move a challenge away from its organisation or touch others' logos."""

from __future__ import annotations

import pytest

from hackathon.errors import Forbidden
from hackathon.extensions import db
from hackathon.judging import conflicts, scoring
from hackathon.teams import challenges
from hackathon.teams.models import Challenge, Organisation, Team, TeamMembership
from hackathon.transactions import unit_of_work
from tests.judging.conftest import JudgingKit

SCORES = {"impact": 7, "pitch": 4}


@pytest.fixture
def kit(make, event):
    return JudgingKit(make, event)


def score(kit, juror, team):
    with unit_of_work():
        return scoring.save_sheet(kit.event, juror, team.id, dict(SCORES))


def test_a_juror_cannot_score_a_team_they_are_a_member_of(kit):
    kit.open()
    juror, team = kit.jurors[0], kit.teams[0]
    with unit_of_work():
        db.session.add(TeamMembership(event_id=kit.event.id, team_id=team.id, user_id=juror.id))
    with pytest.raises(Forbidden):
        score(kit, juror, team)
    assert (juror.id, team.id) in conflicts.conflict_pairs(kit.event)  # also left out of progress and results
    score(kit, juror, kit.teams[1])  # other teams as usual


def owned_challenge(kit, owner, title="Repair cafés", organisation="Repair Together", logo=""):
    with unit_of_work():
        return challenges.create_challenge(kit.event, challenges.ChallengeFields(
            title=title, organisation=organisation, logo_path=logo), owner=owner, manager=False)


def edit(challenge, manager=False, **fields):
    base = {"title": challenge.title, "organisation": challenge.organisation.name if challenge.organisation else ""}
    with unit_of_work():
        return challenges.update_challenge(challenge, challenges.ChallengeFields(**{**base, **fields}),
                                           manager=manager)


def team_on(kit, challenge, name):
    with unit_of_work():
        team = Team(event_id=kit.event.id, challenge_id=challenge.id, name=name, invite_code=f"c-{name}")
        db.session.add(team)
    return team


def test_renaming_an_organisation_keeps_its_conflicts(kit, make):
    kit.open()
    owner = make.staff(kit.event, "challenge_owner")
    challenge = owned_challenge(kit, owner)
    team = team_on(kit, challenge, "Fixers")
    juror = kit.jurors[0]
    with unit_of_work():
        conflicts.declare(kit.event, juror, organisation_id=challenge.organisation_id, declared_by="organiser")
    edit(challenge, organisation="Repair Together e.V.")
    db.session.refresh(challenge)
    assert db.session.get(Organisation, challenge.organisation_id).name == "Repair Together e.V."
    with pytest.raises(Forbidden):
        score(kit, juror, team)


def test_a_challenge_owner_cannot_move_or_detach_their_challenge(kit, make):
    owner = make.staff(kit.event, "challenge_owner")
    challenge = owned_challenge(kit, owner)
    for organisation in ("", "Coompanion"):  # detached, or moved to another organisation (the kit's)
        with pytest.raises(Forbidden):
            edit(challenge, organisation=organisation)
    db.session.refresh(challenge)
    assert challenge.organisation.name == "Repair Together"
    edit(challenge, manager=True, organisation="Coompanion")  # an organiser may
    assert db.session.get(Challenge, challenge.id).organisation.name == "Coompanion"


def test_a_challenge_owner_cannot_change_another_organisations_logo(kit, make):
    mine, theirs = make.staff(kit.event, "challenge_owner"), make.staff(kit.event, "challenge_owner")
    other = owned_challenge(kit, theirs, title="Their challenge", organisation="Theirs", logo="/static/a.svg")
    with pytest.raises(Forbidden):  # posting under their organisation with another logo
        owned_challenge(kit, mine, title="Mine", organisation="Theirs", logo="https://evil.example/logo.png")
    joined = owned_challenge(kit, mine, title="Mine", organisation="Theirs")  # joining it without a logo is fine
    with pytest.raises(Forbidden):  # nor by editing a challenge that shares it
        edit(joined, logo_path="https://evil.example/logo.png")
    with pytest.raises(Forbidden):  # nor rename it
        edit(joined, organisation="Ours now")
    assert db.session.get(Organisation, other.organisation_id).logo_path == "/static/a.svg"
    own = owned_challenge(kit, mine, title="Only mine", organisation="Mine alone", logo="/static/b.svg")
    edit(own, logo_path="/static/c.svg")  # their own organisation's logo is theirs to change
    assert db.session.get(Organisation, own.organisation_id).logo_path == "/static/c.svg"
