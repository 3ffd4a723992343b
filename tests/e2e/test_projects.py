"""Project pages in the browser: two phones edit one project at once (a teammate's save arrives live, a stale
save is told why and keeps its text), and a team walks from an empty project to its page in the public gallery."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from hackathon.accounts import services as accounts
from hackathon.clock import utcnow
from hackathon.events import registration as reg
from hackathon.events.models import Event
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.extensions import db
from hackathon.projects import deadline
from hackathon.teams.models import Challenge, Team, TeamMembership
from hackathon.transactions import unit_of_work
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import log_in
from tests.e2e.markup import live_shapes, server_shapes
from tests.support.factories import PASSWORD, event_today

pytestmark = pytest.mark.browser
SLUG = "projects-e2e"


def _team(event, name, users, challenge):
    team = Team(event_id=event.id, name=name, invite_code=f"e2e-{name.lower().replace(' ', '-')}", max_size=5,
                member_count=len(users), challenge_id=challenge.id)
    db.session.add(team)
    db.session.flush()
    db.session.add_all([TeamMembership(event_id=event.id, team_id=team.id, user_id=u.id) for u in users])


@pytest.fixture(scope="module")
def hackathon(live_db):
    with live_db.app_context(), unit_of_work():
        event = create_event(SLUG, "Social Impact Hackathon", timezone="Europe/Berlin", capacity=30,
                             days=[event_today() + timedelta(days=i) for i in (0, 1, 2)])
        organiser = accounts.create_user("lena@example.org", "Lena Hofbauer", PASSWORD)
        grant_role(event, organiser, "organiser")
        people = {}
        for email, name in (("ana@example.org", "Ana Popescu"), ("ben@example.org", "Ben de Vries"),
                            ("carla@example.org", "Carla Ruiz")):
            people[email] = accounts.create_user(email, name, PASSWORD)
            reg.register(event, people[email], reg.Profile(country="RO"), consent_data=True)
        challenge = Challenge(event_id=event.id, slug="forecast-the-surplus",
                              title="Forecast the surplus: fewer wasted tonnes at a city food bank")
        db.session.add(challenge)
        db.session.flush()
        _team(event, "Open Pantry", [people["ana@example.org"], people["ben@example.org"]], challenge)
        _team(event, "Meal Mappers", [people["carla@example.org"]], challenge)
        deadline.set_deadline(event, utcnow().replace(microsecond=0) + timedelta(days=2, hours=3))
    return SLUG


def open_editor(context, email: str):
    page = context.new_page()
    log_in(page, email, PASSWORD)
    page.goto(f"/events/{SLUG}/project")
    expect(page.locator("body")).to_have_attribute("data-live-connected", "yes")
    return page


def test_two_phones_edit_one_project_at_once(new_context, hackathon):
    ana = open_editor(new_context(phone=True), "ana@example.org")
    ben = open_editor(new_context(phone=True), "ben@example.org")
    expect(ana.locator("#countdown-left")).to_contain_text("left to submit")
    assert_accessible(ana)

    # Ana saves a first version; Ben's untouched fields fill in without a reload.
    ana.get_by_label("Title").fill("Prato Previsto")
    ana.get_by_label("Summary").fill("A forecast of tomorrow's donations for the food bank.")
    ana.get_by_role("button", name="Save", exact=True).click()
    expect(ana.locator("#project-status")).to_have_text("Saved.")
    expect(ben.get_by_label("Title")).to_have_value("Prato Previsto")
    expect(ben.get_by_label("Summary")).to_have_value("A forecast of tomorrow's donations for the food bank.")

    # Both edit the title at once: Ben's text stays, and his page flags Ana's change as it arrives.
    ben.get_by_label("Title").fill("Prato Previsto: Ben's take")
    ben.get_by_label("The problem and for whom").fill("Tonnes of fresh food are lost every month.")
    ana.get_by_label("Title").fill("Prato Previsto 2")
    ana.get_by_role("button", name="Save", exact=True).click()
    expect(ana.locator("#project-status")).to_have_text("Saved.")
    note = ben.locator('[data-note="title"]')
    expect(note).to_be_visible()
    expect(note).to_contain_text("Ana Popescu changed this")
    expect(note).to_contain_text("Prato Previsto 2")
    expect(ben.get_by_label("Title")).to_have_value("Prato Previsto: Ben's take")

    # Ben saves from the version he started with: he is told why, and keeps his text.
    ben.get_by_role("button", name="Save", exact=True).click()
    expect(ben.locator("#project-conflict")).to_contain_text("Someone changed this meanwhile")
    expect(ben.get_by_label("Title")).to_have_value("Prato Previsto: Ben's take")
    expect(ben.get_by_label("The problem and for whom")).to_have_value("Tonnes of fresh food are lost every month.")

    # Having compared, he saves again: now his version wins, and Ana's phone follows.
    ben.get_by_role("button", name="Save", exact=True).click()
    expect(ben.locator("#project-status")).to_have_text("Saved.")
    expect(ana.get_by_label("Title")).to_have_value("Prato Previsto: Ben's take")
    expect(ana.get_by_label("The problem and for whom")).to_have_value("Tonnes of fresh food are lost every month.")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 180), (22, 128, 107)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_team_walks_from_an_empty_project_to_its_gallery_page(new_context, hackathon):
    carla = open_editor(new_context(phone=True), "carla@example.org")
    expect(carla.get_by_label("Title")).to_have_value("")
    carla.get_by_label("Title").fill("Meal Map")
    carla.get_by_label("Summary").fill("Where the surplus is today, and which van can fetch it.")
    carla.get_by_label("The problem and for whom").fill("Volunteers drive empty vans while food spoils.")
    carla.get_by_label("What we built").fill("A map of today's donations and the vans' rounds.")
    carla.get_by_label("Address").first.fill("https://code.example.org/meal-mappers/meal-map")
    carla.get_by_role("button", name="Submit the project").click()
    expect(carla.locator("#project-status")).to_have_text("Submitted.")
    expect(carla.locator("#submitted-pill")).to_have_text("Submitted")

    # An image for the gallery, and consent with the name Carla chooses to show.
    carla.get_by_label("Slides (PDF) or an image (PNG, JPEG, WebP)").set_input_files(
        files=[{"name": "meal-map.png", "mimeType": "image/png", "buffer": _png()}])
    carla.get_by_role("button", name="Upload").click()
    expect(carla.locator("#file-list")).to_contain_text("meal-map.png")
    carla.get_by_role("button", name="Show it in the gallery").click()
    expect(carla.locator("#consent-state")).to_contain_text("agreed to show")
    carla.get_by_label("My name in the gallery").fill("Carla R.")
    carla.get_by_role("button", name="Save my name").click()
    expect(carla.locator(".flash.success")).to_contain_text("Carla R.")
    assert_accessible(carla)

    # The organiser publishes the gallery.
    console = new_context(phone=False).new_page()
    log_in(console, "lena@example.org", PASSWORD)
    console.goto(f"/events/{SLUG}/console/projects/")
    expect(console.locator("#submissions")).to_contain_text("Meal Map")
    console.get_by_label("The gallery is public").check()
    console.locator("#gallery-title").locator("xpath=..").get_by_role("button", name="Save").click()
    expect(console.locator(".flash.success")).to_contain_text("The gallery is public.")

    # Anyone, without logging in, finds it in the gallery and opens its page to share.
    visitor = new_context(phone=True).new_page()
    visitor.goto(f"/events/{SLUG}/gallery/")
    card = visitor.locator(".gallery-card", has_text="Meal Map")
    expect(card).to_contain_text("Carla R.")
    expect(visitor.locator("body")).not_to_contain_text("Carla Ruiz")
    card.get_by_role("link", name="Meal Map").click()
    expect(visitor.get_by_role("heading", name="Meal Map")).to_be_visible()
    expect(visitor.locator("article")).to_contain_text("Volunteers drive empty vans while food spoils.")
    expect(visitor.locator('meta[property="og:title"]')).to_have_attribute("content", "Meal Map")
    expect(visitor.locator('meta[property="og:image"]')).to_have_attribute("content", re.compile(r"meal-map\.png$"))
    image = visitor.locator(".project-images img").first
    expect(image).to_be_visible()
    assert visitor.evaluate("() => document.querySelector('.project-images img').naturalWidth") == 320
    assert_accessible(visitor)


def test_the_jurors_panel_draws_another_teams_project_as_the_server_does(new_context, hackathon, live_db):
    with live_db.app_context(), unit_of_work():
        event = db.session.execute(select(Event).where(Event.slug == SLUG)).scalar_one()
        grant_role(event, accounts.create_user("jo@example.org", "Jo Juror", PASSWORD), "jury")
        teams = dict(db.session.execute(select(Team.name, Team.id).where(Team.event_id == event.id)).all())
    juror = new_context(phone=True).new_page()
    log_in(juror, "jo@example.org", PASSWORD)
    juror.goto(f"/events/{SLUG}/judging/jury?team={teams['Open Pantry']}")
    expect(juror.locator("#project-panel")).to_be_visible()

    # The phone moves to Meal Mappers (as judging.js tells the panel): the panel draws their project (texts,
    # image, link) from its template, exactly as the server renders it for that team.
    juror.evaluate("(id) => document.dispatchEvent(new CustomEvent('judging:team', { detail: { team_id: id } }))",
                   teams["Meal Mappers"])
    body = juror.locator("#project-panel [data-panel-body]")
    expect(body).to_contain_text("A map of today's donations")
    expect(body.locator(".project-images img")).to_have_count(1)
    assert live_shapes(juror, "#project-panel [data-panel-body]") == server_shapes(
        juror, "#project-panel [data-panel-body]", url=f"/events/{SLUG}/judging/jury?team={teams['Meal Mappers']}")
