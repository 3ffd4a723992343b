"""The expo in browsers: two judges' phones walk the tables (next project, vote, undo, skip, break) while the
organiser's console, in a second context, follows the coverage and the provisional ranking live."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hackathon.accounts import services as accounts
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.expo import rounds
from hackathon.transactions import unit_of_work
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import log_in
from tests.judging.conftest import make_teams
from tests.support.factories import PASSWORD, event_today

pytestmark = pytest.mark.browser
SLUG = "expo-e2e"
# DOCS_SCREENSHOTS=1 writes the pictures of docs/expo.md to docs/img/ as the test takes them.
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


@pytest.fixture(scope="module")
def expo_round(live_db) -> int:
    """An event with an organiser, jurors ines@ and jonas@, six teams, and an open expo round over them."""
    with live_db.app_context():
        with unit_of_work():
            event = create_event(SLUG, "Social Impact Hackathon", timezone="Europe/Berlin", capacity=30,
                                 days=[event_today() + timedelta(days=i) for i in (0, 1, 2)])
            organiser = accounts.find_user("olga@example.org") or \
                accounts.create_user("olga@example.org", "Olga Organiser", PASSWORD)
            grant_role(event, organiser, "organiser")
            judges = []
            for key in ("ines", "jonas"):
                user = accounts.find_user(f"{key}@example.org") or \
                    accounts.create_user(f"{key}@example.org", key.title(), PASSWORD)
                grant_role(event, user, "jury")
                judges.append(user.id)
        make_teams(event, ["Alpha Co-op", "Beta Energy", "Gamma Care", "Delta Repair", "Epsilon Food", "Zeta Mobility"])
        with unit_of_work():
            expo_round = rounds.add_round(event, name="Expo hall", track_id=None, finalists=3, min_comparisons=2,
                                          judge_ids=judges)
        with unit_of_work():
            rounds.open_round(expo_round)
        return expo_round.id


def snap(page, name: str) -> None:
    if os.environ.get("DOCS_SCREENSHOTS"):
        page.screenshot(path=str(DOCS_IMG / name), full_page=True)


def phone_of(new_context, key: str):
    page = new_context(phone=True).new_page()
    log_in(page, f"{key}@example.org", PASSWORD)
    page.goto(f"/events/{SLUG}/expo/")
    expect(page.locator("body")).to_have_attribute("data-live-connected", "yes")
    # An open round sends the judge to a table at once.
    expect(page.locator("#expo-current-table")).to_have_text(re.compile(r"^T\d$"))
    return page


def test_two_judges_walk_the_expo_and_the_console_follows(new_context, expo_round):
    console = new_context(phone=False).new_page()
    console.on("dialog", lambda dialog: dialog.accept())
    log_in(console, "olga@example.org", PASSWORD)
    console.goto(f"/events/{SLUG}/console/expo/{expo_round}")
    expect(console.locator("body")).to_have_attribute("data-live-connected", "yes")

    ines, jonas = phone_of(new_context, "ines"), phone_of(new_context, "jonas")
    assert ines.locator("#expo-current-name").inner_text() != jonas.locator("#expo-current-name").inner_text()
    assert_accessible(ines)

    # Ines sees her first project, moves on, and compares the second with it.
    first = ines.locator("#expo-current-name").inner_text()
    ines.get_by_role("button", name="Seen: next project").click()
    expect(ines.locator("#expo-previous-name")).to_have_text(first)
    second = ines.locator("#expo-current-name").inner_text()
    ines.get_by_label("Why (optional)").fill("Talked to real users")
    ines.get_by_role("button", name="This one is better").click()
    expect(ines.locator("#expo-status")).to_have_text("Vote saved.")
    expect(ines.locator("#expo-votes")).to_have_text("1")
    expect(ines.locator("#expo-previous-name")).to_have_text(second)
    expect(ines.locator("#expo-undo-winner")).to_have_text(second)
    snap(ines, "expo-phone.png")
    expect(console.locator("#expo-vote-count")).to_have_text("1")
    expect(console.locator("#expo-ranking tbody tr").first).to_contain_text(second)

    # She taps the wrong button next: undo puts her back before the same two projects.
    third = ines.locator("#expo-current-name").inner_text()
    ines.get_by_role("button", name="Previous was better").click()
    expect(ines.locator("#expo-votes")).to_have_text("2")
    expect(console.locator("#expo-vote-count")).to_have_text("2")
    ines.get_by_role("button", name="Undo my last vote").click()
    expect(ines.locator("#expo-status")).to_have_text("Your last vote is undone.")
    expect(ines.locator("#expo-votes")).to_have_text("1")
    expect(ines.locator("#expo-current-name")).to_have_text(third)
    expect(ines.locator("#expo-previous-name")).to_have_text(second)
    expect(console.locator("#expo-vote-count")).to_have_text("1")

    # Jonas finds his team absent, then takes a break: the console shows where everyone is.
    absent = jonas.locator("#expo-current-name").inner_text()
    jonas.get_by_role("button", name="Skip: team absent").click()
    expect(jonas.locator("#expo-status")).to_have_text("Skipped: on to another project.")
    expect(jonas.locator("#expo-current-name")).not_to_have_text(absent)
    jonas.get_by_role("button", name="I'm on a break").click()
    expect(jonas.locator("#expo-break-panel")).to_be_visible()
    expect(console.locator("#expo-judges tbody tr", has_text="Jonas")).to_contain_text("on a break")
    jonas.get_by_role("button", name="I'm back: next project").click()
    expect(jonas.locator("#expo-current-panel")).to_be_visible()
    expect(console.locator("#expo-judges tbody tr", has_text="Jonas")).not_to_contain_text("on a break")
    snap(console, "expo-console.png")

    # The organiser closes the round: the phones say so at once.
    console.get_by_role("button", name="Close the round").click()
    expect(ines.locator("#expo-round-state")).to_have_attribute("data-state", "closed")
    expect(ines.locator("#expo-current-panel")).to_be_hidden()
    expect(jonas.locator("#expo-undo-panel")).to_be_hidden()
