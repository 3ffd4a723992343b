"""CrowdBT's pure functions against known values and against Gavel's formulas as published."""

from __future__ import annotations

import math

import pytest

from hackathon.expo import crowd_bt
from hackathon.expo.crowd_bt import Belief, Reliability


def gavel_update(alpha, beta, mu_w, s_w, mu_l, s_l):
    """Gavel's update written literally from the paper's formulas (exponentials, no rewriting), as a check."""
    ew, el = math.exp(mu_w), math.exp(mu_l)
    c1 = ew / (ew + el) + 0.5 * (s_w + s_l) * (ew * el * (el - ew)) / (ew + el) ** 3
    c2 = 1 - c1
    c = (c1 * alpha + c2 * beta) / (alpha + beta)
    expt = (c1 * (alpha + 1) * alpha + c2 * alpha * beta) / (c * (alpha + beta + 1) * (alpha + beta))
    expt_sq = ((c1 * (alpha + 2) * (alpha + 1) * alpha + c2 * (alpha + 1) * alpha * beta)
               / (c * (alpha + beta + 2) * (alpha + beta + 1) * (alpha + beta)))
    var = expt_sq - expt ** 2
    new_alpha, new_beta = (expt - expt_sq) * expt / var, (expt - expt_sq) * (1 - expt) / var
    mult = alpha * ew / (alpha * ew + beta * el) - ew / (ew + el)
    mult_s = alpha * ew * beta * el / (alpha * ew + beta * el) ** 2 - ew * el / (ew + el) ** 2
    return (new_alpha, new_beta, mu_w + s_w * mult, s_w * max(1 + s_w * mult_s, crowd_bt.KAPPA),
            mu_l - s_l * mult, s_l * max(1 + s_l * mult_s, crowd_bt.KAPPA))


def test_first_vote_between_two_unknown_projects():
    judge, winner, loser = crowd_bt.update(Reliability(), Belief(), Belief())
    # Equal beliefs: the vote tells nothing about the judge; the winner moves up by α/(α+β) − ½ = 10/11 − ½.
    assert judge.alpha == pytest.approx(10.0) and judge.beta == pytest.approx(1.0)
    assert winner.mu == pytest.approx(10 / 11 - 0.5) and loser.mu == pytest.approx(-(10 / 11 - 0.5))
    assert winner.sigma_sq == pytest.approx(1 + 10 / 121 - 0.25) == loser.sigma_sq


@pytest.mark.parametrize("case", [
    (10.0, 1.0, 0.0, 1.0, 0.0, 1.0),
    (10.0, 1.0, 1.2, 0.4, -0.3, 0.8),
    (4.0, 3.0, -0.5, 0.2, 0.9, 0.1),
    (12.5, 0.8, 2.0, 0.05, 2.1, 0.07),
])
def test_update_matches_the_published_formulas(case):
    alpha, beta, mu_w, s_w, mu_l, s_l = case
    judge, winner, loser = crowd_bt.update(Reliability(alpha, beta), Belief(mu_w, s_w), Belief(mu_l, s_l))
    expected = gavel_update(*case)
    assert (judge.alpha, judge.beta, winner.mu, winner.sigma_sq, loser.mu, loser.sigma_sq) == pytest.approx(expected)


def test_an_upset_teaches_more_than_the_expected_result():
    strong, weak = Belief(1.5, 0.3), Belief(-1.5, 0.3)
    _j, expected_winner, _l = crowd_bt.update(Reliability(), strong, weak)
    _j, upset_winner, _l = crowd_bt.update(Reliability(), weak, strong)
    assert upset_winner.mu - weak.mu > expected_winner.mu - strong.mu > 0


def test_an_upset_lowers_the_judges_reliability():
    judge, _w, _l = crowd_bt.update(Reliability(), Belief(-2.0, 0.1), Belief(2.0, 0.1))
    assert judge.expected < Reliability().expected


def test_digamma_and_log_beta_known_values():
    euler = 0.5772156649015329
    assert crowd_bt.digamma(1.0) == pytest.approx(-euler, abs=1e-12)
    assert crowd_bt.digamma(0.5) == pytest.approx(-euler - 2 * math.log(2), abs=1e-12)
    assert crowd_bt.digamma(10.0) == pytest.approx(2.251752589066721, abs=1e-12)
    assert crowd_bt.log_beta(2.0, 3.0) == pytest.approx(math.log(1 / 12))
    with pytest.raises(ValueError, match="positive"):
        crowd_bt.digamma(0.0)


def test_divergences_are_zero_for_equal_distributions_and_positive_otherwise():
    assert crowd_bt.kl_gaussian(Belief(0.3, 0.5), Belief(0.3, 0.5)) == pytest.approx(0.0)
    assert crowd_bt.kl_beta(Reliability(3, 2), Reliability(3, 2)) == pytest.approx(0.0, abs=1e-12)
    expected = 0.5 + (0.5 - 1 - math.log(0.5)) / 2
    assert crowd_bt.kl_gaussian(Belief(1.0, 0.5), Belief(0.0, 1.0)) == pytest.approx(expected)
    assert crowd_bt.kl_beta(Reliability(10, 1), Reliability(3, 3)) > 0


def test_information_gain_prefers_uncertain_and_close_projects():
    judge, here = Reliability(), Belief(0.0, 0.5)
    close_unknown = crowd_bt.expected_information_gain(judge, here, Belief(0.1, 1.0))
    close_known = crowd_bt.expected_information_gain(judge, here, Belief(0.1, 0.05))
    far_known = crowd_bt.expected_information_gain(judge, here, Belief(4.0, 0.05))
    assert close_unknown > close_known > far_known > 0
    # A coin-like judge teaches less than a reliable one.
    assert crowd_bt.expected_information_gain(Reliability(2, 2), here, Belief(0.1, 1.0)) < close_unknown
