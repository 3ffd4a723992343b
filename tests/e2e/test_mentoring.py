"""On two phones side by side: a mentor claims a slot and the participant sees it without reloading, books it,
and the mentor sees the booking arrive; then a help request goes from post to claim to resolve to rating."""

from __future__ import annotations

import datetime as dt
import json
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from hackathon.accounts import services as accounts
from hackathon.events import registration as reg
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.extensions import db
from hackathon.mentoring import grid, settings
from hackathon.teams.models import Team, TeamMembership
from hackathon.transactions import unit_of_work
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import log_in
from tests.e2e.markup import live_shapes, server_shapes
from tests.support.factories import PASSWORD, event_today

pytestmark = pytest.mark.browser
SLUG = "mentoring-e2e"


@pytest.fixture(scope="module")
def hackathon(live_db):
    with live_db.app_context(), unit_of_work():
        event = create_event(SLUG, "Social Impact Hackathon", timezone="Europe/Berlin", capacity=30,
                             days=[event_today() + timedelta(days=i) for i in (1, 2, 3)])
        maria = accounts.create_user("maria@example.org", "Maria Mentor", PASSWORD)
        grant_role(event, maria, "mentor")
        settings.save_profile(event, maria, expertise="fundraising, impact measurement",
                              bio="Impact investor.")
        ana = accounts.create_user("ana@example.org", "Ana Popescu", PASSWORD)
        reg.register(event, ana, reg.Profile(country="RO"), consent_data=True)
        team = Team(event_id=event.id, name="Green Coders", invite_code="e2e-green", max_size=5, member_count=1)
        db.session.add(team)
        db.session.flush()
        db.session.add(TeamMembership(event_id=event.id, team_id=team.id, user_id=ana.id))
        grid.create_session(event, day=event.days[0].date, start=dt.time(10), end=dt.time(11), slot_minutes=30,
                            location="Mentoring Corner")
    return SLUG


def open_page(context, email: str, path: str):
    page = context.new_page()
    log_in(page, email, PASSWORD)
    page.goto(path)
    expect(page.locator("body")).to_have_attribute("data-live-connected", "yes")
    expect(page.locator("body")).to_have_attribute("data-mentoring-synced", "yes")
    return page


def assert_same_cards(page, selector: str) -> None:
    """The cards the page's script drew equal those the server renders for the same state."""
    shown = live_shapes(page, selector)
    assert shown
    assert json.dumps(shown, indent=1).splitlines() == json.dumps(server_shapes(page, selector), indent=1).splitlines()


def test_claim_book_and_help_live_on_two_phones(new_context, hackathon):
    mentor = open_page(new_context(phone=True), "maria@example.org", f"/events/{hackathon}/mentoring/mentor")
    ana = open_page(new_context(phone=True), "ana@example.org", f"/events/{hackathon}/mentoring/")
    available = ana.locator('[data-slot-list="available"] .slot-card')
    expect(available).to_have_count(0)
    expect(mentor.locator('[data-slot-list="open"] .slot-card')).to_have_count(2)
    assert_accessible(mentor)
    assert_accessible(ana)

    # The mentor claims the first slot; it appears on Ana's phone without a reload.
    mentor.locator('[data-slot-list="open"] .slot-card').first.get_by_role("button", name="Claim").click()
    expect(mentor.locator('[data-slot-list="agenda"] .slot-card')).to_have_count(1)
    expect(available).to_have_count(1)
    expect(available.first).to_contain_text("Maria Mentor")
    expect(available.first).to_contain_text("fundraising")

    # Ana books it with a note; the booking arrives on the mentor's phone.
    available.first.get_by_label("Note for the mentor").fill("Is our revenue model realistic?")
    available.first.get_by_role("button", name="Book").click()
    expect(ana.locator('[data-slot-list="ours"] .slot-card')).to_have_count(1)
    expect(available).to_have_count(0)
    agenda = mentor.locator('[data-slot-list="agenda"] .slot-card').first
    expect(agenda).to_contain_text("Green Coders")
    expect(agenda).to_contain_text("Is our revenue model realistic?")
    expect(mentor.get_by_text("New booking: Green Coders")).to_be_visible()
    # One rendering: the cards the script drew are the cards the server renders for the same slot.
    assert_same_cards(mentor, '[data-slot-list="agenda"] .slot-card')
    assert_same_cards(ana, '[data-slot-list="ours"] .slot-card')

    # A help request: posted by Ana, claimed and resolved by the mentor, rated by Ana.
    ana.get_by_label("What do you need help with?").fill("Our demo won't run on the laptop")
    ana.get_by_label("Where do you sit?").fill("Table 7")
    ana.get_by_role("button", name="Ask a mentor").click()
    expect(ana.locator('[data-help-list="team"] .help-card')).to_contain_text("waiting")
    queued = mentor.locator('[data-help-list="queue"] .help-card', has_text="Our demo won't run")
    expect(queued).to_be_visible()
    queued.get_by_role("button", name="I'm on it").click()
    expect(ana.get_by_text("Maria Mentor is on the way.").first).to_be_visible()
    expect(queued.get_by_role("button", name="Resolved")).to_be_visible()
    assert_same_cards(mentor, '[data-help-list="queue"] .help-card')
    assert_same_cards(ana, '[data-help-list="team"] .help-card')
    queued.get_by_role("button", name="Resolved").click()
    expect(mentor.locator('[data-help-list="queue"] .help-card')).to_have_count(0)
    mine = ana.locator('[data-help-list="team"] .help-card').first
    expect(mine).to_contain_text("resolved")
    mine.get_by_label("Rate").select_option("5")
    mine.get_by_role("button", name="Rate").click()
    expect(mine).to_contain_text("Rated 5/5")
    assert_same_cards(ana, '[data-help-list="team"] .help-card')

    for page in (mentor, ana):
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
