"""The expo round against Gavel: `python -m bench.expo [--seeds 1-5] [--visits 40]` (or `python -m bench --only expo`).

For each seed, the same simulated expo (bench/expo_sim.py: 80 projects with hidden qualities, 12 judges, two
of them coins, some with conflicts) is walked through the platform's real commands on a fresh SQLite database
and through Gavel's published algorithm (bench/expo_gavel.py). Printed as a table and written to
bench/results/<time>-expo.json; bench/README.md records the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.expo_gavel import GavelReference
from bench.expo_sim import VISITS_PER_JUDGE, make_world, simulate

FIELDS = ("top_overlap", "min_comparisons", "mean_comparisons", "votes", "conflicted_visits", "kendall_tau")


def platform_run(seed: int, visits: int) -> dict:
    """One seed through the platform's commands, in an app of its own on a fresh SQLite file."""
    from bench.expo_platform import PlatformExpo
    from hackathon import create_app
    from hackathon.config import TestConfig
    from hackathon.expo.rounds import get_round
    from hackathon.expo.standings import ranking
    from hackathon.extensions import db

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(TestConfig(f"sqlite:///{Path(tmp) / 'expo.sqlite'}"))
        with app.app_context():
            db.create_all()
            world = make_world(seed)
            expo = PlatformExpo(world)
            started = time.perf_counter()
            result = simulate(world, expo, "platform", visits_per_judge=visits)
            seconds = time.perf_counter() - started
            judges = ranking(get_round(expo.event, expo.round_id))["judges"]
            user_of = {u.id: j for j, u in expo.users.items()}
            flagged = {user_of[j["judge_id"]] for j in judges if j["flagged"]}
            row = result.as_dict()
            row.update({"db_conflicted_visits": expo.conflicted_visits(), "seconds": round(seconds, 1),
                        "random_flagged": len(flagged & world.random_judges),
                        "careful_flagged": len(flagged - world.random_judges)})
            db.session.remove()
            db.engine.dispose()
    return row


def gavel_run(seed: int, visits: int) -> dict:
    """One seed through Gavel's algorithm (in memory)."""
    world = make_world(seed)
    return simulate(world, GavelReference(world.projects, world.judges, seed), "gavel",
                    visits_per_judge=visits).as_dict()


def summary(rows: list[dict]) -> dict:
    """Mean (and, for the top-10 overlap, the range) over the seeds."""
    found = {f: round(statistics.mean(r[f] for r in rows), 2) for f in FIELDS}
    found["top_overlap_range"] = [min(r["top_overlap"] for r in rows), max(r["top_overlap"] for r in rows)]
    found["seeds_with_8_or_more"] = sum(1 for r in rows if r["top_overlap"] >= 8)
    return found


def run(seeds: list[int], visits: int = VISITS_PER_JUDGE) -> dict:
    """Both algorithms over these seeds: every run's figures and their means."""
    platform = [platform_run(s, visits) for s in seeds]
    gavel = [gavel_run(s, visits) for s in seeds]
    return {"seeds": seeds, "visits_per_judge": visits, "platform": platform, "gavel": gavel,
            "platform_summary": summary(platform), "gavel_summary": summary(gavel)}


def table(report: dict) -> str:
    """The figures side by side, one line per seed, then the means."""
    lines = ["seed | platform top-10 | Gavel top-10 | platform min/mean comparisons | Gavel min/mean | "
             "platform tau | Gavel tau | conflicted visits platform/Gavel | random judges flagged"]
    for mine, theirs in zip(report["platform"], report["gavel"], strict=True):
        lines.append(f"{mine['seed']} | {mine['top_overlap']}/10 | {theirs['top_overlap']}/10 | "
                     f"{mine['min_comparisons']}/{mine['mean_comparisons']} | "
                     f"{theirs['min_comparisons']}/{theirs['mean_comparisons']} | {mine['kendall_tau']} | "
                     f"{theirs['kendall_tau']} | {mine['conflicted_visits']}/{theirs['conflicted_visits']} | "
                     f"{mine['random_flagged']}/2 (+{mine['careful_flagged']} careful)")
    a, b = report["platform_summary"], report["gavel_summary"]
    lines.append(f"mean | {a['top_overlap']} | {b['top_overlap']} | {a['min_comparisons']}/{a['mean_comparisons']} | "
                 f"{b['min_comparisons']}/{b['mean_comparisons']} | {a['kendall_tau']} | {b['kendall_tau']} | "
                 f"{a['conflicted_visits']}/{b['conflicted_visits']} |")
    return "\n".join(lines)


def parse_seeds(text: str) -> list[int]:
    """'1-5' or '1,3,7' into seeds."""
    if "-" in text:
        low, high = text.split("-", 1)
        return list(range(int(low), int(high) + 1))
    return [int(s) for s in text.split(",") if s]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1-5")
    parser.add_argument("--visits", type=int, default=VISITS_PER_JUDGE, help="visits per judge")
    args = parser.parse_args()
    report = run(parse_seeds(args.seeds), args.visits)
    report["started"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    print(table(report))
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    path = out / f"{report['started'].replace(':', '')}-expo.json"
    path.write_text(json.dumps(report, indent=2))
    print(f"written to {path}")
    if os.environ.get("BENCH_FAIL_ON_ERRORS") and report["platform_summary"]["conflicted_visits"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
