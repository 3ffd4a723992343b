"""The benchmarks' own arithmetic: the machine's stall windows and the fan-out's median round."""

from __future__ import annotations

from bench.calibration import stall_windows
from bench.fanout import _rounds_summary


def _steady(cpu_start: float, count: int, duration: float = 0.001) -> list[tuple[float, float]]:
    return [(cpu_start + i * duration, duration) for i in range(count)]


def test_a_quiet_machine_has_no_windows():
    figures = stall_windows({0: _steady(0, 100), 1: _steady(0, 100)})
    assert figures["windows"] == 0 and figures["longest_window_ms"] == 0.0 and figures["median_run_ms"] == 1.0


def test_stalls_close_together_are_one_window_and_every_cpu_is_counted():
    cpu0 = [*_steady(0, 50), (0.050, 0.010), (0.070, 0.008), *_steady(0.078, 50), (0.5, 0.004)]
    cpu1 = [*_steady(0, 50), (0.055, 0.012), *_steady(0.067, 50)]
    figures = stall_windows({0: cpu0, 1: cpu1})
    # 0.050-0.078 on both CPUs is one window (gaps under 50 ms); 0.5 on CPU 0 alone is another.
    assert figures["windows"] == 2
    assert figures["every_cpu_at_once"] == 1
    assert figures["longest_window_ms"] == 28.0
    assert figures["slowest_run_ratio"] == 12.0


def test_the_median_round_leaves_one_stalled_round_out():
    rounds = [{"delivered": 10, "expected": 10, "p50_ms": p50, "p99_ms": p50 * 2, "max_ms": p50 * 2}
              for p50 in (20, 22, 200, 21, 23)]
    rounds[1]["delivered"] = 9
    summary = _rounds_summary(rounds)
    assert summary["p50_ms"] == 22 and summary["p99_ms"] == 44
    assert summary["delivered"] == 9 and summary["expected"] == 10  # the worst round's delivery counts
    assert summary["rounds"] == rounds
