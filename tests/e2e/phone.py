"""What a page must be on a 360 px phone: no sideways scroll, the current place in sight, big enough tap targets.

Tap targets (WCAG 2.5.5, 44 × 44 CSS px) are, precisely: every link, button and summary inside a `nav`; every
button (and submit or button input) inside a `form`; every element styled as a button (`.button`) anywhere.
Exempt, as WCAG allows: links inside a sentence (any other `a`), controls a person cannot see (no box, or
visually hidden at 1 px), and the native check boxes and radio buttons (their labels are the targets).
"""

from __future__ import annotations

PHONE_360 = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
             "has_touch": True}
MIN_TARGET = 44

_SMALL_TARGETS = """(min) => {
  const selector = "nav a, nav button, nav summary, form button, form input[type=submit], form input[type=button], "
                 + ".button";
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    if (Math.round(box.width) < min || Math.round(box.height) < min) {
      const name = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40);
      small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return small;
}"""

_CURRENT_PLACE = """() => {
  const current = document.querySelector(".places-bar > li > a[aria-current=page]");
  if (!current) return null;
  const box = current.getBoundingClientRect();
  return {label: current.innerText.trim(), inView: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight
          && box.right <= innerWidth && box.width > 0};
}"""


_CUT_OFF = """() => {
  const cut = [];
  // A wide table may scroll inside its own frame on a phone (the page does not); anything else must fit.
  const scrolls = el => el.closest(".table-wrap") && !el.closest(".table.responsive");
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= innerWidth + 1 || box.left < 0) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;  // e.g. inside a closed <details>
    if (getComputedStyle(el).position === "fixed" || scrolls(el)) continue;
    if ([...el.children].some(child => child.getBoundingClientRect().right > innerWidth + 1)) continue;
    const text = (el.innerText || "").trim().slice(0, 30);
    cut.push(`${el.tagName.toLowerCase()}.${el.className} "${text}" to ${Math.round(box.right)}`);
  }
  return cut;
}"""


def cut_off(page) -> list[str]:
    """Elements reaching past the right edge of the screen (cut off or scrolling sideways), innermost ones."""
    return page.evaluate(_CUT_OFF)


def sideways_overflow(page) -> int:
    """How many CSS pixels the page is wider than the screen (0 when nothing scrolls sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def small_targets(page) -> list[str]:
    """The tap targets (see the module's docstring) smaller than 44 × 44 px, described."""
    return page.evaluate(_SMALL_TARGETS, MIN_TARGET)


def current_place(page) -> dict | None:
    """The navigation's current place ({label, inView}), None when the bar marks none."""
    return page.evaluate(_CURRENT_PLACE)


def place_links(page) -> list[tuple[str, str]]:
    """Every place of the navigation (the bar's and the "More" menu's): (label, path), in order, once each."""
    found = page.evaluate("""() => [...document.querySelectorAll("nav.places a")]
        .map(a => [a.textContent.trim(), new URL(a.href).pathname])""")
    seen, places = set(), []
    for label, path in found:
        if path not in seen:
            seen.add(path)
            places.append((label, path))
    return places
