"""How fast this machine runs Python right now, and how often it stalls: recorded with every run.

    python -m bench.calibration      (both, on their own: about ten seconds)

The development machines drift during a day by half or more. A storm's absolute figures only compare
between runs whose calibration is close; ratios to a baseline of the same run compare anyway. They also
stall: every second or two, for a tenth of a second or more, every CPU runs several times slower at once;
a longest gap or a p99 of a few tens of milliseconds can be the machine's, and `stall_probe` shows it.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import statistics
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


def _short_workload() -> int:
    total = 0
    for i in range(20_000):
        total += i * i
    return total


def _probe(cpu: int, seconds: float, queue) -> None:
    """On one CPU: run the short workload back to back; send (start, duration) of every run."""
    os.sched_setaffinity(0, {cpu})
    runs = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        _short_workload()
        runs.append((started, time.monotonic() - started))
    queue.put((cpu, runs))


def stall_windows(per_cpu: dict[int, list[tuple[float, float]]], slow: float = 3.0) -> dict:
    """From each CPU's runs (start, duration in seconds): a run `slow` times its CPU's median is a stall;
    stalls closer than 50 ms form one window. How many windows, how many slowed every CPU at once, the longest,
    and the slowest run against its CPU's median."""
    stalls, medians, worst = [], {}, 0.0
    for cpu, runs in per_cpu.items():
        medians[cpu] = statistics.median(d for _, d in runs)
        for started, duration in runs:
            if duration > slow * medians[cpu]:
                stalls.append((started, started + duration, cpu))
                worst = max(worst, duration / medians[cpu])
    windows: list[list] = []
    for begin, end, cpu in sorted(stalls):
        if windows and begin - windows[-1][1] < 0.05:
            windows[-1][1] = max(windows[-1][1], end)
            windows[-1][2].add(cpu)
        else:
            windows.append([begin, end, {cpu}])
    return {"cpus": len(per_cpu), "median_run_ms": round(1000 * statistics.median(medians.values()), 2),
            "windows": len(windows), "every_cpu_at_once": sum(1 for w in windows if len(w[2]) == len(per_cpu)),
            "longest_window_ms": round(1000 * max((w[1] - w[0] for w in windows), default=0.0), 1),
            "slowest_run_ratio": round(worst, 1)}


def stall_probe(seconds: float = 10.0, slow: float = 3.0) -> dict:
    """Stalls of the machine itself: one process per CPU runs a ~1 ms workload back to back while nothing else
    runs (`stall_windows` reads the runs; windows on every CPU at once are the host, not a neighbour)."""
    cpus = sorted(os.sched_getaffinity(0))
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_probe, args=(cpu, seconds, queue)) for cpu in cpus]
    for worker in workers:
        worker.start()
    per_cpu = dict(queue.get() for _ in workers)
    for worker in workers:
        worker.join()
    return {"seconds": seconds, **stall_windows(per_cpu, slow)}


if __name__ == "__main__":
    print(json.dumps({"calibration_ms": calibration_ms(), "stalls": stall_probe()}, indent=2))
