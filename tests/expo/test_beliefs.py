"""The model folded from votes, the ranking, judges' standings and the choice of the next project: pure."""

from __future__ import annotations

from hackathon.expo.beliefs import Vote, comparisons, fold, judge_standings, ranking
from hackathon.expo.choose import Candidate, choose_next, contenders, preferred


def chain(judge: int, pairs, start: int = 1) -> list[Vote]:
    return [Vote(start + i, judge, winner, loser) for i, (winner, loser) in enumerate(pairs)]


def test_fold_is_the_votes_in_order_of_casting_whatever_the_order_given():
    votes = chain(1, [(1, 2), (2, 3), (1, 3), (3, 2)])
    assert fold(votes, [1, 2, 3]) == fold(list(reversed(votes)), [1, 2, 3])
    places = ranking(fold(votes, [1, 2, 3]), [1, 2, 3], votes)
    assert places[0].project == 1 and places[-1].project == 2
    assert places[0].rank == 1 and places[0].low < places[0].mu < places[0].high


def test_the_order_of_casting_matters_and_gaps_in_it_do_not():
    first, second = chain(1, [(1, 2), (3, 1)])
    assert fold([first, second], [1, 2, 3]) != fold([Vote(3, 1, 1, 2), Vote(2, 1, 3, 1)], [1, 2, 3])
    # A vote undone between them leaves a gap in the sequence: the same model as if it had never been cast.
    assert fold([first, Vote(9, 1, 3, 1)], [1, 2, 3]) == fold([first, second], [1, 2, 3])


def test_unseen_projects_keep_the_prior_and_rank_by_id():
    places = ranking(fold([], [5, 3, 4]), [5, 3, 4])
    assert [p.project for p in places] == [3, 4, 5] and all(p.comparisons == 0 for p in places)


def test_comparisons_count_both_sides():
    assert comparisons(chain(1, [(1, 2), (2, 3)])) == {1: 1, 2: 2, 3: 1}


def test_a_judge_who_contradicts_everyone_is_flagged():
    truth = list(range(1, 9))  # 1 best
    pairs = [(a, b) for a in truth for b in truth if a < b]
    honest = [Vote(i, 1 + i % 3, a, b) for i, (a, b) in enumerate(pairs, start=1)]
    contrary = [Vote(100 + i, 9, b, a) for i, (a, b) in enumerate(pairs[:10])]
    standings = {s.judge: s for s in judge_standings(honest + contrary, [1, 2, 3, 9, 10], truth)}
    assert standings[9].flagged and standings[9].agreement < 0.2
    assert not any(standings[j].flagged for j in (1, 2, 3))
    assert standings[10].votes == 0 and standings[10].agreement is None and not standings[10].flagged


def test_preferred_avoids_busy_tables_then_prefers_short_projects():
    candidates = [Candidate(1, 0, busy=True), Candidate(2, 5), Candidate(3, 1)]
    assert [c.project for c in preferred(candidates, 3)] == [3]
    assert [c.project for c in preferred([Candidate(1, 0, busy=True)], 3)] == [1]
    assert [c.project for c in preferred([Candidate(2, 5), Candidate(4, 4)], 3, {4})] == [4]


def test_first_visit_goes_to_the_least_compared_then_information_gain_decides():
    model = fold(chain(1, [(1, 2), (1, 3), (1, 4), (2, 3)]), [1, 2, 3, 4, 5])
    assert choose_next(model, 7, None, [Candidate(2, 2), Candidate(5, 0)], 1) == 5
    best = choose_next(model, 7, 1, [Candidate(2, 2), Candidate(3, 2), Candidate(4, 1)], 1)
    assert best in {2, 3, 4}
    assert choose_next(model, 7, 1, [], 1) is None


def test_contenders_are_the_projects_near_the_finalists_line():
    votes = [Vote(i, 1, 1, 4) for i in range(1, 30)] + [Vote(100 + i, 1, 2, 4) for i in range(1, 30)]
    model = fold(votes, [1, 2, 3, 4])
    near = contenders(model, [1, 2, 3, 4], 1)
    assert 3 in near and 4 not in near
    assert contenders(model, [1, 2], 5) == {1, 2}
