"""Options of select fields as WTForms 3.3 wants them: `SelectChoice`, not (value, label) tuples (gone in 3.4)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wtforms.fields.choices import SelectChoice


def options(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """(value, label) pairs as a select's options; labels may be lazy translations."""
    return [SelectChoice(value, label) for value, label in pairs]
