"""The organiser's overview on a laptop follows the event live: a door person checks someone in on a phone, a team
books a mentor slot on another, and the overview's numbers and charts change without a reload. A storm of facts
costs few fetches, and a dropped connection fetches the figures again when it is back."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import pytest
import requests
from playwright.sync_api import expect

from hackathon.accounts import services as accounts
from hackathon.checkin import badges
from hackathon.clock import local_today
from hackathon.events import registration as reg
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.extensions import db
from hackathon.mentoring import grid, slots
from hackathon.teams.models import Team, TeamMembership
from hackathon.transactions import unit_of_work
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import log_in, open_scanner
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.browser
SLUG = "overview-e2e"
OVERVIEW = f"/events/{SLUG}/console/overview"


@pytest.fixture(scope="module")
def codes(live_db):
    """An event running today: Olga organises, Dora works the door, three people with badges (Ana in a team),
    and Maria has claimed one slot for tomorrow."""
    today = local_today("Europe/Berlin")
    with live_db.app_context(), unit_of_work():
        event = create_event(SLUG, "Social Impact Hackathon", timezone="Europe/Berlin", capacity=30,
                             days=[today, today + timedelta(days=1), today + timedelta(days=2)])
        for email, name in (("olga@example.org", "Olga Organiser"), ("dora@example.org", "Dora Door")):
            grant_role(event, accounts.create_user(email, name, PASSWORD), "organiser")
        found = {}
        for key, name in (("ana", "Ana Popescu"), ("ben", "Ben Larsson"), ("cleo", "Cleo Rossi")):
            user = accounts.create_user(f"{key}@example.org", name, PASSWORD)
            registration = reg.register(event, user, reg.Profile(country="DE"), consent_data=True)
            found[key] = badges.ensure_badge(registration).code
            if key == "ana":
                team = Team(event_id=event.id, name="Green Coders", invite_code="ov-green", max_size=5,
                            member_count=1)
                db.session.add(team)
                db.session.flush()
                db.session.add(TeamMembership(event_id=event.id, team_id=team.id, user_id=user.id))
        maria = accounts.create_user("maria@example.org", "Maria Mentor", PASSWORD)
        grant_role(event, maria, "mentor")
        made = grid.create_session(event, day=event.days[1].date, start=dt.time(10), end=dt.time(10, 30),
                                   slot_minutes=30, location="Mentoring Corner")
        db.session.flush()
        slot = next(s for s in grid.load_slots(event.id) if s.session_id == made.id)
        slots.claim(slot, maria, {"mentor"})
    return found


def open_overview(new_context):
    page = new_context(phone=False).new_page()
    log_in(page, "olga@example.org", PASSWORD)
    page.goto(OVERVIEW)
    expect(page.locator("body")).to_have_attribute("data-live-connected", "yes")
    return page


def figure(page, key: str):
    return page.locator(f'[data-figure="{key}"]')


def test_the_overview_follows_a_check_in_and_a_booking_without_a_reload(new_context, codes):
    overview = open_overview(new_context)
    expect(figure(overview, "checkin.checked_in")).to_have_text("0")
    expect(figure(overview, "checkin.expected")).to_have_text("3")
    expect(figure(overview, "mentoring.slots_booked")).to_have_text("0")
    expect(figure(overview, "mentoring.slots_offered")).to_have_text("1")
    expect(overview.get_by_text("No arrivals yet.")).to_be_visible()
    assert_accessible(overview)
    overview.evaluate("window.notReloaded = true")

    # At the door, on a phone whose camera stays off: Dora types Ana's badge code.
    _context, door = open_scanner(new_context, "dora@example.org", PASSWORD, SLUG)
    code = door.get_by_label("Badge code (handheld scanner or typing)")
    code.fill(codes["ana"])
    code.press("Enter")
    expect(door.locator("#verdict")).to_have_attribute("data-kind", "green")

    expect(figure(overview, "checkin.checked_in")).to_have_text("1")
    expect(figure(overview, "checkin.not_arrived")).to_have_text("2")
    arrivals = overview.locator('[data-chart="checkin.arrivals"]')
    expect(arrivals.locator("svg rect")).to_have_count(1)
    expect(arrivals.locator("[data-chart-summary]")).to_contain_text("1 in total")
    expect(overview.get_by_text("No arrivals yet.")).to_be_hidden()

    # Ana's team books Maria's slot on her phone.
    ana = new_context(phone=True).new_page()
    log_in(ana, "ana@example.org", PASSWORD)
    ana.goto(f"/events/{SLUG}/mentoring/")
    expect(ana.locator("body")).to_have_attribute("data-mentoring-synced", "yes")
    ana.locator('[data-slot-list="available"] .slot-card').first.get_by_role("button", name="Book").click()
    expect(ana.locator('[data-slot-list="ours"] .slot-card')).to_have_count(1)

    expect(figure(overview, "mentoring.slots_booked")).to_have_text("1")
    bookings = overview.locator('[data-chart="mentoring.bookings_per_hour"]')
    expect(bookings.locator("[data-chart-summary]")).to_contain_text("1 in total")
    expect(bookings.locator("[data-chart-rows] tr")).to_have_count(12)

    assert overview.evaluate("window.notReloaded") is True
    # Screen readers hear one polite summary of what changed, not every number.
    expect(overview.locator("#overview-announce")).to_contain_text("checked in 1", timeout=15_000)
    assert_accessible(overview)
    overview.locator(".chart-data summary").first.click()  # the numbers behind the chart, for everyone
    expect(arrivals.locator("[data-chart-rows] tr")).to_have_count(1)
    assert_accessible(overview)


def test_a_storm_of_facts_costs_few_fetches_and_a_reconnect_fetches_again(new_context, live_server, codes):
    overview = open_overview(new_context)
    fetched = []
    overview.on("request", lambda request: fetched.append(request.url) if "overview.json" in request.url else None)
    overview.wait_for_timeout(800)  # the catch-up fetch after the first connect
    fetched.clear()

    # Forty facts at once (as a busy door sends them): one or two fetches, not forty.
    overview.evaluate("""slug => {
        const listeners = Live.socket.listeners("checkin:stats");
        for (let i = 0; i < 40; i++) listeners.forEach(fn => fn({event: slug, day: "d", point: "p" + i}));
    }""", SLUG)
    overview.wait_for_timeout(1500)
    assert 1 <= len(fetched) <= 2, fetched
    # A fact of another event fetches nothing.
    fetched.clear()
    overview.evaluate("""() => Live.socket.listeners("checkin:stats").forEach(
        fn => fn({event: "another-event", day: "d", point: "x"}))""")
    overview.wait_for_timeout(800)
    assert fetched == []

    # While the socket is down, Ben is checked in through the API: no fact reaches the page ...
    before = int(figure(overview, "checkin.checked_in").inner_text())
    overview.evaluate("Live.socket.disconnect()")
    expect(overview.locator("body")).to_have_attribute("data-live-connected", "no")
    token = requests.post(f"{live_server.url}/api/v1/tokens",
                          json={"email": "dora@example.org", "password": PASSWORD}, timeout=10).json()["token"]
    answer = requests.post(f"{live_server.url}/api/v1/checkins", json={"code": codes["ben"]},
                           headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert answer.status_code == 201, answer.text
    overview.wait_for_timeout(700)
    expect(figure(overview, "checkin.checked_in")).to_have_text(str(before))
    # ... and the reconnect fetches the figures again.
    overview.evaluate("Live.socket.connect()")
    expect(figure(overview, "checkin.checked_in")).to_have_text(str(before + 1))


def test_the_overview_works_without_scripts_and_fits_a_phone(new_context, codes):
    page = new_context(phone=True, java_script_enabled=False).new_page()
    log_in(page, "olga@example.org", PASSWORD)  # the login form posts as any form does
    page.goto(OVERVIEW)
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible()
    expect(figure(page, "checkin.expected")).to_have_text("3")
    expect(page.locator('[data-chart="mentoring.bookings_per_hour"] svg rect')).to_have_count(12)
    expect(page.locator(".overview a.stat")).to_have_count(17)

    phone = new_context(phone=True).new_page()
    log_in(phone, "olga@example.org", PASSWORD)
    phone.goto(OVERVIEW)
    expect(phone.locator("body")).to_have_attribute("data-live-connected", "yes")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone)
