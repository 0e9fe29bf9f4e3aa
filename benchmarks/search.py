"""Time the whole search request, count its SQL queries, and time an index rebuild.

    scripts/services/with-services sh -c '
        .venv/bin/python benchmarks/generate.py --findings 10000 &&
        .venv/bin/python benchmarks/search.py'

Each scenario (a query, filters, an order, a page, a typo, a synonym) is requested through
Django's test client, as the search page (/search/) and as JSON (/api/search/), on the database
backend and, when ``ELASTICSEARCH_URL`` is set, on Elasticsearch after a full rebuild. It prints
p50, p95 and the slowest time per scenario, the SQL queries per request at page sizes 10 and 50
(they must be equal, except that a page with no findings on it skips the two queries that
fetch findings), and the rebuild's throughput in findings a second.

The JSON requests of each scenario with a text query are interleaved, request by request, with
its peer: plain Wagtail search on the same data, ``ProjectPage.objects.live().public().search(q)``
on Wagtail's database search backend (``WAGTAILSEARCH_BACKENDS``: the default on a site without
Elasticsearch, else the ``database`` entry kept beside it), its first 10 results read. The ratio
of medians (this site's JSON p50 / the peer's p50) is printed and recorded; at most 1.0 means
the site answers as fast as plain Wagtail while doing more (findings as hits, seven facets,
highlighting). For "q + theme" the peer filters on the theme too, by project id (Wagtail's search
filters on the model's own filter fields only, and the themes are a relation). The peer has no
order or page of its own: "sort=newest" and "page 2" time the same first 10 by relevance.
Scenarios without a text query ("filters only") have no peer.

Each scenario repeats one search, so on Elasticsearch its facet counts come from the server's
request cache after the first request (as they do for a popular search until the index next
changes); the "es uncached" rows repeat the Elasticsearch scenarios with that cache emptied
before every request.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, the repository is not on the path.
sys.path.insert(0, str(ROOT))

from benchmarks import common  # noqa: E402

SCENARIOS = [
    ("q only", {"q": "trauma informed schools"}),
    ("q + theme", {"q": "exclusion", "theme": "belonging"}),
    ("filters only", {"place": "Kirklees", "evidence": "interviews", "confidence": "strong"}),
    ("sort=newest", {"q": "custody", "sort": "newest"}),
    ("page 2", {"q": "young people", "page": "2"}),
    ("typo", {"q": "behavoiurs"}),
    ("synonym", {"q": "ACEs"}),
]
PAGES = [("page", "/search/"), ("json", "/api/search/")]


def percentile(samples, fraction):
    """The nearest-rank percentile of ``samples`` (``fraction`` 0.95 for p95)."""
    ordered = sorted(samples)
    rank = max(1, round(fraction * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


def time_requests(client, path, params, requests, budget, prepare=None, peer=None):
    """Milliseconds (wall clock, and this process's CPU time) for each of up to ``requests``
    requests, stopping early after ``budget`` seconds (but never before five), after two
    unmeasured warm-up requests. On a busy machine the CPU time shows what the request itself
    costs in Python, whatever it waited for. ``prepare``, if given, runs before each timed
    request, outside the timing. ``peer``, if given, is a function timed right after each
    request, so that both meet the same load; its samples come back as a second pair (else
    empty lists)."""
    for _ in range(2):
        response = client.get(path, params)
        if response.status_code != 200:
            raise RuntimeError(f"{path}?{params} answered {response.status_code}")
        if peer:
            peer()
    samples, cpu, peer_samples, peer_cpu = [], [], [], []
    started = time.perf_counter()
    while len(samples) < requests:
        if prepare:
            prepare()
        before, before_cpu = time.perf_counter(), time.process_time()
        response = client.get(path, params)
        samples.append((time.perf_counter() - before) * 1000)
        cpu.append((time.process_time() - before_cpu) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path}?{params} answered {response.status_code}")
        if peer:
            before, before_cpu = time.perf_counter(), time.process_time()
            peer()
            peer_samples.append((time.perf_counter() - before) * 1000)
            peer_cpu.append((time.process_time() - before_cpu) * 1000)
        if len(samples) >= 5 and time.perf_counter() - started > budget:
            break
    return (samples, cpu), (peer_samples, peer_cpu)


def wagtail_peer(params):
    """Plain Wagtail's search for the scenario's query (its first 10 results, read), or None
    for a scenario without a text query. See the module's docstring for what it leaves out."""
    if not params.get("q"):
        return None
    from django.conf import settings

    from projects.models import ProjectPage, ProjectPageTheme

    backend = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"

    def search():
        pages = ProjectPage.objects.live().public()
        if params.get("theme"):
            themed = ProjectPageTheme.objects.filter(tag__slug=params["theme"])
            pages = pages.filter(id__in=list(themed.values_list("content_object_id", flat=True)))
        return list(pages.search(params["q"], backend=backend)[:10])

    return search


def count_queries(client, path, params, page_size):
    """SQL queries of one request with ``page_size`` hits a page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import search.runner

    with mock.patch.object(search.runner, "PAGE_SIZE", page_size):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, params)
    if response.status_code != 200:
        raise RuntimeError(f"{path}?{params} answered {response.status_code}")
    return len(queries)


def kinds_on_page(client, params, page_size):
    """The kinds of hit ("project", "finding") on the first page at ``page_size``."""
    import search.runner

    with mock.patch.object(search.runner, "PAGE_SIZE", page_size):
        response = client.get("/api/search/", params)
    return {hit["kind"] for hit in response.json()["results"]}


def rebuild_indices():
    """Rebuild both indices; return (seconds, documents, CPU seconds) per document kind."""
    from search.client import rebuild_client as get_client
    from search.documents import DOCUMENTS
    from search.indexing import rebuild

    client = get_client()
    timings = {}
    try:
        for document in DOCUMENTS:
            started, started_cpu = time.perf_counter(), time.process_time()
            rebuild(client, document)
            seconds = time.perf_counter() - started
            cpu = time.process_time() - started_cpu
            count = client.count(index=document.alias())["count"]
            timings[document.alias_suffix] = (seconds, count, cpu)
    finally:
        client.close()
    return timings


def _emptier_of_the_request_cache():
    """A function that empties Elasticsearch's shard request cache for the search indices."""
    from search.client import rebuild_client as get_client
    from search.documents import DOCUMENTS

    client = get_client()
    indices = ",".join(document.alias() for document in DOCUMENTS)

    def empty():
        client.indices.clear_cache(index=indices, request=True)

    return empty


def run(
    backends,
    requests,
    budget,
    rebuild=True,
    warm_up=10,
    out=print,
    scenarios=None,
    pages=None,
    peer=True,
):
    """Run every measurement and return the figures as a dict (also printed as they come).

    ``scenarios`` and ``pages`` (names, as in ``SCENARIOS`` and ``PAGES``) limit the run to
    some of them; ``peer`` False leaves plain Wagtail's search out."""
    chosen = [(n, p) for n, p in SCENARIOS if scenarios is None or n in scenarios]
    kinds = [(k, p) for k, p in PAGES if pages is None or k in pages]
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings

    from projects.models import Finding, ProjectPage

    figures = {
        "database_vendor": connection.vendor,
        "findings": Finding.objects.count(),
        "projects": ProjectPage.objects.count(),
        "load_average": os.getloadavg(),
        "scenarios": {},
        "queries": {},
    }
    out(
        f"{figures['findings']:,} findings in {figures['projects']:,} projects on "
        f"{connection.vendor}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )

    if "elasticsearch" in backends:
        if not settings.ELASTICSEARCH_URL:
            raise SystemExit(
                "ELASTICSEARCH_URL is not set: run under scripts/services/with-services."
            )
        if rebuild:
            timings = rebuild_indices()
            seconds, indexed, cpu = timings["findings"]
            project_seconds, projects, _cpu = timings["projects"]
            figures["rebuild"] = {
                "findings": indexed,
                "findings_seconds": seconds,
                "findings_per_second": indexed / seconds,
                "findings_cpu_seconds": cpu,
                "projects": projects,
                "projects_seconds": project_seconds,
            }
            out(
                f"rebuild: {indexed:,} findings in {seconds:.1f} s = {indexed / seconds:,.0f} "
                f"findings/s ({cpu:.1f} s of it this process's CPU); {projects:,} projects in "
                f"{project_seconds:.1f} s"
            )

    client = Client()
    out(
        f"{'backend':<14}{'kind':<6}{'scenario':<14}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}{'n':>5}"
        f"{'cpu p50':>9}{'peer p50':>10}{'peer cpu':>10}{'ratio':>7}"
    )
    for backend in backends:
        # The database backend's own time limit would stop the slowest searches of a large
        # site: here the point is to measure them.
        with override_settings(
            SEARCH_BACKEND=common.BACKENDS[backend],
            SEARCH_RATE_LIMIT=None,
            SEARCH_DATABASE_TIMEOUT=3600,
        ):
            # A server that has just started compiles its hot paths during its first few hundred
            # searches; a site in service has long done so. Every scenario a few times first
            # (within one scenario's time budget: the database backend is slow at large sizes).
            started = time.perf_counter()
            for _round in range(warm_up):
                for _kind, path in kinds:
                    for _name, params in chosen:
                        client.get(path, params)
                if time.perf_counter() - started > budget:
                    break
            runs = [(backend, None)]
            if backend == "elasticsearch":
                # The same searches again with Elasticsearch's request cache emptied before
                # each one: the facet counts are then worked out afresh every time, as for a
                # search nobody has run since the index last changed.
                runs.append(("es uncached", _emptier_of_the_request_cache()))
            for label, prepare in runs:
                for kind, path in kinds:
                    for name, params in chosen:
                        search_peer = wagtail_peer(params) if peer and kind == "json" else None
                        (samples, cpu), (peer_samples, peer_cpu) = time_requests(
                            client,
                            path,
                            params,
                            requests,
                            budget,
                            prepare=prepare,
                            peer=search_peer,
                        )
                        row = {
                            "p50": statistics.median(samples),
                            "p95": percentile(samples, 0.95),
                            "max": max(samples),
                            "n": len(samples),
                            "cpu_p50": statistics.median(cpu),
                        }
                        line = (
                            f"{label:<14}{kind:<6}{name:<14}{row['p50']:>8.1f}"
                            f"{row['p95']:>8.1f}{row['max']:>8.1f}{row['n']:>5}"
                            f"{row['cpu_p50']:>9.1f}"
                        )
                        if peer_samples:
                            row["peer_p50"] = statistics.median(peer_samples)
                            row["peer_p95"] = percentile(peer_samples, 0.95)
                            row["peer_cpu_p50"] = statistics.median(peer_cpu)
                            row["ratio"] = row["p50"] / row["peer_p50"]
                            line += (
                                f"{row['peer_p50']:>10.1f}{row['peer_cpu_p50']:>10.1f}"
                                f"{row['ratio']:>7.2f}"
                            )
                        figures["scenarios"][f"{label} {kind} {name}"] = row
                        out(line)
            for kind, path in kinds:
                for name, params in chosen:
                    small = count_queries(client, path, params, 10)
                    large = count_queries(client, path, params, 50)
                    if small == large:
                        verdict = "same"
                    elif small < large and "finding" not in kinds_on_page(client, params, 10):
                        # Nothing to fetch findings for: their two queries are not sent.
                        verdict = "fewer: no findings on the smaller page"
                    else:
                        verdict = "DIFFERENT"
                    figures["queries"][f"{backend} {kind} {name}"] = (small, large, verdict)
                    out(
                        f"queries {backend:<14}{kind:<6}{name:<14} page size 10: {small:>3}, "
                        f"50: {large:>3} ({verdict})"
                    )
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_backend_argument(parser)
    parser.add_argument("--requests", type=int, default=50, help="timed requests per scenario")
    parser.add_argument(
        "--budget", type=float, default=15, help="seconds per scenario before stopping early"
    )
    parser.add_argument("--no-rebuild", action="store_true", help="search the existing indices")
    parser.add_argument(
        "--warm-up",
        type=int,
        default=10,
        help="rounds of every scenario, untimed, before measuring each backend",
    )
    parser.add_argument(
        "--index-prefix", default="benchmark-fellowship", help="names of the indices to build"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--scenarios",
        help="comma-separated scenario names to run (default all: "
        + ", ".join(name for name, _params in SCENARIOS)
        + ")",
    )
    parser.add_argument(
        "--only-json", action="store_true", help="time the JSON API only, not the search page"
    )
    parser.add_argument("--no-peer", action="store_true", help="leave plain Wagtail's search out")
    args = parser.parse_args(argv)
    scenarios = None
    if args.scenarios:
        scenarios = {name.strip() for name in args.scenarios.split(",")}
        unknown = scenarios - {name for name, _params in SCENARIOS}
        if unknown:
            parser.error(f"no such scenario: {', '.join(sorted(unknown))}")

    common.start_django()
    backends = common.chosen_backends(args)
    from django.test import override_settings

    # Indices of their own, so that tests sharing the server cannot touch them.
    with override_settings(SEARCH_INDEX_PREFIX=args.index_prefix):
        figures = run(
            backends,
            args.requests,
            args.budget,
            rebuild=not args.no_rebuild,
            warm_up=args.warm_up,
            scenarios=scenarios,
            pages={"json"} if args.only_json else None,
            peer=not args.no_peer,
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    different = [
        name for name, (*_counts, verdict) in figures["queries"].items() if verdict == "DIFFERENT"
    ]
    if different:
        print(f"Query counts depend on the page size in: {', '.join(different)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
