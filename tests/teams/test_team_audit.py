"""What organisers change in teams and challenges is in the audit log; refused changes are not."""

from __future__ import annotations

from sqlalchemy import select

from hackathon.extensions import db
from hackathon.teams import membership
from hackathon.teams.models import Challenge, JoinRequest
from tests.support.audit_log import entries, only


def post(client, make, url: str, page: str, prefix: str = "", **data):
    data[f"{prefix}-csrf_token" if prefix else "csrf_token"] = make.csrf(client, page)
    return client.post(url, data=data)


def move(client, make, console, user_id, team_id):
    return post(client, make, f"{console}move", console, "move",
                **{"move-user_id": str(user_id), "move-team_id": str(team_id)})


def test_moves_merges_and_dissolutions_are_logged(client, make, kit):
    challenge = kit.challenge()
    ana, ben, dan = kit.participant("Ana Silva"), kit.participant("Ben Berg"), kit.participant("Dan Dorn")
    fixers = kit.team(ana, challenge, name="Fixers")
    makers = kit.team(ben, challenge, name="Makers")
    organiser = make.organiser_of(kit.event)
    make.login(client, organiser)
    console = f"/events/{kit.event.slug}/console/teams/"

    move(client, make, console, dan.id, fixers.id)
    move(client, make, console, dan.id, makers.id)
    move(client, make, console, dan.id, 0)
    moved = entries("teams.person_moved")
    assert [e.summary for e in moved] == ["Moved Dan Dorn into Fixers.", "Moved Dan Dorn from Fixers to Makers.",
                                          "Took Dan Dorn out of Makers."]
    assert {(e.target, e.actor_id, e.actor_name) for e in moved} == {(f"user:{dan.id}", organiser.id,
                                                                      "Olga Organiser")}
    assert moved[1].details == {"from_team": fixers.id, "to_team": makers.id, "dissolved": []}

    # Moving Ana, Fixers' only member, into Makers dissolves Fixers: the entry says so.
    move(client, make, console, ana.id, makers.id)
    assert entries("teams.person_moved")[-1].details == {"from_team": fixers.id, "to_team": makers.id,
                                                         "dissolved": [fixers.id]}

    cleo = kit.participant("Cleo Cruz")
    crew = kit.team(cleo, challenge, name="Crew")
    post(client, make, f"{console}merge", console, "merge",
         **{"merge-source_id": str(crew.id), "merge-target_id": str(makers.id)})
    merged = only("teams.merged")
    assert merged.target == f"team:{makers.id}" and merged.summary == "Merged Crew into Makers."
    assert merged.details == {"source_id": crew.id, "source": "Crew", "members": [cleo.id]}

    post(client, make, f"{console}{makers.id}/dissolve", console)
    dissolved = only("teams.dissolved")
    assert dissolved.target == f"team:{makers.id}" and dissolved.summary == "Dissolved Makers."
    assert dissolved.details["members"] == sorted([ana.id, ben.id, cleo.id])
    assert dissolved.actor_id == organiser.id


def test_refused_team_changes_write_nothing(client, make, kit):
    challenge = kit.challenge()
    ana, ben, dan, eve = (kit.participant(name) for name in ("Ana Silva", "Ben Berg", "Dan Dorn", "Eve Ek"))
    fixers = kit.team(ana, challenge, name="Fixers")
    makers = kit.team(ben, challenge, name="Makers", max_size=2)
    kit.join(makers, dan)
    stranger = make.user()
    make.login(client, make.organiser_of(kit.event))
    console = f"/events/{kit.event.slug}/console/teams/"
    before = len(entries())
    move(client, make, console, stranger.id, fixers.id)  # not a participant
    move(client, make, console, ana.id, fixers.id)  # already there
    move(client, make, console, ana.id, makers.id)  # full
    move(client, make, console, eve.id, 0)  # from no team to no team: nothing changes
    move(client, make, console, "abc", fixers.id)  # garbage
    for source, target in ((fixers, fixers), (fixers, makers)):  # the same team; no room
        post(client, make, f"{console}merge", console, "merge",
             **{"merge-source_id": str(source.id), "merge-target_id": str(target.id)})
    post(client, make, f"{console}99999/dissolve", console)
    client.post(f"{console}{fixers.id}/dissolve", data={})  # no CSRF token
    make.login(client, ana)  # not an organiser
    post(client, make, f"{console}{fixers.id}/dissolve", f"/events/{kit.event.slug}/teams/{fixers.id}")
    assert len(entries()) == before
    assert membership.member_ids(fixers.id) == [ana.id] and membership.member_ids(makers.id) == [ben.id, dan.id]


