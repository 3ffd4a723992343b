"""Which project a judge visits next: a pure choice over the candidates the database allows.

The caller leaves out what may never be chosen (conflicts of interest, projects this judge already visited or
skipped, projects withdrawn from the round). Among the rest, in this order of preference:
1. tables no other judge is heading to (busy tables avoided);
2. projects still short of comparisons (fewer than the round's minimum, counting visits under way), so that
   every project is compared enough before any is compared a lot (Gavel's "fewer than N views");
3. once every candidate has its minimum, contenders: projects the model cannot yet place on either side of the
   finalists' line (the midpoint between the N-th and (N+1)-th mean lies within two standard deviations),
   because the round's purpose is the shortlist, and comparisons far from the line cannot change it;
4. the comparison with the previous project that tells the model most (CrowdBT's expected information gain);
   a judge's first visit goes to the least compared project.
Ties fall to the less compared project, then to the lower id: the same state always gives the same answer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .beliefs import Model
from .crowd_bt import Belief, Reliability, expected_information_gain


@dataclass(frozen=True)
class Candidate:
    """A project this judge may visit: how often it was compared (plus visits under way), and whether busy."""

    project: int
    comparisons: int
    busy: bool = False


def contenders(model: Model, projects: Iterable[int], finalists: int) -> set[int]:
    """Projects whose place relative to the finalists' line the model cannot yet tell (all, if no line)."""
    projects = list(projects)
    if not 0 < finalists < len(projects):
        return set(projects)
    means = sorted((model.belief(p).mu for p in projects), reverse=True)
    line = (means[finalists - 1] + means[finalists]) / 2
    return {p for p in projects if abs(model.belief(p).mu - line) <= 2 * math.sqrt(model.belief(p).sigma_sq)}


def preferred(candidates: Sequence[Candidate], min_comparisons: int, near_line: set[int] | None = None
              ) -> list[Candidate]:
    """The candidates left after preferring free tables, projects short of comparisons, then contenders."""
    free = [c for c in candidates if not c.busy] or list(candidates)
    short = [c for c in free if c.comparisons < min_comparisons]
    if short:
        return short
    if near_line is not None:
        return [c for c in free if c.project in near_line] or free
    return free


def choose_next(model: Model, judge: int, previous: int | None, candidates: Sequence[Candidate],
                min_comparisons: int, near_line: set[int] | None = None) -> int | None:
    """The project this judge should visit next, or None when nothing is left for them.

    `near_line`: the contenders for the finalists' places (`contenders`); None to leave the line out.
    """
    pool = preferred(candidates, min_comparisons, near_line)
    if not pool:
        return None
    if previous is None:
        return min(pool, key=lambda c: (c.comparisons, c.project)).project
    reliability: Reliability = model.reliability(judge)
    before: Belief = model.belief(previous)

    def value(c: Candidate) -> tuple[float, int, int]:
        return (-expected_information_gain(reliability, before, model.belief(c.project)), c.comparisons, c.project)

    return min(pool, key=value).project
