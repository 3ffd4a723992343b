"""On phones: the agenda shows what is on now and next; an organiser's announcement appears at once on a
participant's and a mentor's open pages, and one to mentors reaches the mentor only."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from hackathon.accounts import services as accounts
from hackathon.events import registration as reg
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.programme import agenda
from hackathon.transactions import unit_of_work
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import log_in
from tests.e2e.markup import live_shapes, server_shapes
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.browser
SLUG = "programme-e2e"
FAKE_NOTIFICATIONS = """
window.__notes = []; window.__asked = 0;
window.Notification = class { constructor(title, options) { window.__notes.push(options.body); } };
window.Notification.permission = "default";
window.Notification.requestPermission = () => { window.__asked += 1; window.Notification.permission = "granted";
  return Promise.resolve("granted"); };
"""
ZONE = "Europe/Berlin"


def _item(event, title: str, kind: str, starts: dt.datetime, ends: dt.datetime) -> None:
    """An item at real moments (the live server's clock is the real one), written as the event's wall clock."""
    local_start, local_end = starts.astimezone(ZoneInfo(ZONE)), ends.astimezone(ZoneInfo(ZONE))
    agenda.create_item(event, agenda.ItemFields(
        title=title, kind=kind, day=local_start.date(), start=local_start.time().replace(second=0, microsecond=0),
        end=local_end.time().replace(second=0, microsecond=0), place="Main Hall"))


@pytest.fixture(scope="module")
def hackathon(live_db):
    now = dt.datetime.now(dt.UTC)
    today = now.astimezone(ZoneInfo(ZONE)).date()
    with live_db.app_context(), unit_of_work():
        event = create_event(SLUG, "Social Impact Hackathon", timezone=ZONE, capacity=30,
                             days=[today + dt.timedelta(days=i) for i in (-1, 0, 1)])
        organiser = accounts.create_user("olga@example.org", "Olga Organiser", PASSWORD)
        mentor = accounts.create_user("mia@example.org", "Mia Mentor", PASSWORD)
        ana = accounts.create_user("ana@example.org", "Ana Popescu", PASSWORD)
        grant_role(event, organiser, "organiser")
        grant_role(event, mentor, "mentor")
        reg.register(event, ana, reg.Profile(country="DE"), consent_data=True)
        _item(event, "Earlier talk", "plenary", now - dt.timedelta(hours=3), now - dt.timedelta(hours=2))
        _item(event, "Hacking sprint", "hacking", now - dt.timedelta(minutes=30), now + dt.timedelta(minutes=50))
        _item(event, "Pizza", "meal", now + dt.timedelta(hours=1), now + dt.timedelta(hours=2))
    return SLUG


def test_agenda_now_next_and_live_announcements(new_context, hackathon):
    ana = new_context(phone=True).new_page()
    log_in(ana, "ana@example.org", PASSWORD)
    ana.goto(f"/events/{hackathon}/programme")
    expect(ana.locator("body")).to_have_attribute("data-live-connected", "yes")
    expect(ana.locator(".agenda-item.is-now")).to_have_count(1)
    expect(ana.locator(".agenda-item.is-now")).to_contain_text("Hacking sprint")
    expect(ana.locator(".agenda-item.is-next")).to_contain_text("Pizza")
    expect(ana.locator(".agenda-item", has_text="Earlier talk")).to_have_class("agenda-item kind-plenary is-past")
    expect(ana.locator(".programme-now-next .now-items")).to_contain_text("Hacking sprint")
    expect(ana.get_by_role("button", name="Notify me")).to_be_visible()
    assert_accessible(ana)
    assert ana.evaluate("document.documentElement.scrollWidth") <= 390

    mia_context = new_context(phone=True)
    # A stand-in for the browser's Notification API: it records what the page shows, and grants on request.
    mia_context.add_init_script(FAKE_NOTIFICATIONS)
    mia = mia_context.new_page()
    log_in(mia, "mia@example.org", PASSWORD)
    mia.goto(f"/events/{hackathon}/announcements")
    expect(mia.locator("body")).to_have_attribute("data-live-connected", "yes")
    expect(mia.get_by_text("No announcements yet.")).to_be_visible()
    assert mia.evaluate("window.__asked") == 0  # permission is asked only on a click
    mia.get_by_role("button", name="Notify me").click()
    expect(mia.get_by_text("Notifications are on.")).to_be_visible()
    expect(mia.get_by_role("button", name="Notify me")).to_be_hidden()

    olga = new_context(phone=True).new_page()
    log_in(olga, "olga@example.org", PASSWORD)
    olga.goto(f"/events/{hackathon}/console/programme/")
    assert_accessible(olga)
    olga.goto(f"/events/{hackathon}/announcements")
    assert_accessible(olga)
    olga.get_by_label("Message").fill("Pizza is here, come to the courtyard!")
    olga.get_by_label("Send to").select_option(label="Everyone at the event")
    olga.get_by_role("button", name="Send").click()
    expect(olga.get_by_text("Announcement sent.")).to_be_visible()

    # Both open pages show it without a reload: a toast, and the mentor's list gains it.
    for page in (ana, mia):
        toast = page.locator(".programme-toast", has_text="Pizza is here")
        expect(toast).to_be_visible()
        expect(toast).to_contain_text("Olga Organiser")
    expect(mia.locator(".announcement", has_text="Pizza is here")).to_be_visible()
    assert mia.evaluate("window.__notes") == ["Pizza is here, come to the courtyard!"]
    expect(mia.get_by_text("No announcements yet.")).to_have_count(0)
    assert_accessible(mia)

    # One to mentors reaches the mentor, not the participant.
    olga.get_by_label("Message").fill("Mentors: the corner is free now.")
    olga.get_by_label("Send to").select_option(label="All mentors")
    olga.get_by_role("button", name="Send").click()
    expect(olga.get_by_text("Announcement sent.")).to_be_visible()
    expect(mia.locator(".programme-toast", has_text="Mentors: the corner")).to_be_visible()
    # Pinning the first moves it to the top of the mentor's list, live.
    olga.locator(".announcement", has_text="Pizza is here").get_by_role("button", name="Pin").click()
    expect(mia.locator(".announcement").first).to_contain_text("Pizza is here")
    expect(mia.locator(".announcement").first.locator(".announcement-pin")).to_be_visible()
    # One rendering: the cards the script inserted are the cards the server renders for them.
    assert live_shapes(mia, ".announcement") == server_shapes(mia, ".announcement")
    ana.wait_for_timeout(300)
    expect(ana.locator(".programme-toast", has_text="Mentors: the corner")).to_have_count(0)
    expect(ana.locator(".programme-toast")).to_have_count(1)  # the pin did not toast again
    ana.locator(".programme-toast").get_by_role("button", name="Dismiss").click()
    expect(ana.locator(".programme-toast")).to_have_count(0)
