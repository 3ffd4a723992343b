"""The expo simulation through the real commands: 80 projects with hidden qualities, 12 judges (two random).

Seeded, so that the figures are the same on every run: the top ten found against the true top ten, every
project's comparisons, and no visit to a conflicted team. bench/expo.py runs more seeds beside Gavel's.
"""

from __future__ import annotations

import time

from bench.expo_platform import PlatformExpo
from bench.expo_sim import make_world, simulate

SEED = 1


def test_the_expo_finds_the_top_ten_and_covers_every_project(app):
    world = make_world(SEED)
    expo = PlatformExpo(world)
    started = time.monotonic()
    result = simulate(world, expo, "platform")
    elapsed = time.monotonic() - started
    print(f"\nexpo simulation seed {SEED}: top-10 overlap {result.top_overlap}/10, "
          f"comparisons min {result.min_comparisons} mean {result.mean_comparisons:.1f}, {result.votes} votes, "
          f"tau {result.kendall_tau:.2f}, {elapsed:.1f} s")
    assert result.top_overlap >= 8
    assert result.min_comparisons >= 3
    assert result.conflicted_visits == 0
    assert expo.conflicted_visits() == 0
