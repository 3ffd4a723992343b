"""Results arithmetic against hand-computed examples: weights, per-juror normalisation, conflicts, ties."""

from __future__ import annotations

import math

import pytest

from hackathon.judging import conflicts, results, scoring
from hackathon.judging.criteria import CriterionFields, list_criteria
from hackathon.judging.models import Criterion
from hackathon.transactions import unit_of_work
from tests.judging.conftest import add_criteria, make_teams

ONE = [Criterion(key="q", name="Quality", weight=1, min_score=0, max_score=10, position=1)]


def test_raw_weighted_places_each_criterion_on_its_scale_then_weights():
    two = [Criterion(key="a", name="A", weight=2, min_score=0, max_score=10, position=1),
           Criterion(key="b", name="B", weight=1, min_score=1, max_score=5, position=2)]
    # a: 5 of 0..10 is 0.5; b: 5 of 1..5 is 1.0; (2 * 0.5 + 1 * 1.0) / 3 = 2/3
    assert results.raw_weighted(two, {"a": 5, "b": 5}) == pytest.approx(200 / 3)
    assert results.raw_weighted(two, {"a": 0, "b": 1}) == 0
    assert results.raw_weighted(two, {"a": 10, "b": 1}) == pytest.approx(200 / 3)


def test_a_harsh_and_a_lenient_juror_count_the_same_and_ties_break_on_the_raw_mean():
    lenient, harsh = 1, 2
    teams = {1: "S", 2: "R", 3: "P", 4: "Q"}
    sheets = [(lenient, 1, {"q": 10}), (lenient, 2, {"q": 8}),  # raw 100 and 80: z +1 and -1
              (harsh, 3, {"q": 4}), (harsh, 4, {"q": 2})]  # raw 40 and 20: z +1 and -1
    ranked = results.compute(ONE, teams, sheets)
    assert [(r.name, r.rank) for r in ranked] == [("S", 1), ("P", 2), ("R", 3), ("Q", 4)]
    by_name = {r.name: r for r in ranked}
    # P was the harsh juror's best: it beats R, the lenient juror's worst, although its raw mean is half of R's.
    assert by_name["P"].score == pytest.approx(1) and by_name["P"].raw == pytest.approx(40)
    assert by_name["R"].score == pytest.approx(-1) and by_name["R"].raw == pytest.approx(80)
    assert not any(r.tied for r in ranked)  # S and P are equal on z and parted by the raw mean


def test_exact_ties_share_the_rank():
    teams = {1: "Alpha", 2: "Beta", 3: "Gamma"}
    sheets = [(1, 1, {"q": 7}), (1, 2, {"q": 7}), (1, 3, {"q": 3})]
    ranked = results.compute(ONE, teams, sheets)
    assert [(r.name, r.rank, r.tied) for r in ranked] == [("Alpha", 1, True), ("Beta", 1, True), ("Gamma", 3, False)]


def test_tie_on_score_and_raw_breaks_on_the_heaviest_criterion():
    two = [Criterion(key="light", name="L", weight=1, min_score=0, max_score=10, position=1),
           Criterion(key="heavy", name="H", weight=2, min_score=0, max_score=10, position=2)]
    # Both teams get raw (2*4 + 8)/3 vs (2*5 + 6)/3 = 16/3 each from one juror, and one other team keeps sd > 0.
    teams = {1: "Light-strong", 2: "Heavy-strong", 3: "Weak"}
    sheets = [(1, 1, {"light": 8, "heavy": 4}), (1, 2, {"light": 6, "heavy": 5}), (1, 3, {"light": 0, "heavy": 0})]
    ranked = results.compute(two, teams, sheets)
    assert [r.name for r in ranked] == ["Heavy-strong", "Light-strong", "Weak"]
    assert ranked[0].rank == 1 and ranked[1].rank == 2


def test_one_juror_who_gives_everyone_the_same_contributes_zero():
    teams = {1: "A", 2: "B"}
    ranked = results.compute(ONE, teams, [(1, 1, {"q": 5}), (1, 2, {"q": 5}), (2, 1, {"q": 9}), (2, 2, {"q": 1})])
    assert {r.name: r.score for r in ranked} == {"A": pytest.approx(0.5), "B": pytest.approx(-0.5)}


def test_a_team_without_sheets_is_listed_last_unranked():
    ranked = results.compute(ONE, {1: "A", 2: "B", 3: "C"}, [(1, 1, {"q": 5}), (1, 2, {"q": 3})])
    assert [(r.name, r.rank, r.sheets) for r in ranked][-1] == ("C", None, 0)


def test_a_conflict_does_not_penalise_the_team(app, make, event):
    j1, j2, j3 = (make.staff(event, "jury") for _ in range(3))
    a, b, c = make_teams(event, ["A", "B", "C"])
    add_criteria(event, [CriterionFields(key="q", name="Quality", weight=1, min=0, max=10)])
    with unit_of_work():
        from hackathon.judging import session
        session.open_scoring(event)

    def score(juror, team, value):
        with unit_of_work():
            scoring.save_sheet(event, juror, team.id, {"q": value})

    for juror, values in ((j1, (9, 5, 7)), (j2, (8, 4, 6))):
        for team, value in zip((a, b, c), values, strict=True):
            score(juror, team, value)
    score(j3, a, 3)
    score(j3, b, 1)
    score(j3, c, 10)  # stored before the conflict was declared: it must not count afterwards
    with unit_of_work():
        conflicts.declare(event, j3, team_id=c.id, declared_by="organiser")

    found = {r.name: r for r in results.event_results(event)}
    z = math.sqrt(1.5)  # 90, 50, 70 (and 80, 40, 60): mean 70, sd sqrt(800/3): z = ±sqrt(3/2), 0
    assert found["A"].score == pytest.approx((z + z + 1) / 3)
    assert found["B"].score == pytest.approx(-(z + z + 1) / 3)
    assert found["C"].score == pytest.approx(0) and found["C"].sheets == 2
    assert found["C"].raw == pytest.approx(65)
    assert [found[n].rank for n in "ABC"] == [1, 3, 2]
    assert found["A"].criteria == {"q": pytest.approx(20 / 3)}
    assert [c.key for c in list_criteria(event)] == ["q"]
