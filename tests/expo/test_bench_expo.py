"""The expo bench's pieces: Gavel's reference, the simulated world, the figures' summary."""

from __future__ import annotations

from bench.expo import parse_seeds, summary
from bench.expo_gavel import MIN_VIEWS, GavelReference
from bench.expo_sim import make_world, simulate


def test_the_world_is_seeded_and_has_two_coin_tossing_judges():
    one, again = make_world(3), make_world(3)
    assert one.quality == again.quality and one.conflicts == again.conflicts
    assert len(one.projects) == 80 and len(one.judges) == 12 and len(one.random_judges) == 2
    assert make_world(4).quality != one.quality


def test_gavels_reference_is_repeatable_and_never_sends_a_judge_back():
    world = make_world(2, projects=20, judges=4, random_judges=1)
    reference = GavelReference(world.projects, world.judges, seed=2)
    seen: dict[int, list[int]] = {j: [] for j in world.judges}
    for _ in range(10):
        for judge in world.judges:
            previous, current = reference.next_for(judge)
            if current is None:
                continue
            seen[judge].append(current)
            if previous is None:
                reference.begin(judge)
            else:
                reference.vote(judge, current_better=world.prefers_first(judge, current, previous))
    assert all(len(v) == len(set(v)) for v in seen.values())
    # Everyone is seen MIN_VIEWS times before anyone more (barring busy tables).
    assert min(len(judges) for judges in reference.viewed.values()) >= MIN_VIEWS - 1
    first = simulate(make_world(5, projects=20, judges=4), GavelReference(list(range(1, 21)), [1, 2, 3, 4], 5), "g",
                     visits_per_judge=8)
    second = simulate(make_world(5, projects=20, judges=4), GavelReference(list(range(1, 21)), [1, 2, 3, 4], 5), "g",
                      visits_per_judge=8)
    assert first == second and first.votes > 0


def test_seeds_and_summary():
    assert parse_seeds("1-3") == [1, 2, 3] and parse_seeds("2,5") == [2, 5]
    rows = [{"top_overlap": 8, "min_comparisons": 3, "mean_comparisons": 9.0, "votes": 400, "conflicted_visits": 0,
             "kendall_tau": 0.6}, {"top_overlap": 6, "min_comparisons": 4, "mean_comparisons": 11.0, "votes": 420,
                                   "conflicted_visits": 0, "kendall_tau": 0.7}]
    found = summary(rows)
    assert found["top_overlap"] == 7 and found["top_overlap_range"] == [6, 8] and found["seeds_with_8_or_more"] == 1
