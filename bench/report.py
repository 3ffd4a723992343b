"""Render a benchmark result (bench/results/*.json) as the Markdown tables of bench/README.md."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _row(cells: list) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def render(report: dict) -> str:
    """Markdown for one run."""
    lines = [f"Run of {report['started']}, size `{report['size']}`, database {report['database']}.", ""]
    if report.get("calibration_ms"):
        c = report["calibration_ms"]
        lines += [f"Machine calibration (bench/calibration.py; lower is faster): {c.get('start')} ms at the start, "
                  f"{c.get('end')} ms at the end.", ""]
    if report.get("machine_stalls"):
        m = report["machine_stalls"]
        lines += [f"Machine stalls (bench/calibration.py, {m['seconds']:g} s idle, a ~{m['median_run_ms']} ms workload "
                  f"on each of {m['cpus']} CPUs): {m['windows']} windows of runs 3x slower or more, "
                  f"{m['every_cpu_at_once']} of them on every CPU at once; the longest {m['longest_window_ms']} ms; "
                  f"the slowest run {m['slowest_run_ratio']}x the median.", ""]
    if report.get("fanout"):
        lines += ["**Fan-out** (a slot booked; latency from the command to each client's fact):", "",
                  _row(["clients", "delivered", "p50 ms", "p99 ms", "max ms", "baseline p50", "baseline p99",
                        "p50 ratio", "p99 ratio"]), _row(["---"] * 9)]
        for r in report["fanout"]:
            p, b = r["platform"], r["baseline"]
            lines.append(_row([r["clients"], f"{p['delivered']}/{p['expected']}", p["p50_ms"], p["p99_ms"],
                               p["max_ms"], b["p50_ms"], b["p99_ms"], r["p50_ratio"], r["p99_ratio"]]))
        lines.append("")
    if report.get("cluster_fanout"):
        c = report["cluster_fanout"]
        lines += [f"**Fan-out over {c['workers']} workers** (PostgreSQL and Redis; bookings made on worker 1; the "
                  "median round):", "",
                  _row(["clients", "delivered", "p50 ms", "p99 ms", "max ms"]), _row(["---"] * 5),
                  _row([c["expected"], f"{c['delivered']}/{c['expected']}", c["p50_ms"], c["p99_ms"], c["max_ms"]]),
                  ""]
    if report.get("cluster_storms"):
        c = report["cluster_storms"]
        b, k = c["booking_storm"], c["checkin_storm_max"]
        lines += [f"**Storms over {c['workers']} workers** (PostgreSQL and Redis; clients spread over the workers, "
                  "each door on its own; nothing pinned):", "",
                  _row(["storm", "clients", "winners / rate", "answers", "ack p50 ms", "ack p99 ms",
                        "converged ms", "longest heartbeat gap ms"]), _row(["---"] * 8),
                  _row(["booking", b["clients"], b["winners"], b["answers"], b["ack"]["p50_ms"], b["ack"]["p99_ms"],
                        b["converged_ms"], b["heartbeat_gap_ms"]]),
                  _row(["check-in", f"{k['doors']} doors", k["scans_per_s"], k["answers"], k["verdict"]["p50_ms"],
                        k["verdict"]["p99_ms"], "", k["heartbeat_gap_ms"]])]
        if c.get("scoring_storm"):
            j = c["scoring_storm"]
            lines.append(_row(["scoring", f"{j['jurors']} jurors", f"{j['sheets_per_s']} sheets/s", j["answers"],
                               j["ack"]["p50_ms"], j["ack"]["p99_ms"], "", j["heartbeat_gap_ms"]]))
        lines.append("")
    if report.get("booking_storm"):
        lines += ["**Booking storm** (the baseline: the same storm against the bare server, booking from memory):",
                  "", _row(["run", "clients", "slots", "winners", "answers", "ack p50 ms", "ack p99 ms", "converged ms",
                            "longest heartbeat gap ms"]), _row(["---"] * 9)]
        for name, s in (("platform", report["booking_storm"]), ("bare server", report["booking_baseline"])):
            lines.append(_row([name, s["clients"], s["slots"], s["winners"], s["answers"], s["ack"]["p50_ms"],
                               s["ack"]["p99_ms"], s["converged_ms"], s["heartbeat_gap_ms"]]))
        storm = report["booking_storm"]
        lines += ["", f"Ratios to the bare server: ack p99 {storm['ack_p99_ratio']}, "
                      f"convergence {storm['convergence_ratio']}.", ""]
    if report.get("command_floor"):
        f = report["command_floor"]
        lines += [f"**Command floor** ({f['clients']} clients send `session:whoami` at once):", "",
                  _row(["server", "ack p50 ms", "ack p99 ms"]), _row(["---"] * 3),
                  _row(["platform", f["platform"]["p50_ms"], f["platform"]["p99_ms"]]),
                  _row(["bare server", f["bare"]["p50_ms"], f["bare"]["p99_ms"]]), "",
                  f"Ratio ack p99: {f['ack_p99_ratio']}.", ""]
    for key, title in (("checkin_storm_max", "Check-in storm, as fast as answered"),
                       ("checkin_storm_20_per_s", "Check-in storm, paced at 20 scans/s")):
        if report.get(key):
            c = report[key]
            lines += [f"**{title}**:", "", _row(["badges", "doors", "scans/s", "verdict p50 ms", "verdict p99 ms",
                                                 "answers", "longest heartbeat gap ms"]), _row(["---"] * 7),
                      _row([c["badges"], c["doors"], c["scans_per_s"], c["verdict"]["p50_ms"], c["verdict"]["p99_ms"],
                            c["answers"], c["heartbeat_gap_ms"]]), ""]
    if report.get("scoring_storm"):
        c = report["scoring_storm"]
        lines += ["**Scoring storm**:", "", _row(["jurors", "teams", "sheets/s", "ack p50 ms", "ack p99 ms", "answers",
                                                  "longest heartbeat gap ms"]), _row(["---"] * 7),
                  _row([c["jurors"], c["teams"], c["sheets_per_s"], c["ack"]["p50_ms"], c["ack"]["p99_ms"],
                        c["answers"], c["heartbeat_gap_ms"]]), ""]
    if report.get("pages"):
        lines += ["**Pages** (server time in-process, SQL statements per request):", "",
                  _row(["page", "as", "queries", "p50 ms", "p95 ms"]), _row(["---"] * 5)]
        for p in report["pages"]:
            lines.append(_row([f"`{p['page']}`", p["as"], p.get("queries", f"status {p.get('status')}"),
                               p.get("p50_ms", ""), p.get("p95_ms", "")]))
        lines.append("")
    if report.get("memory"):
        m = report["memory"]
        lines += ["**Memory**:", "", _row(["idle sockets", "RSS before MiB", "RSS after MiB", "MiB per 1,000 sockets"]),
                  _row(["---"] * 4), _row([m["clients"], m["rss_before_mib"], m["rss_after_mib"],
                                           m["mib_per_1000_sockets"]]), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(json.loads(Path(sys.argv[1]).read_text())))
