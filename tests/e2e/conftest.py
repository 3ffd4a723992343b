"""Browser tests: Playwright for Python driving the machine's Chromium (never a downloaded build)."""

from __future__ import annotations

import contextlib
import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 860}}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """new_context(phone=True, locale="en") -> a fresh browser context on the live server.

    Every page any of its tabs loads is checked with axe-core (`audited`): the test fails at the end with the
    violations found, so that no page a browser test visits goes unchecked.
    """
    contexts, found = [], []

    def make(phone: bool = True, locale: str = "en-GB", device: dict | None = None, **extra):
        context = browser.new_context(base_url=live_server.url, locale=locale,
                                      **(device or (PHONE if phone else LAPTOP)), **extra)
        context.set_default_timeout(10_000)
        audited(context, found)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        finish_audits(context)
        context.close()
    assert found == [], "axe-core found violations on pages the test visited:\n" + "\n".join(found)


def audited(context, found: list[str]) -> None:
    """Run axe-core on every HTML page the context loads, once it has loaded; violations go into `found`."""
    from tests.e2e.a11y import AUDIT_SCRIPT

    def report(source, url: str, violations: list[dict]) -> None:
        found.extend(f"{url}: {v['id']} ({v['impact']}): {v['nodes'][:3]}" for v in violations)

    context.expose_binding("__axeReport", report)
    context.add_init_script(AUDIT_SCRIPT)


def finish_audits(context) -> None:
    """Wait for the checks of the pages still open (a test may end right after a page loaded)."""
    from playwright.sync_api import Error

    from tests.e2e.a11y import wait_for_audit

    for page in context.pages:
        # A page that is closing, navigating or never loaded has nothing left to check.
        with contextlib.suppress(Error):
            wait_for_audit(page, timeout_ms=5_000)


def log_in(page, email: str, password: str) -> None:
    """Log in through the login form, as a person would."""
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def open_scanner(new_context, email: str, password: str, slug: str):
    """A door phone with its camera off (a handheld scanner types the codes), on the scanner page, live."""
    from playwright.sync_api import expect

    context = new_context(phone=True)
    context.add_init_script(f"localStorage.setItem('checkin-camera:{slug}', 'off')")
    page = context.new_page()
    log_in(page, email, password)
    page.goto(f"/events/{slug}/checkin/scan")
    expect(page.locator("body")).to_have_attribute("data-live-connected", "yes")
    return context, page
