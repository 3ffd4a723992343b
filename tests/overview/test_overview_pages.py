"""The overview page and its JSON through Flask's test client: organisers only, every number linked, and as many
SQL statements with hundreds of people, check-ins, slots, requests and sheets as with a handful."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest.mock import ANY

from sqlalchemy import insert, select

from hackathon.accounts.models import User
from hackathon.checkin import scanning
from hackathon.checkin.models import Checkin
from hackathon.clock import clock, utcnow
from hackathon.events.models import Registration, Role
from hackathon.extensions import db
from hackathon.judging.models import ScoreSheet
from hackathon.mentoring.models import HelpRequest, MentoringSession, MentorSlot
from hackathon.teams.models import Team, TeamMembership
from hackathon.transactions import unit_of_work
from tests.overview.conftest import at
from tests.overview.test_figures_service import seed
from tests.support.queries import count_queries

FIELDS = {
    "registrations": {"confirmed", "waitlisted", "cancelled", "capacity", "places_left", "phase"},
    "checkin": {"day", "event_day", "checked_in", "expected", "not_arrived", "arrivals"},
    "teams": {"teams", "people_in_teams", "without_team", "below_minimum", "min_size"},
    "mentoring": {"slots_booked", "slots_offered", "slots_free", "slots_without_mentor", "help_waiting",
                  "help_being_helped", "longest_wait_seconds", "median_wait_seconds", "bookings_per_hour"},
    "judging": {"state", "sheets_in", "sheets_expected", "teams_complete", "teams"},
}


def urls(kit) -> tuple[str, str]:
    return f"/events/{kit.event.slug}/console/overview", f"/events/{kit.event.slug}/console/overview.json"


def figure(html: str, key: str) -> str:
    """The number the page shows for a figure."""
    match = re.search(rf'data-figure="{re.escape(key)}"[^>]*>([^<]*)<', html)
    assert match, key
    return match.group(1)


def test_the_organiser_sees_every_figure_each_linked_to_its_page(client, make, kit):
    seed(kit)
    page, _json = urls(kit)
    html = make.login(client, kit.organiser).get(page).get_data(as_text=True)
    slug = kit.event.slug
    shown = {key: figure(html, key) for key in (
        "registrations.confirmed", "registrations.capacity", "registrations.waitlisted", "registrations.cancelled",
        "registrations.places_left", "checkin.checked_in", "checkin.expected", "checkin.not_arrived",
        "teams.teams", "teams.people_in_teams", "teams.without_team", "teams.below_minimum",
        "mentoring.slots_booked", "mentoring.slots_offered", "mentoring.slots_without_mentor",
        "mentoring.help_waiting", "mentoring.help_being_helped", "judging.sheets_in", "judging.teams")}
    assert shown == {
        "registrations.confirmed": "4", "registrations.capacity": "4", "registrations.waitlisted": "1",
        "registrations.cancelled": "1", "registrations.places_left": "0", "checkin.checked_in": "2",
        "checkin.expected": "4", "checkin.not_arrived": "2", "teams.teams": "2", "teams.people_in_teams": "3",
        "teams.without_team": "1", "teams.below_minimum": "1", "mentoring.slots_booked": "1",
        "mentoring.slots_offered": "3", "mentoring.slots_without_mentor": "1", "mentoring.help_waiting": "1",
        "mentoring.help_being_helped": "0", "judging.sheets_in": "0", "judging.teams": "2"}
    for target in (f"/events/{slug}/console/?status=waitlisted", f"/events/{slug}/console/?status=confirmed",
                   f"/events/{slug}/console/checkin/", f"/events/{slug}/console/teams/",
                   f"/events/{slug}/console/mentoring/#stats-title", f"/events/{slug}/console/judging/"):
        assert f'href="{target}"' in html, target
    # Each number is inside a link: no figure tile without its page.
    tiles = re.findall(r'<a class="stat" href="([^"]+)">', html)
    assert len(tiles) == html.count('class="stat"') == 17
    # The charts are drawn on the server (the page works without scripts) and have text alternatives.
    assert html.count("<rect ") == 3 + 12  # three quarter hours of arrivals, twelve hours of bookings
    assert "2 in total, most at 09:00 (1)." in html and "1 in total, most at 10:00 (1)." in html
    assert '<th scope="col">Arrivals</th>' in html
    assert 'role="img"' in html and 'aria-live="polite"' in html
    assert "js/overview.js" in html


def test_the_json_has_every_documented_field_and_is_never_cached(client, make, kit):
    seed(kit)
    _page, url = urls(kit)
    response = make.login(client, kit.organiser).get(url)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert set(body) == {"event", "generated_at", "timezone", *FIELDS}
    for section, fields in FIELDS.items():
        assert set(body[section]) == fields, section
    assert body["registrations"]["phase"] == "full" and body["checkin"]["checked_in"] == 2
    assert body["mentoring"]["help_waiting"] == 1 and body["teams"]["without_team"] == 1
    assert set(body["checkin"]["arrivals"][0]) == {"label", "count", "percent"}
    # Scripts and wall screens may use an API token instead of a session.
    token = make.token(kit.organiser)
    assert client.application.test_client().get(url, headers={"Authorization": f"Bearer {token}"}).get_json() \
        == {**body, "generated_at": ANY}


def test_only_organisers_get_the_overview(app, make, kit):
    page, url = urls(kit)
    participant, _registration = kit.person()
    for person in (participant, make.staff(kit.event, "mentor"), make.staff(kit.event, "jury")):
        client = make.login(app.test_client(), person)
        assert client.get(page).status_code == 403
        refused = client.get(url, headers={"Accept": "application/json"})
        assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "forbidden"
    anonymous = app.test_client()
    assert anonymous.get(page).status_code in (302, 401)
    assert "/login" in anonymous.get(page).headers.get("Location", "/login")
    refused = anonymous.get(url, headers={"Accept": "application/json"})
    assert refused.status_code == 401 and refused.get_json()["error"]["code"] == "unauthorized"
    other = make.event(slug="another-hack")
    assert make.login(app.test_client(), make.organiser_of(other)).get(page).status_code == 403


def test_the_overview_comes_first_in_the_console(client, make, kit):
    page, _url = urls(kit)
    make.login(client, kit.organiser)
    console = client.get(f"/events/{kit.event.slug}/console/teams/").get_data(as_text=True)
    bar = console[console.index('class="places-bar"'):]
    assert re.search(r'<a href="([^"]+)"', bar).group(1) == page  # the first place of an organiser's bar
    menu = console[console.index("<h2>Organiser console</h2>"):]
    assert re.search(r'<a href="([^"]+)"', menu).group(1) == page  # and of the console's places under "More"
    event_page = client.get(f"/events/{kit.event.slug}").get_data(as_text=True)
    assert re.search(r'<ul class="linklist"><li><a href="([^"]+)"', event_page).group(1) == page
    participant, _registration = kit.person()
    assert page not in make.login(client, participant).get(f"/events/{kit.event.slug}").get_data(as_text=True)


def bulk(kit, people: int, start: int) -> None:
    """Confirmed people (half checked in today, in teams of four), jurors and their sheets, booked slots, help."""
    now = utcnow()
    event = kit.event
    with unit_of_work():
        door = scanning.door_point(event)
        db.session.execute(insert(User), [
            {"email": f"bulk{start + i}@example.org", "name": f"Bulk {start + i}", "password_hash": "x"}
            for i in range(people)])
        user_ids = list(db.session.scalars(select(User.id).where(User.email.like("bulk%")).order_by(User.id)))
        user_ids = user_ids[-people:]
        db.session.execute(insert(Registration), [
            {"event_id": event.id, "user_id": uid, "status": "confirmed", "consent_data_version": "v1",
             "consent_data_at": now, "confirmed_at": now} for uid in user_ids])
        reg_ids = list(db.session.scalars(select(Registration.id).where(Registration.user_id.in_(user_ids))))
        db.session.execute(insert(Checkin), [
            {"event_id": event.id, "registration_id": rid, "point_id": door.id, "day": kit.today,
             "at": now - timedelta(minutes=n), "by_user_id": kit.organiser.id, "door": "Main"}
            for n, rid in enumerate(reg_ids[: people // 2])])
        groups = [user_ids[i:i + 4] for i in range(0, people, 4)]
        db.session.execute(insert(Team), [
            {"event_id": event.id, "name": f"Bulk team {start + n}", "invite_code": f"bulk-{start + n}",
             "member_count": len(group), "max_size": 5} for n, group in enumerate(groups)])
        team_ids = list(db.session.scalars(select(Team.id).where(Team.name.like("Bulk team %")).order_by(Team.id)))
        team_ids = team_ids[-len(groups):]
        db.session.execute(insert(TeamMembership), [
            {"event_id": event.id, "team_id": tid, "user_id": uid}
            for tid, group in zip(team_ids, groups, strict=True) for uid in group])
        jurors = user_ids[:3]
        db.session.execute(insert(Role), [{"event_id": event.id, "user_id": uid, "role": "jury"} for uid in jurors])
        db.session.execute(insert(ScoreSheet), [
            {"event_id": event.id, "juror_id": juror, "team_id": tid, "scores": {"impact": 5}}
            for juror in jurors for tid in team_ids])
        begins = now + timedelta(days=1)
        session_id = db.session.execute(insert(MentoringSession).returning(MentoringSession.id), [{
            "event_id": event.id, "title": "Bulk", "starts_at": begins, "ends_at": begins + timedelta(days=1),
            "slot_minutes": 10, "location": "Hall"}]).scalar_one()
        db.session.execute(insert(MentorSlot), [
            {"event_id": event.id, "session_id": session_id, "starts_at": begins + timedelta(minutes=10 * n),
             "ends_at": begins + timedelta(minutes=10 * n + 10), "status": "booked", "mentor_id": jurors[0],
             "team_id": tid, "booked_at": now - timedelta(minutes=7 * n), "version": 1}
            for n, tid in enumerate(team_ids)])
        db.session.execute(insert(HelpRequest), [
            {"event_id": event.id, "team_id": tid, "topic": "Help", "location": "T", "status": "waiting",
             "created_at": now - timedelta(minutes=n % 30), "version": 1} for n, tid in enumerate(team_ids)])


def test_the_page_and_the_json_do_not_grow_with_the_event(client, make, kit):
    clock.frozen = at(kit.today, 11)
    make.login(client, kit.organiser)
    views = urls(kit)
    bulk(kit, 8, 0)
    few = [count_queries(client, url) for url in views]
    bulk(kit, 400, 1000)
    many = [count_queries(client, url) for url in views]
    assert many == few, (few, many)
    body = client.get(views[1]).get_json()
    assert body["registrations"]["confirmed"] == 408 and body["checkin"]["checked_in"] == 204
    assert body["teams"]["teams"] == 102 and body["mentoring"]["help_waiting"] == 102
    assert body["judging"]["sheets_in"] == 3 * 2 + 3 * 100  # each bulk's three jurors scored its own teams
