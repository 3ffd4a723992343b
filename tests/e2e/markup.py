"""A card's markup as a comparable shape, to prove that a card a script inserted is the server's card."""

from __future__ import annotations

from playwright.sync_api import Locator

# Tags, classes, attributes and text, children in order; whitespace between tags does not count, nor the
# classes that only animate an update.
_SHAPE = """(node, ignored) => {
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
    return card.evaluate(_SHAPE, list(ignore))
