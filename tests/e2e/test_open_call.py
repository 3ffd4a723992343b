"""An open call from an empty database: an administrator creates the event, its organiser switches it to open
call and asks a question, two people sign up and apply, the organiser accepts one and waitlists the other; the
accepted one sees they are in and gets the mail. Then the organiser sends an announcement by email to the
participants and watches the progress bar finish on a second page."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from hackathon.extensions import db
from hackathon.mailing.models import Mailing, MailingRecipient
from hackathon.opencall.models import Application
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import log_in
from tests.e2e.test_from_nothing import PASSWORD, flask, sign_up

pytestmark = pytest.mark.browser
SLUG = "open-call-hack"


@pytest.fixture(scope="module")
def live_server(live_db):
    """The live worker, sending mailings slowly (one mail every four seconds) so that progress can be watched."""
    from tests.support.live import LiveServer

    server = LiveServer(live_db.tmp, live_db, env={"MAILING_RATE": "0.25", "MAILING_BATCH": "1",
                                                   "MAILING_INTERVAL": "0.5"}).start()
    yield server
    server.stop()
    server.assert_clean_log()


def mailed(outbox: Path, to: str) -> list[email.message.EmailMessage]:
    """Every message the server wrote to its outbox for this address, oldest first."""
    found = [email.message_from_bytes(path.read_bytes(), policy=policy.default)
             for path in sorted(outbox.glob("*.eml"))]
    return [message for message in found if message["To"] == to]


def test_an_open_call_from_an_empty_database(new_context, live_db, live_server):
    outbox = live_db.tmp / "instance" / "outbox"
    flask(live_db, "users", "create", "ada@example.org", "--name", "Ada Admin", "--admin", "--password", PASSWORD)
    organiser = sign_up(new_context, live_db, "Olga Organiser", "olga@example.org", phone=False)

    # The administrator creates the event and names its organiser.
    admin = new_context(phone=False).new_page()
    log_in(admin, "ada@example.org", PASSWORD)
    admin.goto("/admin/events")
    admin.get_by_label("Name", exact=True).fill("Open Call Hack")
    admin.get_by_label("Short name (in links)").fill(SLUG)
    from hackathon.clock import local_today

    admin.get_by_label("First day").fill(local_today("Europe/Berlin").isoformat())
    admin.get_by_label("Organiser (email of an existing account)").fill("olga@example.org")
    admin.get_by_role("button", name="Create the event").click()
    admin.wait_for_url(f"**/events/{SLUG}/console/settings")

    # The organiser switches to open call in the settings, asks a question, and publishes.
    organiser.goto(f"/events/{SLUG}/console/settings")
    assert_accessible(organiser)
    organiser.get_by_label("How people get a place").select_option("open_call")
    organiser.get_by_role("button", name="Save admission").click()
    expect(organiser.locator(".flash.success")).to_contain_text("People now apply")
    organiser.get_by_label("Question", exact=True).fill("")
    organiser.get_by_role("button", name="Add the question").click()
    expect(organiser.locator("#label-error")).to_be_visible()  # bad input: said, nothing saved
    organiser.get_by_label("Question", exact=True).fill("What would you like to build?")
    organiser.get_by_label("Kind of answer").select_option("long_text")
    organiser.get_by_role("button", name="Add the question").click()
    expect(organiser.locator("#question-list")).to_contain_text("What would you like to build?")
    organiser.get_by_label("Question", exact=True).fill("Where are you from?")
    organiser.get_by_label("Kind of answer").select_option("country")
    organiser.get_by_role("button", name="Add the question").click()
    expect(organiser.locator("#question-list")).to_contain_text("Where are you from?")
    assert_accessible(organiser)
    organiser.goto(f"/events/{SLUG}/console/settings")
    organiser.get_by_role("button", name="Publish the event").click()
    expect(organiser.locator("#publication")).to_contain_text("Published")

    # Two people sign up (confirming their address) and apply.
    people = {}
    for name, address, country, idea in (("Ana Popescu", "ana@example.org", "RO", "A repair café booking tool"),
                                         ("Ben Larsson", "ben@example.org", "SE", "A tool library map")):
        page = sign_up(new_context, live_db, name, address)
        page.goto(f"/events/{SLUG}")
        page.get_by_role("link", name="Apply now").click()
        assert_accessible(page)
        page.get_by_label("What would you like to build?").fill(idea)
        page.get_by_label("Where are you from?").select_option(country)
        page.get_by_label("I agree that the organisers process my application", exact=False).check()
        page.get_by_role("button", name="Send my application").click()
        expect(page.locator(".flash.success")).to_contain_text("your application is in")
        expect(page.locator("#application-status")).to_contain_text("Submitted")
        people[name] = page

    # The organiser accepts Ana on her application's page and waitlists Ben from the list.
    organiser.goto(f"/events/{SLUG}/console/open-call/applications")
    expect(organiser.locator("table")).to_contain_text("Ben Larsson")
    assert_accessible(organiser)
    organiser.get_by_role("link", name="Ana Popescu").click()
    expect(organiser.locator("body")).to_contain_text("A repair café booking tool")
    organiser.get_by_label("Your score").select_option("5")
    organiser.get_by_label("Your notes").fill("Clear idea, strong team fit.")
    organiser.get_by_role("button", name="Save my review").click()
    expect(organiser.locator("#review-list")).to_contain_text("Clear idea")
    assert_accessible(organiser)
    organiser.get_by_role("combobox", name="Decision").select_option("accepted")
    organiser.get_by_role("button", name="Save the decision").click()
    expect(organiser.locator("#application-status")).to_have_text("Accepted")
    organiser.goto(f"/events/{SLUG}/console/open-call/applications")
    organiser.get_by_label("Pick Ben Larsson").check()
    organiser.get_by_label("For the ticked applications").select_option("waitlisted")
    organiser.get_by_role("button", name="Decide").click()
    expect(organiser.locator(".flash.success")).to_contain_text("1 application decided")

    ana, ben = people["Ana Popescu"], people["Ben Larsson"]
    ana.goto(f"/events/{SLUG}")
    expect(ana.locator("#registration")).to_contain_text("Registered")
    ben.goto(f"/events/{SLUG}")
    expect(ben.locator("#application-status")).to_contain_text("Waitlist")
    assert any("You are in" in m["Subject"] for m in mailed(outbox, "ana@example.org"))
    assert any("waitlist" in m["Subject"] for m in mailed(outbox, "ben@example.org"))

    # An announcement by email to the participants; a second page of the console follows it to the end.
    organiser.goto(f"/events/{SLUG}/announcements")
    organiser.get_by_label("Message").fill("Doors open at nine. Bring your laptop!")
    organiser.get_by_label("Also send it by email to").select_option("participants")
    organiser.get_by_role("button", name="Send").click()
    expect(organiser.locator(".flash.success")).to_contain_text("an email to 1 person is on its way")
    console = organiser.context.new_page()
    console.goto(f"/events/{SLUG}/console/mail/")
    expect(console.locator("body")).to_have_attribute("data-live-connected", "yes")
    progress = console.locator("[data-mailing]").first
    assert progress.get_attribute("data-status") == "sending"  # one mail every four seconds: not done yet
    console.evaluate("window.sameDocument = true")
    expect(progress).to_have_attribute("data-status", "done", timeout=20_000)
    expect(progress.locator("progress")).to_have_attribute("value", "1")
    expect(progress.locator('[data-field="status"]')).to_have_text("done")
    assert console.evaluate("window.sameDocument") is True  # updated live, not by reloading
    assert_accessible(console)
    console.locator("a", has_text="News from Open Call Hack").click()
    expect(console.locator("#send-log")).to_contain_text("ana@example.org")
    expect(console.locator("#send-log")).to_contain_text("delivered")
    assert any("Doors open at nine" in m.get_body(("plain",)).get_content() for m in mailed(outbox, "ana@example.org"))

    with live_db.app_context():
        statuses = dict(db.session.execute(select(Application.status, Application.id)).all())
        assert set(statuses) == {"accepted", "waitlisted"}
        mailing = db.session.scalar(select(Mailing))
        assert (mailing.status, mailing.total, mailing.sent_count) == ("done", 1, 1)
        assert db.session.scalar(select(MailingRecipient.status)) == "sent"
