"""The expo's model, folded from the votes: every project's belief, every judge's reliability, the ranking.

Pure functions over plain values. The model is always refolded from the votes still standing, in the order
they were cast (`Vote.seq`): an undone vote simply is not there, so undo needs no inverse update, and two
readers of the same votes always get the same ranking (docs/expo.md says why this costs little).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .crowd_bt import Belief, Reliability, update

# A judge is flagged when their votes agree with the others' model this many standard deviations less often than
# a judge who votes as that model predicts would (a z-score), over at least AGREEMENT_MIN_VOTES votes.
AGREEMENT_FLAG_Z = -2.0
AGREEMENT_MIN_VOTES = 5


@dataclass(frozen=True)
class Vote:
    """One standing vote: who judged, which project won, which lost, and its place in the order of casting."""

    seq: int
    judge: int
    winner: int
    loser: int


@dataclass
class Model:
    """Beliefs of projects and reliabilities of judges after some votes."""

    projects: dict[int, Belief] = field(default_factory=dict)
    judges: dict[int, Reliability] = field(default_factory=dict)

    def belief(self, project: int) -> Belief:
        """A project's belief (the prior for one never compared)."""
        return self.projects.get(project, Belief())

    def reliability(self, judge: int) -> Reliability:
        """A judge's reliability (the prior for one who never voted)."""
        return self.judges.get(judge, Reliability())


def fold(votes: Iterable[Vote], projects: Iterable[int] = (), judges: Iterable[int] = ()) -> Model:
    """The model after these votes, applied in `seq` order from the priors."""
    model = Model({p: Belief() for p in projects}, {j: Reliability() for j in judges})
    for vote in sorted(votes, key=lambda v: v.seq):
        judge, winner, loser = update(model.reliability(vote.judge), model.belief(vote.winner),
                                      model.belief(vote.loser))
        model.judges[vote.judge] = judge
        model.projects[vote.winner] = winner
        model.projects[vote.loser] = loser
    return model


@dataclass(frozen=True)
class Place:
    """A project's place in the ranking, with how sure the model is."""

    rank: int
    project: int
    mu: float
    sigma: float
    comparisons: int

    @property
    def low(self) -> float:
        """μ − 2σ: the lower end of the belief's 95 % interval."""
        return self.mu - 2 * self.sigma

    @property
    def high(self) -> float:
        """μ + 2σ."""
        return self.mu + 2 * self.sigma


def comparisons(votes: Iterable[Vote]) -> dict[int, int]:
    """How many standing votes each project took part in."""
    counts: dict[int, int] = {}
    for vote in votes:
        counts[vote.winner] = counts.get(vote.winner, 0) + 1
        counts[vote.loser] = counts.get(vote.loser, 0) + 1
    return counts


def ranking(model: Model, projects: Iterable[int], votes: Sequence[Vote] = ()) -> list[Place]:
    """Every project, best first: by mean, then by smaller variance, then by id (so ties are stable)."""
    counts = comparisons(votes)
    order = sorted(projects, key=lambda p: (-model.belief(p).mu, model.belief(p).sigma_sq, p))
    return [Place(i, p, model.belief(p).mu, math.sqrt(model.belief(p).sigma_sq), counts.get(p, 0))
            for i, p in enumerate(order, start=1)]


@dataclass(frozen=True)
class JudgeStanding:
    """How a judge's votes sit with everyone else's."""

    judge: int
    votes: int
    reliability: float   # E[η] of the judge's CrowdBT reliability
    agreement: float | None  # share of their votes that the others' model orders the same way (None: no votes)
    expected: float | None   # the share a judge voting as the others' model predicts would reach
    z: float | None          # (agreements − expected) in standard deviations: far below 0, the judge stands apart
    flagged: bool


def judge_standings(votes: Sequence[Vote], judges: Iterable[int], projects: Iterable[int]) -> list[JudgeStanding]:
    """Each judge's reliability, and their agreement with the model folded from everyone else's votes.

    Judges are mostly sent to close pairs, where even a careful judge often differs from the others; so a judge
    is measured against what the others' model expects on each pair (a Bernoulli per vote: the chance that
    the model's favourite wins), not against 100 %.
    """
    projects = list(projects)
    whole = fold(votes, projects)
    standings = []
    for judge in judges:
        own = [v for v in votes if v.judge == judge]
        agreement = expected = z = None
        if own:
            others = fold((v for v in votes if v.judge != judge), projects)
            agreed = mean = spread = 0.0
            for vote in own:
                chance = _sigmoid(others.belief(vote.winner).mu - others.belief(vote.loser).mu)
                agreed += 1.0 if chance > 0.5 else 0.5 if chance == 0.5 else 0.0
                mean += max(chance, 1 - chance)
                spread += chance * (1 - chance)
            agreement, expected = agreed / len(own), mean / len(own)
            z = (agreed - mean) / math.sqrt(spread) if spread > 0 else 0.0
        flagged = z is not None and len(own) >= AGREEMENT_MIN_VOTES and z < AGREEMENT_FLAG_Z
        standings.append(JudgeStanding(judge, len(own), whole.reliability(judge).expected, agreement, expected, z,
                                       flagged))
    return standings


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
