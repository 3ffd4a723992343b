"""Gavel's published algorithm, as the reference the platform's expo is measured against.

Reimplemented from Gavel's description and source (anishathalye/gavel: `crowd_bt.py`, `controllers/judge.py`):
every vote updates the judge's and both projects' beliefs in place (CrowdBT's online update, the same
formulas as `hackathon.expo.crowd_bt`); the next project is drawn from the active ones this judge has not seen,
preferring tables nobody is heading to, then projects seen by fewer than MIN_VIEWS judges; with probability
EPSILON a random one of those, otherwise the one of highest expected information gain against the judge's
previous project. A first project is drawn at random. Gavel knows no conflicts of interest, and a vote
cannot be undone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from hackathon.expo.crowd_bt import Belief, Reliability, expected_information_gain, update

MIN_VIEWS = 2     # Gavel's default setting
EPSILON = 0.25    # Gavel's epsilon-greedy exploration


@dataclass
class _Annotator:
    reliability: Reliability = field(default_factory=Reliability)
    prev: int | None = None
    next: int | None = None
    ignore: set[int] = field(default_factory=set)


class GavelReference:
    """The simulation's `Strategy` for Gavel's algorithm (seeded, so that a run can be repeated)."""

    def __init__(self, projects: list[int], judges: list[int], seed: int) -> None:
        self.items = {p: Belief() for p in projects}
        self.viewed: dict[int, set[int]] = {p: set() for p in projects}
        self.annotators = {j: _Annotator() for j in judges}
        self.rng = random.Random(seed)
        self.count: dict[int, int] = {}

    def _preferred(self, judge: int) -> list[int]:
        annotator = self.annotators[judge]
        available = [p for p in self.items if p not in annotator.ignore]
        busy = {a.next for j, a in self.annotators.items() if a.next is not None and j != judge}
        nonbusy = [p for p in available if p not in busy]
        preferred = nonbusy or available
        less_seen = [p for p in preferred if len(self.viewed[p]) < MIN_VIEWS]
        return less_seen or preferred

    def _choose(self, judge: int) -> int | None:
        items = self._preferred(judge)
        self.rng.shuffle(items)
        if not items:
            return None
        if self.rng.random() < EPSILON:
            return items[0]
        annotator = self.annotators[judge]
        previous = self.items[annotator.prev]
        return max(items, key=lambda p: expected_information_gain(annotator.reliability, previous, self.items[p]))

    def next_for(self, judge: int) -> tuple[int | None, int | None]:
        annotator = self.annotators[judge]
        if annotator.next is None:
            items = self._preferred(judge)
            if items and annotator.prev is None:
                annotator.next = self.rng.choice(items)
            elif annotator.prev is not None:
                annotator.next = self._choose(judge)
        return annotator.prev, annotator.next

    def begin(self, judge: int) -> None:
        annotator = self.annotators[judge]
        annotator.ignore.add(annotator.next)
        self.viewed[annotator.next].add(judge)
        annotator.prev = annotator.next
        annotator.next = self._choose(judge)

    def vote(self, judge: int, current_better: bool) -> None:
        annotator = self.annotators[judge]
        winner, loser = (annotator.next, annotator.prev) if current_better else (annotator.prev, annotator.next)
        annotator.reliability, self.items[winner], self.items[loser] = update(
            annotator.reliability, self.items[winner], self.items[loser])
        for project in (winner, loser):
            self.count[project] = self.count.get(project, 0) + 1
        self.viewed[annotator.next].add(judge)
        annotator.prev = annotator.next
        annotator.ignore.add(annotator.prev)
        annotator.next = self._choose(judge)

    def skip(self, judge: int) -> None:
        annotator = self.annotators[judge]
        annotator.ignore.add(annotator.next)
        annotator.next = self._choose(judge) if annotator.prev is not None else None

    def ranking(self) -> list[int]:
        return sorted(self.items, key=lambda p: (-self.items[p].mu, p))

    def comparisons(self) -> dict[int, int]:
        return dict(self.count)
