"""The pitch session in browsers: the organiser (laptop) moves to the next team, three jurors' phones follow,
they score, progress fills live on the organiser's page, the organiser closes and reveals, the projector shows it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from hackathon.accounts import services as accounts
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.judging import session
from hackathon.transactions import unit_of_work
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import log_in
from tests.judging.conftest import add_criteria, make_teams
from tests.support.factories import PASSWORD, event_today

pytestmark = pytest.mark.browser
SLUG = "judging-e2e"
JURY = ("ines", "jonas", "karin")


def arrange(live_db, slug: str, people: tuple[str, ...]) -> str:
    """An event with scoring open, an organiser olga@, jurors <key>@, three teams in the pitch order."""
    with live_db.app_context():
        with unit_of_work():
            event = create_event(slug, "Social Impact Hackathon", timezone="Europe/Berlin", capacity=30,
                                 days=[event_today() + timedelta(days=i) for i in (0, 1, 2)])
            organiser = accounts.find_user("olga@example.org") or \
                accounts.create_user("olga@example.org", "Olga Organiser", PASSWORD)
            grant_role(event, organiser, "organiser")
            for key in people:
                grant_role(event, accounts.create_user(f"{key}@example.org", key.title(), PASSWORD), "jury")
        make_teams(event, ["Alpha Co-op", "Beta Energy", "Gamma Care"])
        add_criteria(event)
        with unit_of_work():
            session.fill_pitch_order(event)
        with unit_of_work():
            session.open_scoring(event)
    return slug


@pytest.fixture(scope="module")
def hackathon(live_db):
    return arrange(live_db, SLUG, JURY)


def score(page, impact: str, pitch: str, comment: str) -> None:
    page.get_by_label("Social impact").fill(impact)
    page.get_by_label("Pitch", exact=False).first.fill(pitch)
    page.get_by_label("Comment for the team").fill(comment)
    page.get_by_role("button", name="Save scores").click()
    expect(page.locator("#save-status")).to_have_text("Saved")


def test_pitch_session_scoring_progress_and_reveal(new_context, hackathon):
    organiser = new_context(phone=False).new_page()
    organiser.on("dialog", lambda dialog: dialog.accept())
    log_in(organiser, "olga@example.org", PASSWORD)
    organiser.goto(f"/events/{SLUG}/console/judging/")
    expect(organiser.locator("body")).to_have_attribute("data-live-connected", "yes")

    projector_context = new_context(phone=False)
    projector = projector_context.new_page()
    log_in(projector, "olga@example.org", PASSWORD)
    projector.goto(f"/events/{SLUG}/console/judging/projector")
    expect(projector.locator("body")).to_have_attribute("data-live-connected", "yes")

    phones = []
    for key in JURY:
        phone = new_context(phone=True).new_page()
        log_in(phone, f"{key}@example.org", PASSWORD)
        phone.goto(f"/events/{SLUG}/judging/jury")
        expect(phone.locator("body")).to_have_attribute("data-live-connected", "yes")
        phones.append(phone)
    assert_accessible(phones[0])

    # The organiser starts the first pitch: every phone and the projector follow without a reload.
    organiser.get_by_role("button", name="Next team: Alpha Co-op").click()
    organiser.get_by_role("button", name="Start pitch timer").click()
    expect(projector.locator("#judging-current")).to_have_text("Alpha Co-op")
    expect(projector.locator("#judging-timer")).to_contain_text("Pitch 4:")
    for phone in phones:
        expect(phone.locator("#score-team-name")).to_have_text("Alpha Co-op")
        expect(phone.locator("#judging-current")).to_have_text("Alpha Co-op")

    alpha = organiser.locator('#judging-progress tr', has_text="Alpha Co-op")
    for index, phone in enumerate(phones):
        score(phone, str(8 - index), "4", f"Strong idea {index}")
        expect(alpha.locator(".scored")).to_have_text(str(index + 1))
    expect(alpha.locator(".expected")).to_have_text("3")
    expect(phones[0].locator("#jury-progress .scored")).to_have_text("1")
    assert phones[0].evaluate("document.documentElement.scrollWidth") <= 390

    organiser.get_by_role("button", name="Next team: Beta Energy").click()
    for index, phone in enumerate(phones):
        expect(phone.locator("#score-team-name")).to_have_text("Beta Energy")
        score(phone, str(3 + index), "2", "")
    expect(organiser.locator('#judging-progress tr', has_text="Beta Energy").locator(".scored")).to_have_text("3")
    assert_accessible(organiser)

    # The pitch order is one form whose buttons each post to their own address.
    organiser.get_by_role("button", name="Move Gamma Care up").click()
    expect(organiser.locator(".pitch-order .pitch-name")).to_have_text(["Alpha Co-op", "Gamma Care", "Beta Energy"])
    organiser.get_by_role("button", name="Pitching now: Gamma Care").click()
    for phone in phones:
        expect(phone.locator("#judging-current")).to_have_text("Gamma Care")

    organiser.get_by_role("button", name="Close scoring").click()
    expect(phones[0].locator("#judging-state")).to_have_text("closed")
    organiser.goto(f"/events/{SLUG}/console/judging/results")
    organiser.get_by_role("button", name="Reveal the next place").click()
    expect(projector.locator("#ranking-list li")).to_have_count(1)
    expect(projector.locator("#ranking-list li").first).to_contain_text("Beta Energy")
    organiser.get_by_role("button", name="Reveal the next place").click()
    expect(projector.locator("#ranking-list li")).to_have_count(2)
    expect(projector.locator("#ranking-list li").first).to_contain_text("Alpha Co-op")
    expect(projector.locator("#projector-pitch")).to_be_hidden()


def test_a_phone_without_connection_keeps_the_sheet_and_sends_it_when_back(new_context, live_db):
    slug = arrange(live_db, "judging-offline", ("lena",))
    phone = new_context(phone=True).new_page()
    log_in(phone, "lena@example.org", PASSWORD)
    phone.goto(f"/events/{slug}/judging/jury")
    expect(phone.locator("body")).to_have_attribute("data-live-connected", "yes")
    phone.evaluate("Live.socket.disconnect()")
    expect(phone.locator("body")).to_have_attribute("data-live-connected", "no")
    expect(phone.locator("#score-team-name")).to_have_text("Alpha Co-op")
    phone.get_by_label("Social impact").fill("6")
    phone.get_by_label("Pitch", exact=False).first.fill("3")
    phone.get_by_role("button", name="Save scores").click()
    expect(phone.locator("#save-status")).to_contain_text("Kept on this phone")

    # The phone reloads (or the browser restarts) while offline: the sheet is still there, and goes out when connected.
    phone.reload()
    expect(phone.locator("#save-status")).to_have_text("Saved")
    expect(phone.locator('#jury-teams li[data-team-id] .team-mark').first).to_have_text("scored")
    assert phone.evaluate(f"localStorage.getItem('judging-outbox:{slug}:' + "
                          "document.getElementById('jury-page').dataset.juror)") == "{}"
    with live_db.app_context():
        from sqlalchemy import select

        from hackathon.extensions import db
        from hackathon.judging.models import ScoreSheet

        (sheet,) = db.session.scalars(select(ScoreSheet).join(ScoreSheet.juror)
                                      .where(ScoreSheet.juror.has(email="lena@example.org"))).all()
        assert sheet.scores == {"impact": 6, "pitch": 3} and sheet.version == 1
