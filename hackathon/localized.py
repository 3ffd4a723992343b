"""Content in the readers' languages: every text an organiser writes may carry translations.

The interface speaks the languages of the catalogues (`translations/`); the event's own texts (challenges,
criteria and their score guides, agenda items, announcements, the event's tagline and description) are
written in the event's `language` and may be translated into each of its `translation_languages`.

A translatable row has one JSON column, `translations`: {"de": {"title": "…", "summary": "…"}, "it": {…}};
a score guide translates score by score: {"de": {"guide": {"1": "…", "7": "…"}}}. The row's own columns keep
the original. Reading costs no query: the translations come with the row.

- `localized(row, "title")` is the title in the reader's language, falling back to the original
  (templates: `row|tr("title")`); `localized_guide(row)` merges a translated guide over the original.
- `reader_languages()` is the reader's order of preference: their chosen language, then their browser's;
  `wanted_translations()` stops at the language the texts are written in (a reader who prefers it reads it).
- Forms: `translations_from_form(request.form, languages, fields)` reads the inputs that
  `templates/_translations.html` writes; `check_translations(...)` normalises a dict from any source.
Adding a language for the content is ticking it in the event's settings (any code of `CONTENT_LANGUAGES`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from babel import Locale, UnknownLocaleError
from flask import current_app, g, has_request_context, request, session
from flask_babel import get_locale
from flask_babel import gettext as _

from .errors import Invalid

# The EU's official languages and the neighbours' most spoken: what an event may offer its texts in.
CONTENT_LANGUAGES = (
    "bg", "ca", "cs", "da", "de", "el", "en", "es", "et", "eu", "fi", "fr", "ga", "gl", "hr", "hu", "it", "lt",
    "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sq", "sr", "sv", "tr", "uk",
)
GUIDE = "guide"  # the one field whose value is a map (score -> meaning), translated entry by entry


def language_name(code: str) -> str:
    """A language's name in the reader's language ("Italian", "Italienisch")."""
    try:
        name = Locale.parse(code).get_display_name(str(get_locale() or "en"))
    except (UnknownLocaleError, ValueError):
        return code
    return (name or code)[:1].upper() + (name or code)[1:]


def language_options(codes: tuple[str, ...] | list[str] = CONTENT_LANGUAGES) -> list[tuple[str, str]]:
    """(code, name) pairs in the reader's language, sorted by name."""
    return sorted(((code, language_name(code)) for code in codes), key=lambda pair: pair[1].lower())


def reader_languages() -> list[str]:
    """The reader's languages, most wanted first: the language they chose, then their browser's (once a request)."""
    if not has_request_context():
        return [current_app.config["BABEL_DEFAULT_LOCALE"]]
    cached = g.get("_reader_languages")
    if cached is not None:
        return cached
    from flask_login import current_user

    wanted: list[str] = []
    chosen = session.get("lang")
    if chosen:
        wanted.append(chosen)
    if current_user and current_user.is_authenticated and current_user.locale:
        wanted.append(current_user.locale)
    wanted.extend(value.split("-")[0].split("_")[0].lower() for value, _q in request.accept_languages)
    wanted.append(str(get_locale() or "en"))
    g._reader_languages = list(dict.fromkeys(code for code in wanted if code))
    return g._reader_languages


def wanted_translations(original: str | None = None) -> list[str]:
    """The reader's languages before the language the texts are written in (the page's event's, by default):
    a reader who reads the original first gets the original, not a translation they like less."""
    if original is None:
        event = g.get("event") if has_request_context() else None
        original = getattr(event, "language", None)
    wanted = reader_languages()
    return wanted[:wanted.index(original)] if original in wanted else wanted


def _translations_of(row: Any) -> Mapping:
    value = row.get("translations") if isinstance(row, Mapping) else getattr(row, "translations", None)
    return value if isinstance(value, Mapping) else {}


