"""CrowdBT (Chen et al. 2013, "Pairwise ranking aggregation in a crowdsourced setting"): pure functions.

A project's quality is a Gaussian belief (mean μ, variance σ²); a judge's reliability is a Beta(α, β)
belief over η, the chance that they vote as the Bradley-Terry model would. After a vote, the moments are
matched to the approximate posterior (the paper's online update); the next comparison is the one whose
expected posterior moves furthest from the prior (expected KL divergence, the paper's information gain).
The parameters are the paper's (and Gavel's). Every function here is pure: floats in, floats out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GAMMA = 0.1          # weight of what a vote teaches about the judge against what it teaches about projects
KAPPA = 1e-4         # a variance never shrinks below this fraction of itself in one step
MU_PRIOR = 0.0
SIGMA_SQ_PRIOR = 1.0
ALPHA_PRIOR = 10.0   # a new judge is believed reliable: E[η] = 10 / 11
BETA_PRIOR = 1.0


@dataclass(frozen=True)
class Belief:
    """What the model believes of a project's quality: a normal distribution."""

    mu: float = MU_PRIOR
    sigma_sq: float = SIGMA_SQ_PRIOR


@dataclass(frozen=True)
class Reliability:
    """What the model believes of a judge: η ~ Beta(α, β), η the chance they vote as the model would."""

    alpha: float = ALPHA_PRIOR
    beta: float = BETA_PRIOR

    @property
    def expected(self) -> float:
        """E[η]: 1 for a judge always in line with the model, 0.5 for a coin."""
        return self.alpha / (self.alpha + self.beta)


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def _win_chance(winner: Belief, loser: Belief) -> float:
    """Bradley-Terry: exp(μw) / (exp(μw) + exp(μl)), computed without overflow."""
    return _sigmoid(winner.mu - loser.mu)


def _judged_win_chance(judge: Reliability, winner: Belief, loser: Belief) -> float:
    """α·exp(μw) / (α·exp(μw) + β·exp(μl)): the winner's chance seen through the judge's reliability."""
    return _sigmoid(winner.mu - loser.mu + math.log(judge.alpha) - math.log(judge.beta))


def _updated_judge(judge: Reliability, winner: Belief, loser: Belief) -> tuple[Reliability, float]:
    """The judge's new Beta (by matching its first two moments) and c, the chance of this vote's outcome."""
    p = _win_chance(winner, loser)
    # E[exp(μw)/(exp(μw)+exp(μl))] to second order in the variances: p + ½(σw²+σl²)·p(1-p)(1-2p).
    c1 = p + 0.5 * (winner.sigma_sq + loser.sigma_sq) * p * (1 - p) * (1 - 2 * p)
    c2 = 1 - c1
    a, b = judge.alpha, judge.beta
    c = (c1 * a + c2 * b) / (a + b)
    first = (c1 * (a + 1) * a + c2 * a * b) / (c * (a + b + 1) * (a + b))
    second = (c1 * (a + 2) * (a + 1) * a + c2 * (a + 1) * a * b) / (c * (a + b + 2) * (a + b + 1) * (a + b))
    spread = second - first * first
    alpha = (first - second) * first / spread
    beta = (first - second) * (1 - first) / spread
    return Reliability(alpha, beta), c


def _updated_projects(judge: Reliability, winner: Belief, loser: Belief) -> tuple[Belief, Belief]:
    """The winner's and the loser's new beliefs after one vote by this judge."""
    p = _win_chance(winner, loser)
    r = _judged_win_chance(judge, winner, loser)
    shift = r - p
    shrink = r * (1 - r) - p * (1 - p)
    new_winner = Belief(winner.mu + winner.sigma_sq * shift,
                        winner.sigma_sq * max(1 + winner.sigma_sq * shrink, KAPPA))
    new_loser = Belief(loser.mu - loser.sigma_sq * shift,
                       loser.sigma_sq * max(1 + loser.sigma_sq * shrink, KAPPA))
    return new_winner, new_loser


def update(judge: Reliability, winner: Belief, loser: Belief) -> tuple[Reliability, Belief, Belief]:
    """One vote, winner over loser, by this judge: the judge's and both projects' new beliefs."""
    new_judge, _chance = _updated_judge(judge, winner, loser)
    new_winner, new_loser = _updated_projects(judge, winner, loser)
    return new_judge, new_winner, new_loser


def kl_gaussian(new: Belief, old: Belief) -> float:
    """KL(new ‖ old) of two normal distributions."""
    ratio = new.sigma_sq / old.sigma_sq
    return (new.mu - old.mu) ** 2 / (2 * old.sigma_sq) + (ratio - 1 - math.log(ratio)) / 2


def digamma(x: float) -> float:
    """ψ(x) for x > 0: the recurrence up to x ≥ 10, then the asymptotic series (error below 1e-12)."""
    if x <= 0:
        raise ValueError("digamma is defined here for positive x only")
    result = 0.0
    while x < 10:
        result -= 1 / x
        x += 1
    inv = 1 / x
    inv_sq = inv * inv
    series = inv_sq * (1 / 12 - inv_sq * (1 / 120 - inv_sq * (1 / 252 - inv_sq * (1 / 240 - inv_sq / 132))))
    return result + math.log(x) - 0.5 * inv - series


def log_beta(a: float, b: float) -> float:
    """ln B(a, b)."""
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def kl_beta(new: Reliability, old: Reliability) -> float:
    """KL(new ‖ old) of two Beta distributions."""
    a1, b1, a2, b2 = new.alpha, new.beta, old.alpha, old.beta
    return (log_beta(a2, b2) - log_beta(a1, b1) + (a1 - a2) * digamma(a1) + (b1 - b2) * digamma(b1)
            + (a2 - a1 + b2 - b1) * digamma(a1 + b1))


def expected_information_gain(judge: Reliability, a: Belief, b: Belief) -> float:
    """How much this judge comparing a with b is expected to teach the model (KL, averaged over both outcomes)."""
    judge_if_a, chance_a = _updated_judge(judge, a, b)
    a_if_a, b_if_a = _updated_projects(judge, a, b)
    judge_if_b, _chance_b = _updated_judge(judge, b, a)
    b_if_b, a_if_b = _updated_projects(judge, b, a)
    gain_if_a = kl_gaussian(a_if_a, a) + kl_gaussian(b_if_a, b) + GAMMA * kl_beta(judge_if_a, judge)
    gain_if_b = kl_gaussian(a_if_b, a) + kl_gaussian(b_if_b, b) + GAMMA * kl_beta(judge_if_b, judge)
    return chance_a * gain_if_a + (1 - chance_a) * gain_if_b
