"""Countries a participant can pick, named in the reader's language by Babel's CLDR data."""

from __future__ import annotations

from babel import Locale
from flask_babel import get_locale

_EN = Locale("en")
# CLDR's two-letter territories that are not countries of ISO 3166-1 (unions, zones, pseudo-regions, islands
# with no code of their own); Kosovo's user-assigned XK stays in, as everyone uses it.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
COUNTRIES: frozenset[str] = frozenset(
    code for code in _EN.territories if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
)


def country_name(code: str) -> str:
    """The country's name in the current language (or the code when unknown)."""
    locale = get_locale() or _EN
    return locale.territories.get(code, code) if code else ""


def country_choices() -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in the current language, for a select box."""
    locale = get_locale() or _EN
    return sorted(((c, locale.territories.get(c, c)) for c in COUNTRIES), key=lambda pair: pair[1])
