"""Markdown written by organisers and challenge owners, rendered and sanitised for pages."""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code", "pre",
    "hr", "table", "thead", "tbody", "tr", "th", "td",
}


def render_markdown(text: str | None) -> Markup:
    """Markdown to HTML with only harmless tags and links kept (no scripts, no styles, no images)."""
    html = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}},
                      url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above
