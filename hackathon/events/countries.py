"""Countries a participant can pick, named in the reader's language by Babel's CLDR data."""

from __future__ import annotations

from babel import Locale
from flask_babel import get_locale

_EN = Locale("en")
# ISO 3166-1 alpha-2 codes CLDR knows, without the "unknown region" (ZZ) and private-use codes.
COUNTRIES: frozenset[str] = frozenset(
    code for code in _EN.territories if len(code) == 2 and code.isalpha() and code not in {"ZZ", "XA", "XB", "XK"}
) | {"XK"}


def country_name(code: str) -> str:
    """The country's name in the current language (or the code when unknown)."""
    locale = get_locale() or _EN
    return locale.territories.get(code, code) if code else ""


def country_choices() -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in the current language, for a select box."""
    locale = get_locale() or _EN
    return sorted(((c, locale.territories.get(c, c)) for c in COUNTRIES), key=lambda pair: pair[1])
