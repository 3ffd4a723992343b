"""One rendering of each live card: page scripts fill the markup the Jinja macros render (cloned from
<template data-card> elements) and build the odd element through static/js/dom.js, never with builders of
their own (docs/architecture.md, "Live cards")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(p for p in (ROOT / "static/js").glob("*.js") if p.name != "dom.js")
TEMPLATES = ROOT / "templates"
# The classes of the live cards and of their parts: a script that names one while building an element is
# drawing a card again.
CARD_CLASSES = ("team-card", "slot-card", "help-card", "announcement", "programme-toast", "toast-body",
                "project-summary", "project-text", "project-links", "slot-form", "help-form")
BUILDS = re.compile(r"""(?:Dom\.el\(\s*"[^"]*"\s*,\s*|className\s*=\s*|classList\.add\(\s*)"([^"]*)\"""")


def _ids(scripts: list[Path]) -> list[str]:
    return [p.name for p in scripts]


def test_there_are_scripts_to_check():
    assert (ROOT / "static/js/dom.js").is_file()
    assert len(SCRIPTS) > 10


@pytest.mark.parametrize("script", SCRIPTS, ids=_ids(SCRIPTS))
def test_a_script_builds_elements_only_through_dom_js(script: Path):
    source = script.read_text(encoding="utf-8")
    # SVG shapes are the one kind dom.js does not make (charts draw rects in their namespace).
    assert not re.search(r"document\.createElement\(", source), f"{script.name}: use Dom.el or a <template>"
    assert not re.search(r"function\s+el\s*\(|\bel\s*=\s*(?:function|\()", source), f"{script.name}: a copied el()"
    assert not re.search(r"\.innerHTML\s*=|insertAdjacentHTML", source), f"{script.name}: markup in a string"


@pytest.mark.parametrize("script", SCRIPTS, ids=_ids(SCRIPTS))
def test_a_script_does_not_draw_a_card_class(script: Path):
    drawn = {cls for classes in BUILDS.findall(script.read_text(encoding="utf-8")) for cls in classes.split()}
    assert not drawn & set(CARD_CLASSES), f"{script.name} builds {sorted(drawn & set(CARD_CLASSES))}"


def test_every_card_a_script_clones_is_rendered_by_a_template():
    used = {name for p in SCRIPTS for name in re.findall(r"""Dom\.card\(\s*"([\w-]+)"\s*\)""", p.read_text("utf-8"))}
    rendered = {name for p in TEMPLATES.rglob("*.html")
                for name in re.findall(r"""<template data-card="([\w-]+)">""", p.read_text("utf-8"))}
    assert used >= {"team", "slot", "help", "announcement", "toast", "project-body"}
    assert used <= rendered, f"no <template data-card> for {sorted(used - rendered)}"


def test_the_rule_catches_a_copied_builder(tmp_path: Path):
    copied = 'function el(tag) { return document.createElement(tag); }\nconst c = el("li"); c.className = "team-card";'
    assert re.search(r"document\.createElement\(", copied) and re.search(r"function\s+el\s*\(", copied)
    assert "team-card" in {cls for classes in BUILDS.findall(copied) for cls in classes.split()}


def test_dom_js_is_loaded_before_the_page_scripts():
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    dom = base.index("js/dom.js")
    assert dom < base.index("js/live.js") < base.index("{% block scripts %}")
    assert dom < base.index("js/forms.js") and dom < base.index('include "programme/_live.html"')
