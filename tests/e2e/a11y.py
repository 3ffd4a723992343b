"""Accessibility checks in browser tests: axe-core (from npm) on the page as a person sees it.

Every page a browser test opens is checked: tests/e2e/conftest.py runs `assert_accessible` after each page load
of every browser context (see `audited`), so a test cannot forget it. 0 violations of any impact.
"""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe.min.js"
# Injected into every document of an audited browser context (before the page's own scripts, past the CSP):
# axe-core, and a run once the page has loaded whose violations go to the test through `__axeReport`.
AUDIT_SCRIPT = AXE.read_text(encoding="utf-8") + """
;(function () {
  if (window.top !== window || document.contentType !== "text/html") return;
  window.__axeDone = new Promise(function (resolve) {
    window.addEventListener("load", function () {
      setTimeout(function () {
        axe.run(document, {resultTypes: ["violations"]}).then(function (result) {
          return window.__axeReport(location.href, result.violations.map(function (v) {
            return {id: v.id, impact: v.impact, nodes: v.nodes.map(function (n) { return n.target.join(" "); })};
          }));
        }).catch(function () {}).then(function () { window.__axeFinished = true; resolve(); });
      }, 0);
    });
  });
})();
"""


def wait_for_audit(page, timeout_ms: int = 15_000) -> None:
    """Wait until the automatic check of the page shown has finished (at once on a page that has none)."""
    page.wait_for_function("() => window.__axeDone === undefined || window.__axeFinished === true",
                           timeout=timeout_ms)


def violations(page) -> list[dict]:
    """axe-core's violations on the current page, of any impact."""
    page.wait_for_load_state("load")  # a page still navigating has no document to inject into
    wait_for_audit(page)  # axe runs one check at a time: let the automatic one finish
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Served from our own origin: the Content-Security-Policy forbids inline and foreign scripts.
        page.add_script_tag(url="/static/vendor/axe.min.js")
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )


def assert_accessible(page) -> None:
    """Fail with the list of violations, if any."""
    found = violations(page)
    assert found == [], f"{page.url}: " + "; ".join(f"{v['id']} ({v['impact']}): {v['nodes'][:3]}" for v in found)
