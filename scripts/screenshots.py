"""Take the screenshots of docs/img/ from a running platform with the demo: `python scripts/screenshots.py URL`.

Name some (`python scripts/screenshots.py URL overview.png`) to take only those.

Start the server with LOGIN_RATE_LIMIT="1000 per minute": the script logs in once per screenshot.

Phones for participants, mentors, jurors and door staff; a laptop for the organiser's console.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "img"
SLUG = "social-impact-hackathon"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
SHOTS = [
    ("event-phone.png", "participant1@demo.example", PHONE, f"/events/{SLUG}"),
    ("register-phone.png", "participant1@demo.example", PHONE, f"/events/{SLUG}/register"),
    ("overview.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/overview"),
    ("console.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/"),
    ("people.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/people"),
    ("challenges-phone.png", "participant1@demo.example", PHONE, f"/events/{SLUG}/challenges/"),
    ("board-phone.png", "participant110@demo.example", PHONE, f"/events/{SLUG}/teams"),
    ("teams-console.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/teams/"),
    ("mentor-phone.png", "mentor1@demo.example", PHONE, f"/events/{SLUG}/mentoring/mentor"),
    ("booking-phone.png", "participant1@demo.example", PHONE, f"/events/{SLUG}/mentoring/"),
    ("jury-phone.png", "jury1@demo.example", PHONE, f"/events/{SLUG}/judging/jury"),
    ("judging-console.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/judging/"),
    ("scanner-phone.png", "organiser@demo.example", PHONE, f"/events/{SLUG}/checkin/scan"),
    ("attendance.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/checkin/"),
    ("badge-phone.png", "participant1@demo.example", PHONE, f"/events/{SLUG}/badge"),
    ("programme-phone.png", "participant1@demo.example", PHONE, f"/events/{SLUG}/programme"),
    ("project-phone.png", "participant60@demo.example", PHONE, f"/events/{SLUG}/project"),
    ("projects-console.png", "organiser@demo.example", LAPTOP, f"/events/{SLUG}/console/projects/"),
    ("gallery-phone.png", "organiser@demo.example", PHONE, f"/events/{SLUG}/gallery/"),
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
            page.wait_for_load_state("networkidle")
            page.locator("button[name=lang][value=en]").click()  # some demo people prefer German; the docs are English
            page.wait_for_load_state("networkidle")
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
