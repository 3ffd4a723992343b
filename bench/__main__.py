"""Run the benchmarks: `python -m bench --size small|full [--only fanout,storms,pages,memory,cluster,expo]`.

Every figure is reported next to a baseline measured in the same run, as a ratio, because these machines
are noisy. Results are printed and written to bench/results/<time>.json; bench/README.md records them.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from bench import expo, fanout, memory, pages, storms
from bench.calibration import calibration_ms, stall_probe
from bench.demo_platform import Platform
from bench.stats import ratio

SIZES = {
    "small": {"participants": 150, "fanout": [50, 100], "booking": (100, 10), "badges": 100, "page_repeats": 5,
              "cluster": 200, "stall_probe_s": 3, "expo_seeds": [1, 2]},
    "full": {"participants": 1000, "fanout": [200, 1000, 2000], "booking": (500, 50), "badges": 1000,
             "page_repeats": 30, "cluster": 4000, "stall_probe_s": 10, "expo_seeds": list(range(1, 9))},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--only", default="fanout,storms,pages,memory,cluster",
                        help="any of fanout, storms, pages, memory, "
                             "cluster (4 workers on PostgreSQL and Redis: fan-out and storms), "
                             "expo (the expo round against Gavel's algorithm; not in the default set)")
    parser.add_argument("--postgres", action="store_true", help="run on PostgreSQL instead of SQLite")
    parser.add_argument("--fanout-sizes", default="", help="comma-separated client counts instead of the size's")
    args = parser.parse_args()
    size = SIZES[args.size]
    only = set(args.only.split(","))
    report: dict = {"size": args.size, "database": "postgresql" if args.postgres else "sqlite",
                    "started": time.strftime("%Y-%m-%dT%H:%M:%S"), "calibration_ms": {"start": calibration_ms()},
                    "machine_stalls": stall_probe(size["stall_probe_s"])}

    if "fanout" in only:
        sizes = [int(n) for n in args.fanout_sizes.split(",")] if args.fanout_sizes else size["fanout"]
        report["fanout"] = fanout.run(sizes, postgres=args.postgres)

    if "expo" in only:
        report["expo"] = expo.run(size["expo_seeds"])
        print(expo.table(report["expo"]))

    if "cluster" in only:
        report["cluster_fanout"] = fanout.cluster_fanout(size["cluster"], workers=4)
        clients, slots = size["booking"]
        report["cluster_storms"] = storms.cluster_storms(4, clients, slots, size["badges"])

    if only & {"storms", "pages", "memory"}:
        # Enough mentors that the booking storm finds its slots available (a mentor is in one place at a time).
        platform = Platform(max(size["participants"], size["booking"][0] + 50), postgres=args.postgres,
                            mentors=max(12, size["booking"][1]))
        try:
            server = platform.server()
            if "pages" in only:
                report["pages"] = pages.run(platform, size["page_repeats"])
            if "storms" in only:
                clients, slots = size["booking"]
                pid = server.process.pid
                storm = storms.booking_storm(platform, server.url, pid, clients, slots)
                example = storm.pop("slot_example")
                bare = storms.bare_booking_storm(clients, storm["slots"], example)
                stored = storms.bare_booking_storm(clients, storm["slots"], example, store=True)
                storm["convergence_ratio"] = ratio(storm["converged_ms"], bare["converged_ms"])
                storm["ack_p99_ratio"] = ratio(storm["ack"]["p99_ms"], bare["ack"]["p99_ms"])
                storm["ack_p99_ratio_to_store"] = ratio(storm["ack"]["p99_ms"], stored["ack"]["p99_ms"])
                storm["convergence_ratio_to_store"] = ratio(storm["converged_ms"], stored["converged_ms"])
                report["booking_storm"], report["booking_baseline"] = storm, bare
                report["booking_baseline_with_store"] = stored
                floor = storms.command_floor(platform, server.url, pid, clients)
                floor["ack_p99_ratio"] = ratio(floor["platform"]["p99_ms"], floor["bare"]["p99_ms"])
                floor["ack_p99_ratio_to_authenticated"] = ratio(floor["platform"]["p99_ms"],
                                                                floor["bare_authenticated"]["p99_ms"])
                report["command_floor"] = floor
                report["checkin_storm_max"] = storms.checkin_storm(platform, server.url, pid, size["badges"])
                server.restart()  # a fresh day's worth of state is not needed: the paced run re-scans (amber)
                pid = server.process.pid
                report["checkin_storm_20_per_s"] = storms.checkin_storm(platform, server.url, pid,
                                                                        min(size["badges"], 400), rate=20.0)
                report["scoring_storm"] = storms.scoring_storm(platform, server.url, pid)
            if "memory" in only:
                report["memory"] = memory.run(platform, server.url, server.process.pid,
                                              min(1000, size["participants"]))
            server.assert_clean_log()
        finally:
            platform.close()

    report["calibration_ms"]["end"] = calibration_ms()
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    path = out / f"{report['started'].replace(':', '')}-{args.size}-{report['database']}.json"
    path.write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    print(f"written to {path}")
    if os.environ.get("BENCH_FAIL_ON_ERRORS") and "error" in json.dumps(report).lower():
        raise SystemExit(1)


if __name__ == "__main__":
    main()
