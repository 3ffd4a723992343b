"""Take the screenshots of docs/img/ from a running platform with the demo: `python scripts/screenshots.py URL`.

Name some (`python scripts/screenshots.py URL overview.png`) to take only those.

Start the server with LOGIN_RATE_LIMIT="1000 per minute": the script logs in once per screenshot.

A laptop for the organiser's console, and the phone pages no browser test walks. The other phone screenshots
come from the browser tests: `DOCS_SCREENSHOTS=1 .venv/bin/python -m pytest tests/e2e/test_phones.py
tests/e2e/test_from_nothing.py tests/e2e/test_expo.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "img"
SLUG = "social-impact-hackathon"
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
SHOTS = [
    ("register-phone.png", "participant1@demo.example", PHONE, f"/events/{SLUG}/register"),
    ("overview.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/overview"),
    ("console.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/"),
    ("people.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/people"),
    ("teams-console.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/teams/"),
    ("judging-console.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/judging/"),
    ("attendance.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/checkin/"),
    ("project-phone.png", "participant60@demo.example", PHONE, f"/events/{SLUG}/project"),
    ("projects-console.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/projects/"),
    ("tracks-console.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/judging/tracks"),
    ("impact.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/projects/impact"),
]


def main(url: str, only: list[str] | None = None) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for name, email, device, path in SHOTS:
            if only and name not in only:
                continue
            context = browser.new_context(base_url=url, locale="en-GB", **device)
            page = context.new_page()
            page.goto("/login")
            page.get_by_label("Email").fill(email)
            page.get_by_label("Password").fill("demo1234")
            page.get_by_role("button", name="Log in").click()
            page.wait_for_load_state("load")
            page.locator("button[name=lang][value=en]").click()  # some demo people prefer German; the docs are English
            page.wait_for_load_state("load")
            response = page.goto(path)
            if response is None or response.status != 200:
                print(f"skipped {name}: {path} answered {response.status if response else 'nothing'}")
                context.close()
                continue
            page.wait_for_timeout(600)
            page.screenshot(path=str(OUT / name), full_page=False)
            print(f"docs/img/{name}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5000", sys.argv[2:])
