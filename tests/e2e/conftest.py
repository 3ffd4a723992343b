"""Browser tests: Playwright for Python driving the machine's Chromium (never a downloaded build)."""

from __future__ import annotations

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
    """new_context(phone=True, locale="en") -> a fresh browser context on the live server."""
    contexts = []

    def make(phone: bool = True, locale: str = "en-GB", **extra):
        context = browser.new_context(base_url=live_server.url, locale=locale, **(PHONE if phone else LAPTOP),
                                      **extra)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


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
