"""Small bar charts of the overview, which capabilities use for their sections."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass
class Bar:
    """One bar of a small chart: its label, its count, and its length as a percentage of the tallest bar."""

    label: str
    count: int
    percent: int


def bars(counts: Iterable[tuple[str, int]]) -> list[dict]:
    """Labelled counts as chart bars, each scaled to the tallest (all zero when nothing was counted)."""
    pairs = list(counts)
    peak = max((count for _label, count in pairs), default=0)
    return [asdict(Bar(label, count, round(100 * count / peak) if peak else 0)) for label, count in pairs]
