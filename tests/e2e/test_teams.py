"""On phones: one participant forms an open team, another sees it appear on the board live and joins;
a team whose members approve accepts a request, and the requester is told without reloading."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from hackathon.accounts import services as accounts
from hackathon.events import registration as reg
from hackathon.events.services import create_event
from hackathon.teams import challenges, services
from hackathon.transactions import unit_of_work
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import log_in
from tests.e2e.markup import card_shape
from tests.support.factories import PASSWORD, event_today

pytestmark = pytest.mark.browser
NAMES = {"ana": "Ana Popescu", "ben": "Ben Larsson", "cleo": "Cleo Rossi", "dora": "Dora Weber"}


@pytest.fixture(scope="module")
def hackathon(live_db):
    with live_db.app_context():
        with unit_of_work():
            event = create_event("teams-e2e", "Social Impact Hackathon", timezone="Europe/Berlin", capacity=30,
                                 days=[event_today() + timedelta(days=i) for i in (1, 2, 3)])
            people = {}
            for key, name in NAMES.items():
                people[key] = accounts.create_user(f"{key}@example.org", name, PASSWORD)
                reg.register(event, people[key], reg.Profile(country="DE", skills=["python"], languages=["en"]),
                             consent_data=True)
            challenge = challenges.create_challenge(event, challenges.ChallengeFields(
                title="Energy communities for co-ops", organisation="Coompanion", tags=["green"]), owner=None)
        with unit_of_work():
            services.create_team(event, people["dora"], services.TeamDraft(
                name="Quiet Makers", challenge_id=challenge.id, join_policy="request"))
    return "teams-e2e"


def test_form_a_team_others_see_it_live_and_join(new_context, hackathon):
    ben = new_context(phone=True).new_page()
    log_in(ben, "ben@example.org", PASSWORD)
    ben.goto(f"/events/{hackathon}/teams")
    expect(ben.locator("body")).to_have_attribute("data-live-connected", "yes")
    expect(ben.locator(".team-card")).to_have_count(1)
    assert_accessible(ben)

    ana = new_context(phone=True).new_page()
    log_in(ana, "ana@example.org", PASSWORD)
    ana.goto(f"/events/{hackathon}/teams")
    ana.get_by_role("link", name="Form a team").click()
    ana.get_by_label("Team name").fill("Green Coders")
    ana.get_by_label("One-line pitch").fill("Apps for energy co-ops")
    ana.get_by_label("Open roles").fill("ux design")
    ana.get_by_role("button", name="Form the team").click()
    expect(ana.get_by_text("is formed")).to_be_visible()

    # Ben's board shows the new team without a reload, and he joins it.
    card = ben.locator(".team-card", has_text="Green Coders")
    expect(card).to_be_visible()
    expect(card.locator(".team-places")).to_have_text("4 places left")
    # One rendering: the card the script inserted is the card the server renders for the same team.
    fresh = ben.context.new_page()
    fresh.goto(f"/events/{hackathon}/teams")
    assert card_shape(card) == card_shape(fresh.locator(".team-card", has_text="Green Coders"))
    fresh.close()
    card.get_by_role("link", name="Green Coders").click()
    ben.get_by_role("button", name="Join this team").click()
    expect(ben.get_by_text("Welcome to Green Coders!")).to_be_visible()
    assert_accessible(ben)
    assert ben.evaluate("document.documentElement.scrollWidth") <= 390

    # Ana's team page follows: Ben is a member now.
    ana.goto(ana.url)
    expect(ana.locator(".team-members")).to_contain_text("Ben Larsson")


def test_a_request_is_accepted_and_the_requester_is_told(new_context, hackathon):
    cleo = new_context(phone=True).new_page()
    log_in(cleo, "cleo@example.org", PASSWORD)
    cleo.goto(f"/events/{hackathon}/teams")
    cleo.locator(".team-card", has_text="Quiet Makers").get_by_role("link", name="Quiet Makers").click()
    cleo.get_by_label("A message to the team").fill("I can build the prototype")
    cleo.get_by_role("button", name="Ask to join").click()
    expect(cleo.get_by_text("Your request is sent")).to_be_visible()
    expect(cleo.locator("body")).to_have_attribute("data-live-connected", "yes")

    dora = new_context(phone=True).new_page()
    log_in(dora, "dora@example.org", PASSWORD)
    dora.goto(f"/events/{hackathon}/teams")
    dora.get_by_role("link", name="Quiet Makers").first.click()
    expect(dora.get_by_text("I can build the prototype")).to_be_visible()
    assert_accessible(dora)
    dora.get_by_role("button", name="Accept").click()
    expect(dora.get_by_text("Cleo Rossi is now in the team.")).to_be_visible()

    # Cleo, still on the team page, is told and sees herself among the members, without reloading.
    expect(cleo.get_by_text("Quiet Makers accepted your request")).to_be_visible()
    expect(cleo.locator(".team-members")).to_contain_text("Cleo Rossi")
