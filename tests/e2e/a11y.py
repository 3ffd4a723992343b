"""Accessibility checks in browser tests: axe-core (from npm) on the page as a person sees it."""

from __future__ import annotations

SERIOUS = ("serious", "critical")


def violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the current page."""
    page.wait_for_load_state("load")  # a page still navigating has no document to inject into
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Served from our own origin: the Content-Security-Policy forbids inline and foreign scripts.
        page.add_script_tag(url="/static/vendor/axe.min.js")
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    return [v for v in found if v["impact"] in SERIOUS]


def assert_accessible(page) -> None:
    """Fail with the list of serious or critical violations, if any."""
    found = violations(page)
    assert found == [], f"{page.url}: " + "; ".join(f"{v['id']} ({v['impact']}): {v['nodes'][:3]}" for v in found)