def _original(row: Any, field: str) -> Any:
    return row.get(field) if isinstance(row, Mapping) else getattr(row, field, None)


def localized(row: Any, field: str, languages: list[str] | None = None) -> Any:
    """The field in the first of the reader's languages it is translated into, else the original."""
    translations = _translations_of(row)
    if translations:
        for code in wanted_translations() if languages is None else languages:
            text = translations.get(code, {}).get(field)
            if text:
                return text
    return _original(row, field)


def localized_guide(row: Any, languages: list[str] | None = None) -> dict[str, str]:
    """A score guide with each score's meaning in the reader's language where it is translated."""
    guide = dict(_original(row, GUIDE) or {})
    translations = _translations_of(row)
    for code in reversed(wanted_translations() if languages is None else languages):
        for score, meaning in (translations.get(code, {}).get(GUIDE) or {}).items():
            if score in guide and meaning:
                guide[score] = meaning
    return guide


def check_translations(data: Any, languages: list[str], limits: Mapping[str, int]) -> dict:
    """Translations kept to the offered languages and known fields, trimmed, empty ones dropped.

    `limits` gives each field's longest text; `invalid` names the language and field of one too long.
    """
    if not isinstance(data, Mapping):
        return {}
    clean: dict[str, dict] = {}
    for code in languages:
        given = data.get(code)
        if not isinstance(given, Mapping):
            continue
        fields: dict[str, Any] = {}
        for name, limit in limits.items():
            value = given.get(name)
            if name == GUIDE and isinstance(value, Mapping):
                guide = {str(k): " ".join(str(v).split()) for k, v in value.items() if str(v).strip()}
                if any(len(v) > limit for v in guide.values()):
                    raise Invalid(_too_long(code, name, limit))
                if guide:
                    fields[name] = guide
            elif isinstance(value, str) and value.strip():
                if len(value.strip()) > limit:
                    raise Invalid(_too_long(code, name, limit))
                fields[name] = value.strip()
        if fields:
            clean[code] = fields
    return clean


def _too_long(code: str, field: str, limit: int) -> str:
    return _("The %(language)s %(field)s may have at most %(n)d characters.", language=language_name(code),
             field=field, n=limit)


def form_key(code: str, field: str) -> str:
    """The name of a translation's input: `tr-<language>-<field>`."""
    return f"tr-{code}-{field}"


def translations_from_form(form: Mapping, languages: list[str], limits: Mapping[str, int]) -> dict:
    """The translations a form posted (inputs named by `form_key`); a guide is written 'score: meaning' per line."""
    data: dict[str, dict] = {}
    for code in languages:
        fields: dict[str, Any] = {}
        for name in limits:
            value = form.get(form_key(code, name), "")
            fields[name] = _guide_lines(value, code) if name == GUIDE else value
        data[code] = fields
    return check_translations(data, languages, limits)


def _guide_lines(text: str, code: str) -> dict[str, str]:
    guide: dict[str, str] = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        score, sep, meaning = line.partition(":")
        if not sep or not score.strip().lstrip("-").isdigit():
            raise Invalid(_("Write each line of the %(language)s guide as 'score: meaning', e.g. '7: clear benefit'.",
                            language=language_name(code)))
        guide[str(int(score.strip()))] = meaning.strip()
    return guide


def guide_text(guide: Mapping | None) -> str:
    """A guide as the lines an organiser edits ('score: meaning')."""
    return "\n".join(f"{score}: {meaning}" for score, meaning in (guide or {}).items())


def register_template_helpers(app) -> None:
    """`row|tr("field")`, `row|tr_guide`, `language_name(code)` and the reader's languages in templates."""
    app.add_template_filter(localized, "tr")
    app.add_template_filter(localized_guide, "tr_guide")
    app.add_template_global(language_name, "language_name")
    app.add_template_global(reader_languages, "reader_languages")
    app.add_template_global(wanted_translations, "wanted_translations")
    app.add_template_filter(guide_text, "guide_text")
