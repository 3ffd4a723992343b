"""The expo simulation: hidden project qualities, simulated judges, and a loop that walks them through an expo.

The same world (seeded) is run through any `Strategy`: the platform's real commands (`bench.expo_platform`) or
Gavel's published algorithm (`bench.expo_gavel`). Judges take turns, one action each, as if they walked at
the same pace; a team's table is sometimes empty (the judge skips it); some judges have conflicts of interest.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Protocol

PROJECTS = 80
JUDGES = 12
RANDOM_JUDGES = 2
VISITS_PER_JUDGE = 40
ABSENT_CHANCE = 0.03
TOP = 10
SHARPNESS = 3.0  # a judge with η = 1 picks the better of two projects 1 SD apart 95 % of the time


@dataclass
class World:
    """Projects with hidden qualities and judges with hidden reliabilities: what the simulation knows, not the model."""

    seed: int
    quality: dict[int, float]
    # η: the chance a judge's vote follows their Bradley-Terry impression (0.5: a coin).
    reliability: dict[int, float]
    conflicts: dict[int, set[int]]
    rng: random.Random = field(repr=False, default_factory=random.Random)

    @property
    def projects(self) -> list[int]:
        return sorted(self.quality)

    @property
    def judges(self) -> list[int]:
        return sorted(self.reliability)

    @property
    def random_judges(self) -> set[int]:
        return {j for j, eta in self.reliability.items() if eta == 0.5}

    def true_top(self, n: int = TOP) -> list[int]:
        """The n best projects by hidden quality."""
        return sorted(self.quality, key=lambda p: -self.quality[p])[:n]

    def prefers_first(self, judge: int, first: int, second: int) -> bool:
        """Whether this judge finds `first` better than `second` (random as a judge's impression is)."""
        chance = 1 / (1 + math.exp(-(self.quality[first] - self.quality[second]) * SHARPNESS))
        sees_first = self.rng.random() < chance
        return sees_first if self.rng.random() < self.reliability[judge] else not sees_first

    def absent(self) -> bool:
        """Whether the next table a judge reaches is empty for now."""
        return self.rng.random() < ABSENT_CHANCE


def make_world(seed: int, projects: int = PROJECTS, judges: int = JUDGES, random_judges: int = RANDOM_JUDGES
               ) -> World:
    """A seeded world: qualities ~ N(0, 1); judges. η spread over 0.85–0.98, the last `random_judges` coins;
    every third judge conflicted with three projects."""
    rng = random.Random(seed)
    quality = {p: rng.gauss(0, 1) for p in range(1, projects + 1)}
    careful = judges - random_judges
    reliability = {j: round(0.85 + 0.13 * (j - 1) / max(1, careful - 1), 3) for j in range(1, careful + 1)}
    reliability.update({j: 0.5 for j in range(careful + 1, judges + 1)})
    conflicts = {j: set(rng.sample(range(1, projects + 1), 3)) if j % 3 == 1 else set() for j in reliability}
    return World(seed, quality, reliability, conflicts, random.Random(seed * 7919 + 1))


class Strategy(Protocol):
    """What the simulation asks of an expo: assign, begin, vote, skip, and the ranking at the end."""

    def next_for(self, judge: int) -> tuple[int | None, int | None]:
        """(previous, current) for this judge, assigning a current project when they have none."""

    def begin(self, judge: int) -> None:
        """The judge has seen their first project: it becomes their previous one."""

    def vote(self, judge: int, current_better: bool) -> None:
        """The judge compares their previous and current projects."""

    def skip(self, judge: int) -> None:
        """The judge's current table is empty: move on without a vote."""

    def ranking(self) -> list[int]:
        """Every project, best first."""

    def comparisons(self) -> dict[int, int]:
        """Standing comparisons per project."""


@dataclass
class Result:
    """What one run found."""

    name: str
    seed: int
    top_overlap: int
    min_comparisons: int
    mean_comparisons: float
    votes: int
    conflicted_visits: int
    kendall_tau: float
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"name": self.name, "seed": self.seed, "top_overlap": self.top_overlap,
                "min_comparisons": self.min_comparisons, "mean_comparisons": round(self.mean_comparisons, 2),
                "votes": self.votes, "conflicted_visits": self.conflicted_visits,
                "kendall_tau": round(self.kendall_tau, 3), **self.extra}


def kendall_tau(found: list[int], truth: dict[int, float]) -> float:
    """Rank correlation of the found order with the hidden qualities (1: the same order)."""
    position = {p: i for i, p in enumerate(found)}
    items = list(position)
    agree = disagree = 0
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            same = (position[a] < position[b]) == (truth[a] > truth[b])
            agree, disagree = agree + same, disagree + (not same)
    return (agree - disagree) / max(1, agree + disagree)


def simulate(world: World, strategy: Strategy, name: str, visits_per_judge: int = VISITS_PER_JUDGE) -> Result:
    """Walk every judge through the expo, one action per turn, and compare what was found with the truth."""
    visits = {j: 0 for j in world.judges}
    done: set[int] = set()
    votes = conflicted = 0
    while len(done) < len(world.judges):
        for judge in world.judges:
            if judge in done:
                continue
            previous, current = strategy.next_for(judge)
            if current is None or visits[judge] >= visits_per_judge:
                done.add(judge)
                continue
            visits[judge] += 1
            if current in world.conflicts[judge]:
                conflicted += 1
            if world.absent():
                strategy.skip(judge)
            elif previous is None:
                strategy.begin(judge)
            else:
                strategy.vote(judge, current_better=world.prefers_first(judge, current, previous))
                votes += 1
    found = strategy.ranking()
    counts = strategy.comparisons()
    overlap = len(set(found[:TOP]) & set(world.true_top()))
    per_project = [counts.get(p, 0) for p in world.projects]
    return Result(name, world.seed, overlap, min(per_project), sum(per_project) / len(per_project), votes,
                  conflicted, kendall_tau(found, world.quality))
