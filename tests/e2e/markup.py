"""A card's markup as a comparable shape, to prove that a card a script inserted is the server's card."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

# Tags, classes, attributes and text, children in order; whitespace between tags does not count, nor the
# classes that only animate an update, nor CSRF tokens (each is signed with the time it was made).
_SHAPE_OF = """function shapeOf(node, ignored) {
  const skipClasses = new Set(["flash-update"]);
  function shape(n) {
    if (n.nodeType === Node.TEXT_NODE) {
      const text = n.textContent.replace(/\\s+/g, " ").trim();
      return text ? text : null;
    }
    if (n.nodeType !== Node.ELEMENT_NODE) return null;
    const attrs = {};
    for (const a of n.attributes) {
      if (ignored.includes(a.name)) continue;
      if (a.name === "value" && n.getAttribute("name") === "csrf_token") continue; // signed with the time
      attrs[a.name] = a.name === "class"
        ? a.value.split(/\\s+/).filter((c) => c && !skipClasses.has(c)).sort().join(" ")
        : a.value;
    }
    const children = [];
    n.childNodes.forEach((c) => { const s = shape(c); if (s !== null) children.push(s); });
    return [n.tagName.toLowerCase(), attrs, children];
  }
  return shape(node);
}"""


def card_shape(card: Locator, ignore: tuple[str, ...] = ()) -> list:
    """The nested [tag, attributes, children] of a card, without the attributes named in `ignore`."""
    return card.evaluate(f"(node, ignored) => {{ {_SHAPE_OF}; return shapeOf(node, ignored); }}", list(ignore))


def live_shapes(page: Page, selector: str, ignore: tuple[str, ...] = ()) -> list:
    """The shapes of the cards the page shows now (as its scripts left them)."""
    return page.evaluate(f"""([selector, ignored]) => {{ {_SHAPE_OF};
      return Array.from(document.querySelectorAll(selector)).map((n) => shapeOf(n, ignored)); }}""",
                         [selector, list(ignore)])


def server_shapes(page: Page, selector: str, ignore: tuple[str, ...] = (), url: str | None = None) -> list:
    """The shapes of the same cards as the server renders the page (or `url`) now, before any script runs."""
    return page.evaluate(f"""async ([selector, ignored, url]) => {{ {_SHAPE_OF};
      const html = await (await fetch(url || location.href, {{ credentials: "same-origin" }})).text();
      const doc = new DOMParser().parseFromString(html, "text/html");
      return Array.from(doc.querySelectorAll(selector)).map((n) => shapeOf(n, ignored)); }}""",
                         [selector, list(ignore), url])
