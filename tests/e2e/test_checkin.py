"""At the door, on phones: the camera reads a badge (a fake camera fed the badge's QR) and the person is
checked in (green), a second pass reads amber, and the organisers' attendance page follows live; a scanner
that goes offline queues typed scans and sends them when the connection is back, showing what failed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from hackathon.accounts import services as accounts
from hackathon.checkin import badges
from hackathon.clock import local_today
from hackathon.events import registration as reg
from hackathon.events.roles import grant_role
from hackathon.events.services import create_event
from hackathon.transactions import unit_of_work
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, log_in, open_scanner
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.browser
SLUG = "door-e2e"


@pytest.fixture(scope="module")
def codes(live_db):
    today = local_today("Europe/Berlin")
    with live_db.app_context(), unit_of_work():
        event = create_event(SLUG, "Social Impact Hackathon", timezone="Europe/Berlin", capacity=30,
                             days=[today, today + timedelta(days=1), today + timedelta(days=2)])
        grant_role(event, accounts.create_user("door@example.org", "Dora Door", PASSWORD), "organiser")
        found = {}
        for key, name, diet in (("ana", "Ana Popescu", "vegan"), ("ben", "Ben Larsson", ""),
                                ("cleo", "Cleo Rossi", "")):
            user = accounts.create_user(f"{key}@example.org", name, PASSWORD)
            registration = reg.register(event, user, reg.Profile(country="DE", dietary=diet), consent_data=True)
            found[key] = badges.ensure_badge(registration).code
    return found


def write_y4m(path, text: str, frames: int = 5) -> None:
    """A YUV4MPEG2 4:2:0 video of a few identical 640x480 frames showing the QR code of `text`."""
    import qrcode
    from PIL import Image

    qr = qrcode.make(text, box_size=8, border=4).convert("L")
    side = min(440, qr.size[0])
    canvas = Image.new("L", (640, 480), 255)
    canvas.paste(qr.resize((side, side), Image.NEAREST), ((640 - side) // 2, (480 - side) // 2))
    y, cb, cr = canvas.convert("RGB").convert("YCbCr").split()
    frame = b"FRAME\n" + y.tobytes() + cb.resize((320, 240)).tobytes() + cr.resize((320, 240)).tobytes()
    path.write_bytes(b"YUV4MPEG2 W640 H480 F5:1 Ip A1:1 C420\n" + frame * frames)


@pytest.fixture(scope="module")
def browser(codes, tmp_path_factory):
    """A Chromium whose camera shows Ana's badge (overrides the plain browser of tests/e2e/conftest.py)."""
    from playwright.sync_api import sync_playwright

    video = tmp_path_factory.mktemp("camera") / "badge.y4m"
    write_y4m(video, codes["ana"])
    camera = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
              f"--use-file-for-fake-video-capture={video}"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + camera)
        yield browser
        browser.close()


def test_the_camera_checks_a_badge_in_and_the_second_pass_is_amber(new_context, codes):
    console = new_context(phone=False).new_page()
    log_in(console, "door@example.org", PASSWORD)
    console.goto(f"/events/{SLUG}/console/checkin/")
    expect(console.locator("body")).to_have_attribute("data-live-connected", "yes")
    expect(console.locator("#stat-in")).to_have_text("0")
    assert_accessible(console)

    door = new_context(phone=True).new_page()
    log_in(door, "door@example.org", PASSWORD)
    door.goto(f"/events/{SLUG}/checkin/scan")
    verdict = door.locator("#verdict")
    expect(verdict).to_have_attribute("data-kind", "green", timeout=20_000)
    expect(verdict).to_contain_text("Ana Popescu")
    expect(verdict).to_contain_text("vegan")
    assert door.evaluate("typeof BarcodeDetector") == "undefined"  # decoded by qr-scanner's worker

    # The organisers' page follows without a reload.
    expect(console.locator("#stat-in")).to_have_text("1")
    expect(console.locator("#stat-missing")).to_have_text("2")

    # The badge is still in front of the camera: once the verdict is gone, the next pass reads amber.
    expect(verdict).to_have_attribute("data-kind", "amber", timeout=20_000)
    expect(verdict).to_contain_text("Already checked in")
    expect(verdict).to_contain_text("Dora Door")
    expect(console.locator("#stat-in")).to_have_text("1")


def test_offline_scans_wait_and_are_sent_when_back(new_context, codes):
    # This door works with a handheld scanner: its camera stays off.
    context, page = open_scanner(new_context, "door@example.org", PASSWORD, SLUG)
    expect(page.locator("#scanner")).to_have_attribute("data-camera", "off")

    context.set_offline(True)
    code = page.get_by_label("Badge code (handheld scanner or typing)")
    for typed in (codes["ben"], "SIH1-not-a-badge", codes["cleo"]):
        code.fill(typed)
        code.press("Enter")
        expect(page.locator("#verdict")).to_have_attribute("data-kind", "queued")
        page.locator("#verdict-next").click()
    expect(page.locator("#queue-count")).to_have_text("3")
    assert page.evaluate(f"JSON.parse(localStorage.getItem('checkin-queue:{SLUG}')).length") == 3

    context.set_offline(False)
    log = page.locator("#scan-log")
    expect(page.locator("#queue-box")).to_be_hidden(timeout=20_000)
    expect(log.locator("[data-synced=green]", has_text="Ben Larsson")).to_have_count(1)
    expect(log.locator("[data-synced=green]", has_text="Cleo Rossi")).to_have_count(1)
    expect(log.locator("[data-synced=red]", has_text="Unknown badge")).to_have_count(1)
    assert page.evaluate(f"JSON.parse(localStorage.getItem('checkin-queue:{SLUG}')).length") == 0

    # Back online, a typed scan answers at once: Ben is already in.
    code.fill(codes["ben"])
    code.press("Enter")
    expect(page.locator("#verdict")).to_have_attribute("data-kind", "amber")


def test_participant_badge_stays_on_the_phone(new_context, codes):
    context = new_context(phone=True)
    page = context.new_page()
    log_in(page, "cleo@example.org", PASSWORD)
    page.goto(f"/events/{SLUG}/badge")
    expect(page.locator("#badge-qr")).to_be_visible()
    assert page.evaluate(f"JSON.parse(localStorage.getItem('badge:{SLUG}')).code") == codes["cleo"]
    assert page.evaluate("document.getElementById('badge-qr').naturalWidth") > 100
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
