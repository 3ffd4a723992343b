"""Content in the readers' languages: the one helper that picks a translation, with its fallbacks."""

from __future__ import annotations

from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from flask import g

from hackathon.errors import Invalid
from hackathon.localized import (
    check_translations,
    language_name,
    localized,
    localized_guide,
    translations_from_form,
    wanted_translations,
)

ROW = SimpleNamespace(title="Clean water", summary="Original", guide={"1": "weak", "5": "strong"},
                      translations={"de": {"title": "Sauberes Wasser", "guide": {"5": "stark"}},
                                    "it": {"title": "Acqua pulita", "summary": ""}})


def test_the_first_wanted_language_with_a_text_wins_else_the_original():
    assert localized(ROW, "title", ["it", "de"]) == "Acqua pulita"
    assert localized(ROW, "title", ["sv", "de"]) == "Sauberes Wasser"
    assert localized(ROW, "summary", ["it"]) == "Original"  # empty translations do not count
    assert localized(ROW, "title", []) == "Clean water"
    assert localized({"text": "Hi", "translations": {"de": {"text": "Hallo"}}}, "text", ["de"]) == "Hallo"
    assert localized(SimpleNamespace(title="No translations"), "title", ["de"]) == "No translations"


def test_a_guide_is_translated_score_by_score():
    assert localized_guide(ROW, ["de"]) == {"1": "weak", "5": "stark"}
    assert localized_guide(ROW, ["it"]) == {"1": "weak", "5": "strong"}


@contextmanager
def fresh(app, **kwargs):
    """A request context with a fresh `g` (the test's pushed app context would carry one request's into the next)."""
    with app.test_request_context(**kwargs):
        for name in list(vars(g)):
            delattr(g, name)
        yield


def test_the_readers_languages_stop_at_the_original_language(app):
    with fresh(app, headers={"Accept-Language": "en-GB,de;q=0.8,it;q=0.5"}):
        g.event = SimpleNamespace(language="en")
        assert wanted_translations() == []  # an English reader reads the English original
    with fresh(app, headers={"Accept-Language": "it,en;q=0.8,de;q=0.5"}):
        g.event = SimpleNamespace(language="en")
        assert wanted_translations() == ["it"]
        assert localized(ROW, "title") == "Acqua pulita"
    with fresh(app, headers={"Accept-Language": "sv"}):
        assert language_name("it") == "Italian"


def test_translations_are_kept_to_the_offered_languages_and_limits():
    given = {"de": {"title": "  Titel  ", "other": "x", "summary": ""}, "fr": {"title": "Titre"}, "it": "nope"}
    assert check_translations(given, ["de", "it"], {"title": 20, "summary": 20}) == {"de": {"title": "Titel"}}
    assert check_translations("nonsense", ["de"], {"title": 20}) == {}
    with pytest.raises(Invalid):
        check_translations({"de": {"title": "x" * 21}}, ["de"], {"title": 20})


def test_forms_post_one_input_per_language_and_field_and_guides_as_lines(app):
    with app.test_request_context():
        form = {"tr-de-name": "Wirkung", "tr-de-guide": "1: schwach\n\n5: stark", "tr-it-name": "Impatto",
                "tr-sv-name": "ignored"}
        found = translations_from_form(form, ["de", "it"], {"name": 40, "guide": 100})
        assert found == {"de": {"name": "Wirkung", "guide": {"1": "schwach", "5": "stark"}}, "it": {"name": "Impatto"}}
        with pytest.raises(Invalid) as refused:
            translations_from_form({"tr-de-guide": "strong"}, ["de"], {"guide": 100})
        assert "German" in refused.value.message
