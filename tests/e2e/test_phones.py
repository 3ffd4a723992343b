"""Every role on a 360 × 740 phone (touch), on the demo event: each lands on its own home after logging in, and
every place its navigation offers (the bar and the "More" menu) fits the screen: no sideways scroll, nothing cut
off at the right edge, the current place visible in the bar, tap targets of at least 44 × 44 px (which ones:
tests/e2e/phone.py), and axe-core finds nothing (checked on every page load by tests/e2e/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hackathon.clock import local_today
from hackathon.demo.seeding import DOMAIN, SLUG, first_day, seed
from tests.e2e.conftest import log_in
from tests.e2e.phone import PHONE_360, current_place, cut_off, place_links, sideways_overflow, small_targets

pytestmark = pytest.mark.browser
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
PASSWORD = "demo1234"
EVENT = f"/events/{SLUG}"
HOMES = {
    "participant1": EVENT,
    "mentor1": f"{EVENT}/mentoring/mentor",
    "jury1": f"{EVENT}/judging/jury",
    "door": f"{EVENT}/checkin/scan",
    "organiser": f"{EVENT}/console/overview",
}
# The phone screenshots of the README and docs, taken on the walk when DOCS_SCREENSHOTS is set (the laptop ones:
# scripts/screenshots.py): (who, path) -> file in docs/img/.
SHOTS = {
    ("participant1", EVENT): "event-phone.png",
    ("participant1", f"{EVENT}/challenges/"): "challenges-phone.png",
    ("participant1", f"{EVENT}/teams"): "board-phone.png",
    ("participant1", f"{EVENT}/mentoring/"): "booking-phone.png",
    ("participant1", f"{EVENT}/badge"): "badge-phone.png",
    ("participant1", f"{EVENT}/programme"): "programme-phone.png",
    ("mentor1", f"{EVENT}/mentoring/mentor"): "mentor-phone.png",
    ("jury1", f"{EVENT}/judging/jury"): "jury-phone.png",
    ("door", f"{EVENT}/checkin/scan"): "scanner-phone.png",
    ("organiser", f"{EVENT}/gallery/"): "gallery-phone.png",
}


@pytest.fixture(scope="module")
def demo(live_db):
    """The demo event as `make run` seeds it (its sizes, around today); and the email of a participant still
    without a team."""
    from sqlalchemy import select

    from hackathon.accounts.models import User
    from hackathon.extensions import db
    from hackathon.teams.models import TeamMembership

    with live_db.app_context():
        seed(participants=120, mentors=12, jurors=5, password=PASSWORD, start=first_day(local_today("Europe/Berlin")))
        in_teams = select(TeamMembership.user_id)
        return db.session.scalar(select(User.email).where(User.email.like("participant%"), User.id.not_in(in_teams))
                                 .order_by(User.id))


def phone(new_context):
    context = new_context(device=PHONE_360)
    context.add_init_script(f"localStorage.setItem('checkin-camera:{SLUG}', 'off')")  # the door phone's camera
    return context.new_page()


def problems(page) -> list[str]:
    """What is wrong with the page shown, on a phone."""
    found = []
    if (wider := sideways_overflow(page)) > 0:
        found.append(f"scrolls sideways by {wider} px")
    if cut := cut_off(page):
        found.append(f"cut off at the right edge: {cut[:3]}")
    place = current_place(page)
    if place is None or not place["inView"]:
        found.append(f"current place not visible in the navigation: {place}")
    if small := small_targets(page):
        found.append(f"tap targets under 44 px: {small[:5]}")
    return found


@pytest.mark.parametrize("who", list(HOMES))
def test_every_place_of_each_role_fits_a_phone(new_context, demo, who):
    page = phone(new_context)
    log_in(page, f"{who}@{DOMAIN}", PASSWORD)
    assert page.url.endswith(HOMES[who]), f"{who} landed on {page.url}"
    places = place_links(page)
    assert len(places) >= 3, places
    report = {}
    for label, path in places:
        response = page.goto(path)
        assert response is not None and response.status == 200, f"{label}: {path}"
        page.wait_for_load_state("load")
        if found := problems(page):
            report[f"{label} ({path})"] = found
        if os.environ.get("DOCS_SCREENSHOTS") and (who, path) in SHOTS:
            page.wait_for_timeout(500)  # live data in, fonts settled
            page.screenshot(path=str(DOCS_IMG / SHOTS[who, path]))
    assert report == {}, f"{who} on a 360 px phone: {report}"


def test_more_menu_lists_every_place_and_keeps_the_current_one_in_the_bar(new_context, demo):
    page = phone(new_context)
    log_in(page, f"organiser@{DOMAIN}", PASSWORD)
    bar = page.locator(".places-bar > li > a:visible")
    expect(bar).to_have_count(3)
    page.get_by_text("More").click()
    sheet = page.locator(".places-sheet")
    expect(sheet).to_be_visible()
    assert small_targets(page) == [] and sideways_overflow(page) <= 0
    sheet.get_by_role("link", name="Audit log").click()
    page.wait_for_url(f"**{EVENT}/console/audit/")
    current = page.locator(".places-bar > li > a[aria-current=page]")
    expect(current).to_have_text("Audit log")
    expect(current).to_be_in_viewport()
    expect(sheet).to_be_hidden()


def test_errors_are_summarised_at_the_top_focused_and_linked(new_context, demo):
    page = phone(new_context)
    log_in(page, demo, PASSWORD)
    page.goto(f"{EVENT}/teams/new")
    page.get_by_label("Team name").fill("")
    page.get_by_role("button", name="Form the team").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    link = summary.get_by_role("link").first
    target = link.get_attribute("href")
    link.click()
    expect(page.locator(target)).to_be_focused()
    assert problems(page) == []
