"""The public gallery: only what teams agreed to show, winners marked, filters, a share page with Open Graph."""

from __future__ import annotations

from hackathon.commands import Actor
from hackathon.projects import commands
from hackathon.projects.awards import awards
from tests.projects.results import publish_ranking


def shown(kit, user, team, **values):
    kit.save(user, team, submit=True, **values)
    commands.set_consent(Actor(user), team_id=team.id, show=True)


def test_the_gallery_opens_when_organisers_publish_it(client, make, event, kit):
    team, (ana, _ben) = kit.team()
    shown(kit, ana, team, title="FixCount")
    assert "The gallery opens once the organisers publish it" in client.get(
        f"/events/{event.slug}/gallery/").get_data(as_text=True)
    assert client.get(f"/events/{event.slug}/gallery/{team.id}").status_code == 404
    make.login(client, make.organiser_of(event))
    assert "Preview for organisers" in client.get(f"/events/{event.slug}/gallery/").get_data(as_text=True)
    kit.publish_gallery()
    anonymous = make.app.test_client()
    page = anonymous.get(f"/events/{event.slug}/gallery/")
    assert page.status_code == 200 and "FixCount" in page.get_data(as_text=True)


def test_only_projects_whose_team_agreed_and_only_chosen_names(client, make, event, kit):
    team, (ana, ben) = kit.team(name="Circular Pioneers")
    quiet, (carla,) = kit.team(members=1, name="Quiet Team")
    shown(kit, ana, team, title="FixCount")
    kit.save(carla, quiet, title="Secret Sauce", submit=True)
    commands.set_gallery_name(Actor(ana), event=event, name="Ana P.")
    kit.publish_gallery()
    text = make.app.test_client().get(f"/events/{event.slug}/gallery/").get_data(as_text=True)
    assert "FixCount" in text and "Secret Sauce" not in text
    assert "Ana P." in text and ana.name not in text and ben.name not in text and ana.email not in text
    assert make.app.test_client().get(f"/events/{event.slug}/gallery/{quiet.id}").status_code == 404


def test_winners_are_marked_and_the_gallery_filters(client, make, event, kit):
    one = kit.challenge("Count every repair")
    two = kit.challenge("Shift the load")
    first, (ana,) = kit.team(members=1, name="Alpha", challenge=one)
    second, (ben,) = kit.team(members=1, name="Beta", challenge=two)
    third, (carla,) = kit.team(members=1, name="Gamma", challenge=two)
    for user, team in ((ana, first), (ben, second), (carla, third)):
        shown(kit, user, team, title=f"Project {team.name}")
    kit.publish_gallery(places=1)
    publish_ranking(make, event, [first, second, third], audience_winner=third)
    won = awards(event)
    assert [a.kind for a in won[first.id]] == ["overall"] and [a.kind for a in won[third.id]] == ["audience"]
    anonymous = make.app.test_client()
    text = anonymous.get(f"/events/{event.slug}/gallery/").get_data(as_text=True)
    assert "Place 1 overall" in text and "People&#39;s choice" in text
    assert text.index("Project Alpha") < text.index("Project Beta")  # winners first
    filtered = anonymous.get(f"/events/{event.slug}/gallery/?challenge={two.id}").get_data(as_text=True)
    assert "Project Beta" in filtered and "Project Gamma" in filtered and "Project Alpha" not in filtered
    winners = anonymous.get(f"/events/{event.slug}/gallery/?winners=1").get_data(as_text=True)
    assert "Project Beta" not in winners and "Project Alpha" in winners
    assert anonymous.get(f"/events/{event.slug}/gallery/?challenge=abc&track=99999999999999").status_code == 200


def test_a_project_page_to_share_has_open_graph_meta(client, make, event, kit):
    team, (ana, _ben) = kit.team(name="Circular Pioneers")
    shown(kit, ana, team, title="FixCount", summary="A repair log for volunteers.")
    kit.publish_gallery()
    page = make.app.test_client().get(f"/events/{event.slug}/gallery/{team.id}").get_data(as_text=True)
    assert '<meta property="og:title" content="FixCount">' in page
    assert '<meta property="og:description" content="A repair log for volunteers.">' in page
    assert f'<meta property="og:url" content="http://localhost/events/{event.slug}/gallery/{team.id}">' in page
