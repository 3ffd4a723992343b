"""How fast this machine runs Python right now: a fixed workload, timed, recorded with every run.

The development machines drift during a day by half or more. A storm's absolute figures only compare
between runs whose calibration is close; ratios to a baseline of the same run compare anyway.
"""

from __future__ import annotations

import json
import time

_PAYLOAD = {"id": 1, "status": "booked", "version": 3, "starts_at": "2026-09-22T10:00:00+02:00",
            "mentor": {"id": 7, "name": "A Mentor"}, "team": {"id": 9, "name": "A Team"}, "tags": ["ux", "data"]}


def _workload() -> int:
    total = 0
    for i in range(20_000):
        text = json.dumps(_PAYLOAD, separators=(",", ":"))
        total += len(json.loads(text)["team"]["name"]) + i % 7
    return total


def calibration_ms(repeats: int = 5) -> float:
    """The fastest of `repeats` runs of the fixed workload, in milliseconds (lower is a faster machine)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        _workload()
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)
