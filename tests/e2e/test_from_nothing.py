"""A real event from an empty database, no demo: the first administrator (command line) creates the event, an
organiser configures it, people register, form a team and book a mentor, door staff check them in on a phone,
the team pitches and a juror scores it on a phone, in German.

DOCS_SCREENSHOTS=1 writes the pictures of docs/organisers.md to docs/img/ as the test takes them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from hackathon.checkin.models import Checkin
from hackathon.clock import local_today
from hackathon.events.models import Event
from hackathon.extensions import db
from hackathon.judging.models import ScoreSheet
from hackathon.mentoring.models import MentorSlot
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import log_in
from tests.e2e.outbox import mailed_link
from tests.support.live import ROOT

pytestmark = pytest.mark.browser
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
PASSWORD = "a good long password"
SLUG = "spring-impact-hack"


def snap(page, name: str) -> None:
    if os.environ.get("DOCS_SCREENSHOTS"):
        page.screenshot(path=str(DOCS_IMG / name), full_page=True)


def flask(live_db, *args: str) -> str:
    """Run `flask --app app …` against the live server's database, as whoever installs the platform would."""
    env = {**os.environ, "DATABASE_URL": live_db.url, "INSTANCE_PATH": str(live_db.tmp / "instance")}
    env.pop("TEST_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def sign_up(new_context, live_db, name: str, email: str, phone: bool = True, locale: str = "en-GB"):
    """A person makes their own account on the sign-up page and confirms the address with the mailed link;
    returns their logged-in page."""
    page = new_context(phone=phone, locale=locale).new_page()
    page.goto("/signup")
    page.locator("input[name=name]").fill(name)
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.locator("[data-outbox]").wait_for()  # "check your inbox", and where the message is (no mail server)
    page.goto(mailed_link(live_db.tmp / "instance" / "outbox", email))
    page.wait_for_load_state()
    return page


def test_a_real_event_from_an_empty_database(new_context, live_db, live_server):
    today = local_today("Europe/Berlin")
    tomorrow = today + dt.timedelta(days=1)
    last = today + dt.timedelta(days=2)

    # 1. Nothing yet: the first administrator is made on the command line.
    assert "No events yet" in flask(live_db, "events", "list")
    assert "platform administrator" in flask(live_db, "users", "create", "ada@example.org", "--name", "Ada Admin",
                                             "--admin", "--password", PASSWORD)
    # The others make their own accounts.
    organiser = sign_up(new_context, live_db, "Olga Organiser", "olga@example.org", phone=False)
    for name, email in (("Maria Mentor", "maria@example.org"), ("Dora Door", "dora@example.org")):
        sign_up(new_context, live_db, name, email).context.close()
    juror = sign_up(new_context, live_db, "Jonas Juror", "jonas@example.org", locale="de-DE")

    # 2. The administrator creates the event in the console and names its organiser.
    admin = new_context(phone=False).new_page()
    log_in(admin, "ada@example.org", PASSWORD)
    admin.get_by_role("link", name="Platform").click()
    admin.get_by_label("Name", exact=True).fill("Spring Impact Hack")
    admin.get_by_label("Short name (in links)").fill("Not a slug!")
    admin.get_by_label("First day").fill(today.isoformat())
    admin.get_by_label("Organiser (email of an existing account)").fill("olga@example.org")
    admin.get_by_role("button", name="Create the event").click()
    expect(admin.locator("#slug-error")).to_contain_text("lower-case letters")  # bad input: said, nothing made
    admin.get_by_label("Short name (in links)").fill(SLUG)
    admin.get_by_role("button", name="Create the event").click()
    admin.wait_for_url(f"**/events/{SLUG}/console/settings")
    admin.goto("/admin/events")
    expect(admin.locator("table")).to_contain_text("Spring Impact Hack")
    assert_accessible(admin)
    snap(admin, "setup-admin.png")

    # 3. The organiser configures it: texts and translations, phases, rooms, a challenge, criteria, agenda, staff.
    organiser.goto(f"/events/{SLUG}/console/settings")
    organiser.get_by_label("Tagline", exact=True).fill("Three days for the social economy's green and digital leap")
    organiser.get_by_label("Description", exact=True).fill(
        "Teams of developers, designers and social entrepreneurs build tools for real challenges.")
    organiser.get_by_label("City", exact=True).fill("Landshut")
    organiser.get_by_label("Capacity", exact=True).fill("20")
    organiser.locator("fieldset.checks label", has_text="German").locator("input").check()
    organiser.get_by_label("Judging opens", exact=True).fill(f"{today.isoformat()}T00:00")
    organiser.get_by_label("Judging closes", exact=True).fill(f"{today.isoformat()}T00:00")
    organiser.get_by_role("button", name="Save settings").click()
    expect(organiser.locator(".flash.error")).to_contain_text("Judging would close")  # contradiction: refused
    organiser.get_by_label("Judging closes", exact=True).fill(f"{last.isoformat()}T23:00")
    organiser.get_by_label("Check-in opens", exact=True).fill(f"{today.isoformat()}T00:00")
    organiser.get_by_label("Check-in closes", exact=True).fill(f"{last.isoformat()}T20:00")
    organiser.get_by_role("button", name="Save settings").click()
    expect(organiser.locator(".flash.success")).to_contain_text("Settings saved")
    organiser.get_by_text("Translations · German").click()
    organiser.get_by_label("Tagline (German)").fill("Drei Tage für den grünen und digitalen Sprung")
    organiser.get_by_role("button", name="Save settings").click()
    expect(organiser.locator(".flash.success")).to_contain_text("Settings saved")
    assert_accessible(organiser)
    snap(organiser, "setup-settings.png")

    organiser.goto(f"/events/{SLUG}/console/rooms")
    for room, seats in (("Main hall", "120"), ("Mentoring corner", "12")):
        organiser.get_by_label("Room", exact=True).fill(room)
        organiser.get_by_label("Seats", exact=True).fill(seats)
        organiser.get_by_role("button", name="Add the room").click()
        expect(organiser.locator("table")).to_contain_text(room)

    organiser.goto(f"/events/{SLUG}/console/challenges/")
    organiser.get_by_label("…or a new organisation").fill("Sonnenland Bürgerenergie eG")
    organiser.get_by_label("Title").fill("Energy sharing for a village co-op")
    organiser.get_by_label("Summary", exact=True).fill("Let members see and share their solar power.")
    organiser.get_by_role("button", name="Pose the challenge").click()
    expect(organiser.locator("table")).to_contain_text("Sonnenland Bürgerenergie eG")
    assert_accessible(organiser)
    snap(organiser, "setup-challenges.png")

    organiser.goto(f"/events/{SLUG}/console/judging/criteria/new")
    organiser.get_by_label("Key", exact=True).fill("impact")
    organiser.get_by_label("Name", exact=True).fill("Social impact")
    organiser.get_by_label("Weight", exact=True).fill("2")
    organiser.get_by_label("Lowest score", exact=True).fill("1")
    organiser.get_by_label("Highest score", exact=True).fill("5")
    organiser.get_by_label("What the scores mean", exact=False).first.fill("1: no clear benefit\n5: changes lives")
    organiser.get_by_text("Translations · German").click()
    organiser.get_by_label("Name (German)").fill("Soziale Wirkung")
    organiser.get_by_label("What the scores mean (German)").fill("1: kein klarer Nutzen\n5: verändert Leben")
    organiser.get_by_role("button", name="Save").click()

    organiser.goto(f"/events/{SLUG}/console/programme/")
    organiser.get_by_label("Title", exact=True).fill("Pitches and awards")
    organiser.get_by_label("Kind", exact=True).select_option("pitch")
    organiser.get_by_label("Day", exact=True).select_option(last.isoformat())
    organiser.get_by_label("Starts", exact=True).fill("14:00")
    organiser.get_by_label("Ends", exact=True).fill("17:00")
    organiser.get_by_label("Place", exact=True).fill("Main hall")
    organiser.get_by_role("button", name="Add to the agenda").click()
    expect(organiser.locator("body")).to_contain_text("Pitches and awards")

    organiser.goto(f"/events/{SLUG}/console/people")
    for email, role in (("maria@example.org", "mentor"), ("jonas@example.org", "jury"), ("dora@example.org", "door")):
        organiser.get_by_label("Email of an existing account").fill(email)
        organiser.locator("#grant-role").select_option(role)
        organiser.get_by_role("button", name="Give role").click()
        expect(organiser.locator(".flash.success")).to_be_visible()
    organiser.goto(f"/events/{SLUG}/console/settings")
    organiser.get_by_role("button", name="Publish the event").click()
    expect(organiser.locator("#publication")).to_contain_text("Published")

    # 4. The mentor gives hours; the organiser turns them into the grid.
    mentor = new_context(phone=True).new_page()
    log_in(mentor, "maria@example.org", PASSWORD)
    mentor.goto(f"/events/{SLUG}/mentoring/profile")
    mentor.locator("#hours").get_by_label("Day", exact=True).select_option(tomorrow.isoformat())
    mentor.locator("#hours").get_by_label("From").fill("10:00")
    mentor.locator("#hours").get_by_label("Until").fill("11:00")
    mentor.get_by_role("button", name="Add these hours").click()
    expect(mentor.locator("#hours")).to_contain_text("10:00")
    organiser.goto(f"/events/{SLUG}/console/mentoring/")
    organiser.locator("#mentor-hours").get_by_label("Place").fill("Mentoring corner")
    organiser.get_by_role("button", name="Generate the grid from mentors' hours").click()
    expect(organiser.locator(".flash.success")).to_contain_text("2 slots claimed")
    snap(organiser, "setup-mentoring.png")

    # 5. People register the ordinary way, form a team and book the mentor.
    ana = sign_up(new_context, live_db, "Ana Popescu", "ana@example.org")
    ben = sign_up(new_context, live_db, "Ben Larsson", "ben@example.org")
    for page, country in ((ana, "RO"), (ben, "SE")):
        page.goto(f"/events/{SLUG}")
        expect(page.locator(".lead")).to_have_text("Three days for the social economy's green and digital leap")
        page.get_by_role("link", name="Register now").click()
        page.get_by_label("Country", exact=True).select_option(country)
        page.get_by_label("I agree that the organisers process my data", exact=False).check()
        page.get_by_role("button", name="Register").click()
        expect(page.locator(".flash.success")).to_contain_text("You are registered")
    ana.goto(f"/events/{SLUG}/teams")
    ana.get_by_role("link", name="Form a team").click()
    ana.get_by_label("Team name", exact=True).fill("Solar Sharers")
    ana.get_by_role("button", name="Form the team").click()
    ben.goto(f"/events/{SLUG}/teams")
    ben.get_by_role("link", name="Solar Sharers").first.click()
    ben.get_by_role("button", name="Join this team").click()
    expect(ben.locator("body")).to_contain_text("Ana Popescu")
    ana.goto(f"/events/{SLUG}/mentoring/")
    expect(ana.locator("body")).to_have_attribute("data-live-connected", "yes")
    available = ana.locator('[data-slot-list="available"] .slot-card')
    expect(available).to_have_count(2)
    available.first.get_by_role("button", name="Book").click()
    expect(ana.locator('[data-slot-list="ours"] .slot-card')).to_have_count(1)

    # 6. Door staff, on a phone, land on the scanner and check Ana in; today's attendance follows.
    ana.goto(f"/events/{SLUG}/badge")
    code = ana.locator(".badge-code").inner_text()
    door_context = new_context(phone=True)
    door_context.add_init_script(f"localStorage.setItem('checkin-camera:{SLUG}', 'off')")
    door = door_context.new_page()
    log_in(door, "dora@example.org", PASSWORD)
    expect(door).to_have_url(f"{live_server.url}/events/{SLUG}/checkin/scan")
    expect(door.locator("body")).to_have_attribute("data-live-connected", "yes")
    door.get_by_label("Badge code (handheld scanner or typing)").fill(code)
    door.get_by_role("button", name="Check in").click()
    expect(door.locator("#verdict-title")).to_have_text("Welcome")
    expect(door.locator("#verdict-name")).to_have_text("Ana Popescu")
    snap(door, "door-phone.png")
    door.get_by_role("button", name="Next").click()
    door.goto(f"/events/{SLUG}/checkin/today")
    expect(door.locator("#stat-in")).to_have_text("1")
    expect(door.locator(".not-arrived")).to_contain_text("Ben Larsson")
    assert_accessible(door)
    door.goto(f"/events/{SLUG}/console/")
    expect(door.locator("body")).to_contain_text("You need to be")  # nothing else of the console

    # 7. The team pitches; the juror scores it on a phone, reading the criterion in German.
    organiser.goto(f"/events/{SLUG}/console/judging/")
    organiser.get_by_role("button", name="Add teams missing from the order").click()
    organiser.get_by_role("button", name="Open scoring").click()
    organiser.get_by_role("button", name="Next team: Solar Sharers").click()
    juror.goto(f"/events/{SLUG}/judging/jury")
    expect(juror.locator("#score-team-name")).to_have_text("Solar Sharers")
    expect(juror.locator("label[for=score-impact]")).to_contain_text("Soziale Wirkung")
    juror.locator("#help-impact summary").click()
    expect(juror.locator("#help-impact")).to_contain_text("verändert Leben")
    juror.locator("#score-impact").fill("4")
    juror.locator("#score-save").click()
    expect(juror.locator("#save-status")).not_to_have_text(re.compile(r"(…|^)$"))  # saved, not still saving
    snap(juror, "jury-phone-de.png")

    with live_db.app_context():
        event = db.session.scalar(select(Event).where(Event.slug == SLUG))
        assert event.published and event.translations["de"]["tagline"].startswith("Drei Tage")
        assert db.session.scalar(select(func.count()).select_from(Checkin).where(Checkin.event_id == event.id)) == 1
        assert db.session.scalar(select(func.count()).select_from(MentorSlot).where(
            MentorSlot.event_id == event.id, MentorSlot.status == "booked")) == 1
        (sheet,) = db.session.scalars(select(ScoreSheet).where(ScoreSheet.event_id == event.id))
        assert sheet.scores == {"impact": 4}
