"""Summarise a load run: throughput, p50/p95/p99 per kind of request and overall, and errors.

    .venv/bin/python benchmarks/load/report.py RUN_DIRECTORY

reads ``samples.json`` written by the locustfile (and ``loadavg.txt`` from the run script, when
there) and prints a Markdown table. Figures cover the steady part of the run, from the moment
every simulated user had arrived until the end; the ramp-up is counted only in the totals line.
"""

import json
import math
import os
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
        "degraded": Counter(sample["degraded"] for sample in samples if "degraded" in sample),
        "requests": requests,
        "locust_cpu": events.get("stop", {}).get("cpu"),
        "error_kinds": Counter(r["error"] for r in requests if r["error"]).most_common(10),
    }


def cpu_lines(summary, before, after):
    """CPU seconds each server used per request (per search for Elasticsearch), and in all."""
    used = {name: after[name] - before[name] for name in after if after[name] is not None}
    if summary.get("locust_cpu") is not None:
        used["locust"] = summary["locust_cpu"]
    requests = summary["total_requests"]
    searches = sum(1 for r in summary["requests"] if r["name"] in SEARCH_KINDS)
    lines = [
        "",
        f"CPU used during the run ({summary['run_seconds']:.0f} s, "
        f"{os.cpu_count()} cores = {summary['run_seconds'] * os.cpu_count():.0f} CPU seconds):",
    ]
    for name, seconds in used.items():
        per = f"{1000 * seconds / searches:.0f} ms a search" if name == "search" else ""
        per = per or f"{1000 * seconds / max(requests, 1):.0f} ms a request"
        lines.append(f"  {name}: {seconds:.0f} CPU s ({per})")
    total = sum(used.values())
    share = total / (summary["run_seconds"] * os.cpu_count())
    lines.append(
        f"  together: {total:.0f} CPU s, {share:.0%} of the machine; the rest went to other work."
    )
    return lines


def render(summary, loadavg=None, cpu=None):
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
    degraded = summary["degraded"]
    searches = sum(1 for r in summary["requests"] if r["name"] in SEARCH_KINDS)
    lines += [
        "",
        f"Searches in the whole run answered by the database because Elasticsearch missed "
        f"its deadline: {sum(degraded.values())} of {searches}"
        + (f" ({', '.join(f'{n} {k}' for k, n in degraded.items())})." if degraded else "."),
    ]
    if summary["error_kinds"]:
        lines += ["", "Errors:"]
        lines += [f"  {count} x {error}" for error, count in summary["error_kinds"]]
    if cpu:
        lines += cpu_lines(summary, *cpu)
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
    samples = json.loads(samples_file.read_text(encoding="utf-8"))
    if not any("name" in sample for sample in samples):
        sys.exit(f"The load run in {directory} made no requests: see locust.log there.")
    summary = summarise(samples)
    loadavg_file = directory / "loadavg.txt"
    loadavg = loadavg_file.read_text().splitlines() if loadavg_file.exists() else None
    cpu_files = [directory / "cpu-before.json", directory / "cpu-after.json"]
    cpu = None
    if all(path.exists() for path in cpu_files):
        cpu = [json.loads(path.read_text()) for path in cpu_files]
    print(render(summary, loadavg, cpu))
    return 1 if summary["total_errors"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
