"""Team and challenge pages through the test client: forms, permissions, bad input, organiser tools."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from hackathon.extensions import db
from hackathon.teams import membership
from hackathon.teams.models import Challenge, JoinRequest, Team


def post(client, make, url: str, page: str, prefix: str = "", **data):
    data[f"{prefix}-csrf_token" if prefix else "csrf_token"] = make.csrf(client, page)
    return client.post(url, data=data)


def test_challenges_list_filter_page_and_permissions(client, make, kit):
    kit.challenge(title="Solar for co-ops", tags=["green", "energy"], summary="Share the sun")
    kit.challenge(title="Digital literacy for elders", tags=["digital", "inclusion"])
    slug = kit.event.slug
    page = client.get(f"/events/{slug}/challenges/").get_data(as_text=True)
    assert "Solar for co-ops" in page and "Digital literacy" in page and "Coompanion" in page
    page = client.get(f"/events/{slug}/challenges/?tag=digital").get_data(as_text=True)
    assert "Digital literacy" in page and "Solar for co-ops" not in page
    # Posting: organisers and challenge owners only.
    participant = kit.participant("Ana")
    make.login(client, participant)
    assert client.get(f"/events/{slug}/challenges/new").status_code == 403
    owner = make.staff(kit.event, "challenge_owner")
    make.login(client, owner)
    response = post(client, make, f"/events/{slug}/challenges/new", f"/events/{slug}/challenges/new",
                    title="Repair cafés", organisation="Repair Together", logo_path="/static/img/icon.svg",
                    summary="Fix more", description="**Bold** <script>x</script>", tags="circular economy, green",
                    skills="hardware", resources="Guide | https://example.org/guide", max_teams="3")
    assert response.status_code == 302, response.get_data(as_text=True)
    challenge = db.session.scalar(select(Challenge).where(Challenge.title == "Repair cafés"))
    assert challenge.owner_id == owner.id and challenge.tags == ["circular economy", "green"]
    page = client.get(response.location).get_data(as_text=True)
    assert "<strong>Bold</strong>" in page and "<script>x" not in page and "https://example.org/guide" in page
    # Bad input is refused with a message and changes nothing.
    response = post(client, make, f"/events/{slug}/challenges/new", f"/events/{slug}/challenges/new",
                    title="Bad links", resources="not a link", max_teams="3")
    assert response.status_code == 422 and "resource needs a link" in response.get_data(as_text=True)
    response = post(client, make, f"/events/{slug}/challenges/new", f"/events/{slug}/challenges/new",
                    title="Bad", max_teams="many")
    assert response.status_code == 422
    assert db.session.scalar(select(Challenge).where(Challenge.title.in_(["Bad links", "Bad"]))) is None
    # Editing: the owner may, another owner may not, a stale version conflicts.
    edit = f"/events/{slug}/challenges/{challenge.id}/edit"
    response = post(client, make, edit, edit, title="Repair cafés everywhere", organisation="Repair Together",
                    max_teams="3", version="1")
    assert response.status_code == 302
    response = post(client, make, edit, edit, title="Stale", organisation="Repair Together", max_teams="3",
                    version="1")
    assert response.status_code == 422 and "changed by someone else" in response.get_data(as_text=True)
    make.login(client, make.staff(kit.event, "challenge_owner"))
    assert client.get(edit).status_code == 403
    assert client.get(f"/events/{slug}/challenges/99999").status_code == 404


def test_form_join_leave_and_requests_through_pages(client, make, kit):
    challenge = kit.challenge()
    slug = kit.event.slug
    ana, ben, cleo = kit.participant("Ana"), kit.participant("Ben"), kit.participant("Cleo")
    make.login(client, ana)
    new = f"/events/{slug}/teams/new"
    response = post(client, make, new, new, name="Fixers", challenge_id=str(challenge.id), pitch="We fix",
                    open_roles="ux, legal", join_policy="request", max_size="3")
    assert response.status_code == 302
    team = db.session.scalar(select(Team))
    assert team.join_policy == "request" and team.open_roles == ["ux", "legal"]
    # Bad input: an unknown challenge, a size out of range, garbage: nothing is made.
    for bad in ({"challenge_id": "99999", "max_size": "3"}, {"challenge_id": str(challenge.id), "max_size": "99"},
                {"challenge_id": "abc", "max_size": "x"}):
        response = post(client, make, new, new, name="Another", join_policy="open", **bad)
        assert response.status_code == 422
    assert db.session.scalar(select(Team).where(Team.name == "Another")) is None
    team_url = f"/events/{slug}/teams/{team.id}"
    page = client.get(team_url).get_data(as_text=True)
    assert team.invite_code in page and "Leave team" in page

    # Ben asks to join with a message; twice is refused; Ana sees the request and accepts.
    make.login(client, ben)
    response = post(client, make, f"{team_url}/join", team_url, message="I do UX")
    assert response.status_code == 302
    response = post(client, make, f"{team_url}/join", team_url, message="again")
    assert "already asked" in client.get(response.location).get_data(as_text=True)
    request = db.session.scalar(select(JoinRequest))
    make.login(client, ana)
    assert "I do UX" in client.get(team_url).get_data(as_text=True)
    response = post(client, make, f"/events/{slug}/requests/{request.id}/accept", team_url)
    assert membership.member_ids(team.id) == [ana.id, ben.id]
    response = post(client, make, f"/events/{slug}/requests/{request.id}/decline", team_url)
    assert "already answered" in client.get(response.location, follow_redirects=True).get_data(as_text=True)

    # Cleo is not a member: she cannot answer or leave; with the invite link she joins at once.
    make.login(client, cleo)
    response = post(client, make, f"{team_url}/leave", team_url)
    assert "You are not a member of Fixers" in client.get(response.location).get_data(as_text=True)
    invite = client.get(f"/events/{slug}/join/{team.invite_code}")
    assert invite.status_code == 302
    page = client.get(invite.location).get_data(as_text=True)
    assert "Join this team" in page
    post(client, make, f"{team_url}/join", invite.location, invite_code=team.invite_code)
    assert membership.member_ids(team.id) == [ana.id, ben.id, cleo.id]
    assert client.get(f"/events/{slug}/join/not-a-code").status_code == 404

    # Leaving; the last one out dissolves the team.
    for person in (cleo, ben, ana):
        make.login(client, person)
        post(client, make, f"{team_url}/leave", team_url)
    assert db.session.get(Team, team.id) is None
    assert client.get(team_url).status_code == 404


def test_board_entry_and_suggestions(client, make, kit):
    challenge = kit.challenge(title="Solar for co-ops")
    founder = kit.participant("Ana", languages=["it"])
    kit.team(founder, challenge, open_roles="python")
    seeker = kit.participant("Cleo", skills=["python"], languages=["it"])
    slug = kit.event.slug
    make.login(client, seeker)
    board = f"/events/{slug}/teams"
    page = client.get(board).get_data(as_text=True)
    assert "Teams that could fit you" in page and "skills sought: python" in page
    assert "shared language: Italian" in page  # the language's name, not its code
    response = post(client, make, f"/events/{slug}/board/entry", board, "board", **{
        "board-note": "Backend dev, loves solar", "board-challenge_ids": str(challenge.id)})
    assert response.status_code == 302
    page = client.get(board).get_data(as_text=True)
    assert "Backend dev, loves solar" in page and "person-card" in page
    response = post(client, make, f"/events/{slug}/board/entry", board, "board", **{"board-challenge_ids": "99999"})
    assert "choose challenges" in client.get(response.location).get_data(as_text=True)
    assert "?skill=" not in page
    filtered = client.get(f"{board}?skill=gis&language=it&challenge=abc").get_data(as_text=True)
    assert "person-card" not in filtered
    make.login(client, founder)
    page = client.get(board).get_data(as_text=True)
    assert "People who could fit your team" in page and "Cleo" in page
    # Not at the event at all: no board.
    make.login(client, make.user())
    assert client.get(board).status_code == 403


def test_organiser_view_move_merge_dissolve_and_csv(client, make, kit):
    challenge = kit.challenge()
    people = [kit.participant(f"Person {i}") for i in range(5)]
    a = kit.team(people[0], challenge, name="Alpha")
    b = kit.team(people[1], challenge, name="=Beta")
    slug = kit.event.slug
    console = f"/events/{slug}/console/teams/"
    make.login(client, people[2])
    assert client.get(console).status_code == 403
    make.login(client, make.organiser_of(kit.event))
    page = client.get(console).get_data(as_text=True)
    assert "Alpha" in page and "Person 3" in page and people[0].email in page
    assert "Teams below the minimum size" in page
    post(client, make, f"{console}move", console, "move",
         **{"move-user_id": str(people[2].id), "move-team_id": str(a.id)})
    assert membership.team_of(people[2], kit.event.id).id == a.id
    response = post(client, make, f"{console}move", console, "move",
                    **{"move-user_id": "abc", "move-team_id": str(a.id)})
    assert "choose a person" in client.get(response.location).get_data(as_text=True)
    post(client, make, f"{console}merge", console, "merge",
         **{"merge-source_id": str(b.id), "merge-target_id": str(a.id)})
    assert sorted(membership.member_ids(a.id)) == sorted([people[0].id, people[1].id, people[2].id])
    response = client.get(f"{console}teams.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["team_id", "team", "challenge"] and len(rows) == 4
    post(client, make, f"{console}{a.id}/dissolve", console)
    assert db.session.scalar(select(Team)) is None
    assert "Everyone has a team" not in client.get(console).get_data(as_text=True)


def test_event_links_and_phase(client, make, kit):
    participant = kit.participant("Ana")
    make.login(client, participant)
    page = client.get(f"/events/{kit.event.slug}").get_data(as_text=True)
    assert f"/events/{kit.event.slug}/challenges/" in page and f"/events/{kit.event.slug}/teams" in page
    make.login(client, make.organiser_of(kit.event))
    page = client.get(f"/events/{kit.event.slug}").get_data(as_text=True)
    assert f"/events/{kit.event.slug}/console/teams/" in page


def test_the_new_team_form_marks_full_challenges_and_preselects_one_with_room(client, make, kit):
    full = kit.challenge(title="Aaa full challenge", max_teams=1)
    roomy = kit.challenge(title="Zzz roomy challenge")
    kit.team(kit.participant("Ana"), full, name="First in")
    make.login(client, kit.participant("Ben"))
    url = f"/events/{kit.event.slug}/teams/new"
    for page in (client.get(url), client.get(f"{url}?challenge={full.id}")):
        html = page.get_data(as_text=True)
        assert f'<option disabled value="{full.id}">Aaa full challenge (full: 1 of 1 teams)</option>' in html
        assert f'<option selected value="{roomy.id}">Zzz roomy challenge</option>' in html
    listing = client.get(f"/events/{kit.event.slug}/challenges/").get_data(as_text=True)
    assert listing.count("Full: no new teams") == 1
    # Sent anyway (an old page): refused with the reason, nothing made.
    response = post(client, make, url, url, name="Late", challenge_id=str(full.id), join_policy="open", max_size="5")
    assert response.status_code == 422
    assert "already has as many teams as it takes (1)" in response.get_data(as_text=True)
    assert db.session.scalar(select(Team).where(Team.name == "Late")) is None
