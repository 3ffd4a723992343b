"""A newcomer on a phone signs up, registers with consent, switches to German; the organiser sees it live."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hackathon.accounts import services
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.transactions import unit_of_work
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import log_in
from tests.e2e.outbox import mailed_link
from tests.support.factories import PASSWORD, event_today

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hackathon(live_db):
    with live_db.app_context(), unit_of_work():
        event = create_event("sih", "Social Impact Hackathon", timezone="Europe/Berlin", capacity=30,
                             days=[event_today() + timedelta(days=i) for i in (1, 2, 3)], venue="Geisenhausen")
        organiser = services.create_user("orga@example.org", "Lena Hofbauer", PASSWORD)
        grant_role(event, organiser, "organiser")
    return "sih"


def test_sign_up_register_switch_language_and_be_found(new_context, live_db, live_server, hackathon):
    organiser = new_context(phone=False).new_page()
    log_in(organiser, "orga@example.org", PASSWORD)
    organiser.goto(f"/events/{hackathon}/console/")
    confirmed = organiser.locator('[data-count="confirmed"]')
    expect(confirmed).to_have_text("0")
    expect(organiser.locator("body")).to_have_attribute("data-live-connected", "yes")
    assert_accessible(organiser)

    phone = new_context(phone=True).new_page()
    phone.goto(f"/events/{hackathon}")
    phone.get_by_role("link", name="Sign up").click()
    phone.get_by_label("Your name").fill("Ioana Dumitrescu")
    phone.get_by_label("Email").fill("ioana@example.ro")
    phone.get_by_label("Password").fill("a good long password")
    phone.get_by_role("button", name="Create account").click()
    # No mail server here: the page says where the confirmation is, and the link in it lets this phone in.
    expect(phone.get_by_role("heading", name="Check your inbox")).to_be_visible()
    expect(phone.locator("[data-outbox]")).to_contain_text("outbox")
    assert_accessible(phone)
    phone.goto(mailed_link(live_db.tmp / "instance" / "outbox", "ioana@example.ro"))
    expect(phone.get_by_text("Your account is ready")).to_be_visible()

    assert_accessible(phone)
    phone.get_by_role("link", name="Register now").click()
    assert_accessible(phone)
    phone.get_by_label("Organisation").fill("Fundatia Alaturi De Voi")
    phone.get_by_label("Country").select_option("RO")
    phone.get_by_label("Skills").fill("ux design, storytelling")
    phone.get_by_label("Digital inclusion").check()
    phone.get_by_label("English").check()
    phone.get_by_label("Dietary needs").fill("vegetarian")
    phone.get_by_role("button", name="Register").click()
    # Without consent nothing is registered, and the page says why.
    expect(phone.get_by_text("only register you with your consent").first).to_be_visible()
    phone.get_by_label(re.compile("I agree that the organisers process my data")).check()
    phone.get_by_role("button", name="Register").click()
    expect(phone.get_by_text("You are registered!")).to_be_visible()
    expect(phone.locator(".pill.green")).to_have_text("Registered")
    assert_accessible(phone)

    # The organiser's counter moved without a reload.
    expect(confirmed).to_have_text("1")

    # The confirmation email went out (no SMTP configured: the outbox folder of the instance).
    outbox = Path(live_server.env["INSTANCE_PATH"]) / "outbox"
    assert any("ioana_at_example.ro" in p.name for p in outbox.glob("*.eml"))

    # Switch to German: the same page, in German, and it stays German.
    phone.get_by_role("button", name="DE").click()
    expect(phone.locator("html")).to_have_attribute("lang", "de")
    expect(phone.get_by_role("button", name="Abmelden")).to_be_visible()
    phone.reload()
    expect(phone.locator("html")).to_have_attribute("lang", "de")

    # Nothing on the phone page is wider than the screen.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390

    organiser.get_by_placeholder("Name, email or organisation").fill("alaturi")
    organiser.get_by_role("button", name="Filter").click()
    expect(organiser.get_by_text("Ioana Dumitrescu")).to_be_visible()
    expect(organiser.get_by_text("vegetarian")).to_be_visible()