def test_challenges_posted_and_changed_are_logged(client, make, kit):
    slug = kit.event.slug
    organiser = make.organiser_of(kit.event)
    make.login(client, organiser)
    new = f"/events/{slug}/challenges/new"
    fields = {"title": "Repair cafés", "organisation": "Repair Together", "summary": "Fix more",
              "description": "Long text", "tags": "green", "skills": "", "resources": "", "max_teams": "3"}
    assert post(client, make, new, new, **fields).status_code == 302
    challenge = db.session.scalar(select(Challenge))
    posted = only("teams.challenge_posted")
    assert (posted.target, posted.actor_id) == (f"challenge:{challenge.id}", organiser.id)
    assert posted.summary == "Challenge Repair cafés posted."
    assert post(client, make, new, new, **{**fields, "title": "x"}).status_code == 422  # too short

    edit = f"/events/{slug}/challenges/{challenge.id}/edit"
    response = post(client, make, edit, edit, **{**fields, "max_teams": "5", "description": "Longer text",
                                                 "version": str(challenge.version)})
    assert response.status_code == 302
    changed = only("teams.challenge_changed")
    assert changed.target == f"challenge:{challenge.id}"
    assert changed.details == {"changes": {"max_teams": [3, 5], "description": "changed"}}
    assert changed.summary == "Challenge Repair cafés changed: description, max_teams."
    # A stale version, bad input, or a save that changes nothing: no new entry.
    post(client, make, edit, edit, **{**fields, "max_teams": "6", "version": "1"})
    post(client, make, edit, edit, **{**fields, "max_teams": "500", "version": "2"})
    post(client, make, edit, edit, **{**fields, "max_teams": "5", "description": "Longer text", "version": "2"})
    assert len(entries("teams.challenge_changed")) == 1
    assert len(entries("teams.challenge_posted")) == 1


def test_organisers_acting_for_a_team_are_logged_members_are_not(client, make, kit):
    challenge = kit.challenge()
    ana, ben = kit.participant("Ana Silva"), kit.participant("Ben Berg")
    fixers = kit.team(ana, challenge, name="Fixers", join_policy="request")
    slug = kit.event.slug
    edit = f"/events/{slug}/teams/{fixers.id}/edit"
    form = {"name": "Fixers", "challenge_id": str(challenge.id), "pitch": "", "open_roles": "",
            "join_policy": "request", "max_size": "5"}
    make.login(client, ana)  # a member edits: not an organiser's change
    assert post(client, make, edit, edit, **{**form, "pitch": "We fix", "version": "1"}).status_code == 302
    organiser = make.organiser_of(kit.event)
    make.login(client, organiser)
    assert post(client, make, edit, edit, **{**form, "pitch": "We fix", "max_size": "3", "version": "1"}
                ).status_code == 422  # stale
    assert entries("teams.team_edited") == []
    assert post(client, make, edit, edit, **{**form, "pitch": "We fix", "max_size": "3", "version": "2"}
                ).status_code == 302
    edited = only("teams.team_edited")
    assert (edited.target, edited.actor_id) == (f"team:{fixers.id}", organiser.id)
    assert edited.details == {"changes": {"max_size": [5, 3]}} and edited.summary == "Fixers edited: max_size."

    team_url = f"/events/{slug}/teams/{fixers.id}"
    make.login(client, ben)
    post(client, make, f"{team_url}/join", team_url, message="I do UX")
    join_request = db.session.scalar(select(JoinRequest))
    make.login(client, organiser)
    post(client, make, f"/events/{slug}/requests/{join_request.id}/accept", team_url)
    answered = only("teams.request_answered")
    assert answered.target == f"user:{ben.id}" and answered.summary == "Accepted Ben Berg into Fixers."
    assert answered.details == {"team_id": fixers.id, "request_id": join_request.id, "accepted": True}
    post(client, make, f"/events/{slug}/requests/{join_request.id}/decline", team_url)  # already answered
    assert len(entries("teams.request_answered")) == 1

