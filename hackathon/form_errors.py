"""The errors of the forms a page shows, for the error summary at the top of every page (templates/_forms.html)."""

from __future__ import annotations

from collections.abc import Iterable

from jinja2 import pass_context
from wtforms import Form
from wtforms.fields import Field

# Fields drawn as a group of options: the link goes to the first option (WTForms numbers them id-0, id-1, …).
GROUPED = ("RadioField", "MultiCheckboxField")


def _messages(errors) -> Iterable[str]:
    """The texts of a field's errors, also those of nested fields (FieldList, FormField)."""
    if isinstance(errors, str):
        yield errors
    elif isinstance(errors, dict):
        for value in errors.values():
            yield from _messages(value)
    elif isinstance(errors, list | tuple):
        for value in errors:
            yield from _messages(value)


def _target(field: Field) -> str | None:
    """The id a summary's link jumps to, None for a field a person cannot see (CSRF, hidden)."""
    if field.type in ("CSRFTokenField", "HiddenField"):
        return None
    return f"{field.id}-0" if field.type in GROUPED else field.id


def form_errors(form: Form) -> list[dict]:
    """One entry per error message of a form, in the order of its fields: {"target": id or None, "text": ...}."""
    found = [{"target": _target(field), "text": text} for field in form for text in _messages(field.errors)]
    found += [{"target": None, "text": text} for text in getattr(form, "form_errors", [])]
    return found


@pass_context
def page_form_errors(context) -> list[dict]:
    """Every error of every form given to the template being drawn (a template global for base.html)."""
    found: list[dict] = []
    seen: set[int] = set()
    for value in context.get_all().values():
        if isinstance(value, Form) and id(value) not in seen:
            seen.add(id(value))
            if value.errors:
                found.extend(form_errors(value))
    return found
