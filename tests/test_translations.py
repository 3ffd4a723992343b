"""Every user-facing string is translated: the German catalogue covers what the code says, completely."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}


def messages_in_code() -> set[str]:
    """Every msgid the code and templates use, as `make extract-messages` finds them."""
    method_map = [("hackathon/**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2")]
    # The templates use {% do %}: without the extension the extractor skips a whole template, silently.
    do = {"extensions": "jinja2.ext.do"}
    options = {"templates/**.html": do, "templates/**.txt": do}
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, options_map=options, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_the_german_catalogue_is_complete():
    with open(ROOT / "translations/de/LC_MESSAGES/messages.po", encoding="utf-8") as handle:
        catalogue = read_po(handle)
    translated = {
        (m.id[0] if isinstance(m.id, tuple) else m.id)
        for m in catalogue
        if m.id and not m.fuzzy and m.string and (not isinstance(m.string, tuple) or all(m.string))
    }
    missing = sorted(messages_in_code() - translated)
    assert missing == [], f"{len(missing)} strings lack a German translation (run `make translations`): {missing[:20]}"


def test_placeholders_survive_translation():
    with open(ROOT / "translations/de/LC_MESSAGES/messages.po", encoding="utf-8") as handle:
        catalogue = read_po(handle)
    broken = [m.id for m in catalogue if m.id and m.check()]
    assert broken == []
