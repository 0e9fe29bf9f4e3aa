"""Summarise a load run: throughput, p50/p95/p99 per kind of request and overall, and errors.

    .venv/bin/python benchmarks/load/report.py RUN_DIRECTORY

reads ``samples.json`` written by the locustfile (and ``loadavg.txt`` from the run script, when
there) and prints a Markdown table. Figures cover the steady part of the run, from the moment
every simulated user had arrived until the end; the ramp-up is counted only in the totals line.
"""

import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

SEARCH_KINDS = ("search", "api search")


def percentile(values, fraction):
    """Nearest-rank percentile of a sorted list."""
    if not values:
        return float("nan")
    rank = max(1, math.ceil(fraction * len(values)))
    return values[rank - 1]


def summarise(samples):
    events = {sample["event"]: sample for sample in samples if "event" in sample}
    requests = [sample for sample in samples if "name" in sample]
    start = events.get("start", {}).get("at") or min(r["at"] for r in requests)
    stop = events.get("stop", {}).get("at") or max(r["at"] for r in requests)
    steady_from = events.get("spawned", {}).get("at", start)
    steady = [r for r in requests if r["at"] >= steady_from]
    groups = defaultdict(list)
    for r in steady:
        groups[r["name"]].append(r)
        groups["(all)"].append(r)
        if r["name"] in SEARCH_KINDS:
            groups["(search: page and API)"].append(r)
    seconds = max(stop - steady_from, 1e-9)
    rows = []
    for name in sorted(groups, key=lambda n: (n.startswith("("), n)):
        items = groups[name]
        times = sorted(r["ms"] for r in items)
        rows.append(
            {
                "name": name,
                "count": len(items),
                "rps": len(items) / seconds,
                "p50": percentile(times, 0.50),
                "p95": percentile(times, 0.95),
                "p99": percentile(times, 0.99),
                "max": times[-1],
                "errors": sum(1 for r in items if r["error"]),
            }
        )
    return {
        "total_requests": len(requests),
        "total_errors": sum(1 for r in requests if r["error"]),
        "run_seconds": stop - start,
        "steady_seconds": seconds,
        "rows": rows,
        "error_kinds": Counter(r["error"] for r in requests if r["error"]).most_common(10),
    }


def render(summary, loadavg=None):
    lines = [
        f"Whole run: {summary['total_requests']} requests in {summary['run_seconds']:.0f} s "
        f"({summary['total_requests'] / summary['run_seconds']:.1f} requests/s including the "
        f"ramp-up), {summary['total_errors']} errors.",
        f"Steady state (all users arrived): {summary['steady_seconds']:.0f} s.",
        "",
        "| request | count | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in summary["rows"]:
        lines.append(
            f"| {row['name']} | {row['count']} | {row['rps']:.1f} | {row['p50']:.0f} | "
            f"{row['p95']:.0f} | {row['p99']:.0f} | {row['max']:.0f} | {row['errors']} |"
        )
    if summary["error_kinds"]:
        lines += ["", "Errors:"]
        lines += [f"  {count} x {error}" for error, count in summary["error_kinds"]]
    if loadavg:
        lines += ["", "Load average (1, 5, 15 min) during the run:"]
        lines += [f"  {line}" for line in loadavg]
    return "\n".join(lines)


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: report.py RUN_DIRECTORY")
    directory = Path(argv[1])
    samples_file = directory / "samples.json"
    if not samples_file.exists():
        sys.exit(f"No samples in {directory}: the load run did not finish.")
    summary = summarise(json.loads(samples_file.read_text(encoding="utf-8")))
    loadavg_file = directory / "loadavg.txt"
    loadavg = loadavg_file.read_text().splitlines() if loadavg_file.exists() else None
    print(render(summary, loadavg))
    return 1 if summary["total_errors"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
