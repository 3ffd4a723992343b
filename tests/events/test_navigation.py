"""Each role lands on its own home after logging in, and the navigation keeps its main places and the current one."""

from __future__ import annotations

import re

import pytest

from hackathon.events.navigation import BAR_SIZE, landing_place, places_for
from hackathon.extensions import db
from hackathon.transactions import unit_of_work
from tests.support.factories import PASSWORD


def log_in(client, user):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    return client.post("/login", data={"csrf_token": token, "email": user.email, "password": PASSWORD})


@pytest.mark.parametrize(("role", "home"), [
    ("organiser", "/console/overview"), ("jury", "/judging/jury"), ("mentor", "/mentoring/mentor"),
    ("door", "/checkin/scan"), ("participant", ""),
])
def test_each_role_lands_on_its_home(client, make, event, role, home):
    user = make.participant(event)[0] if role == "participant" else make.staff(event, role)
    response = log_in(client, user)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/events/{event.slug}{home}")


def test_an_organiser_who_also_judges_lands_on_the_overview(app, make, event):
    user = make.staff(event, "jury")
    with unit_of_work():
        from hackathon.events.roles import grant_role

        grant_role(event, user, "organiser")
    with app.test_request_context():
        assert landing_place(user).endswith(f"/events/{event.slug}/console/overview")


def test_a_platform_administrator_lands_on_the_platforms_events(app, make, event):
    user = make.staff(event, "organiser")
    with unit_of_work():
        user.is_admin = True
    with app.test_request_context():
        assert landing_place(user).endswith("/admin/events")


def test_someone_without_any_role_lands_on_the_home_page(client, make, event):
    response = log_in(client, make.user())
    assert response.headers["Location"].endswith("/")


def test_the_bar_holds_the_main_places_and_the_current_one(app, event):
    base = f"/events/{event.slug}"
    with app.test_request_context():
        home = places_for(event, {"participant"}, base)
        assert [link["key"] for link in home["main"]] == ["event", "teams.board", "mentoring.slots"]
        assert home["current"] == "event" and home["has_more"]
        badge = places_for(event, {"participant"}, f"{base}/badge")
        assert len(badge["main"]) == BAR_SIZE and badge["main"][-1]["key"] == "checkin.badge"
        assert badge["current"] == "checkin.badge"
        # A page under a place (a team under the board) keeps that place current.
        assert places_for(event, {"participant"}, f"{base}/teams/3")["current"] == "teams.board"
        console = places_for(event, {"organiser"}, f"{base}/console/people")
        assert console["current"] == "console.people"
        assert [area for area, _ in console["groups"]] == ["event", "console"]


def test_every_event_page_draws_the_navigation_with_the_current_place(client, make, event):
    user = make.participant(event)[0]
    make.login(client, user)
    page = client.get(f"/events/{event.slug}/programme").get_data(as_text=True)
    bar = page[page.index('class="places-bar"'):page.index("</nav>", page.index('class="places-bar"'))]
    assert re.search(r'aria-current="page">Programme</a>', bar)
    assert "My badge" in bar  # in the "More" menu
    db.session.remove()
