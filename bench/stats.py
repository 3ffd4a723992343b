"""Percentiles and ratios for benchmark reports."""

from __future__ import annotations

import statistics


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0–100) by nearest rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary_ms(seconds: list[float]) -> dict:
    """p50/p99/max in milliseconds."""
    return {
        "n": len(seconds),
        "p50_ms": round(percentile(seconds, 50) * 1000, 1),
        "p95_ms": round(percentile(seconds, 95) * 1000, 1),
        "p99_ms": round(percentile(seconds, 99) * 1000, 1),
        "max_ms": round(max(seconds) * 1000, 1) if seconds else 0.0,
        "mean_ms": round(statistics.fmean(seconds) * 1000, 1) if seconds else 0.0,
    }


def ratio(value: float, baseline: float) -> float:
    """value / baseline, rounded; inf when the baseline is 0."""
    return round(value / baseline, 2) if baseline else float("inf")
