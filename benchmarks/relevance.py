"""Measure how well search ranks the demo content: nDCG@10 for each judged query, and the mean.

    .venv/bin/python benchmarks/relevance.py                        # the database backend
    scripts/services/with-services .venv/bin/python benchmarks/relevance.py   # and Elasticsearch

The queries and their graded judgements are in ``benchmarks/relevance/judgements.json``: each
query lists the demo pages that answer it, graded 3 (exactly what was asked for), 2 (clearly
relevant) or 1 (related); every other page counts 0. A project is named by its slug, a finding
by its project's slug and its place among the project's findings (``belonging-at-school/2``).

The script builds its own site in a temporary SQLite database (``migrate``, then ``seed_demo``),
so it never touches the database named by ``DATABASE_URL``. When ``ELASTICSEARCH_URL`` is set it
also builds indices under their own prefix, measures Elasticsearch, and deletes them again.
Each backend is asked directly, not through the fallback, so a figure is never the database's
answer reported as Elasticsearch's.
"""

import argparse
import io
import json
import math
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, the repository is not on the path.
sys.path.insert(0, str(ROOT))

from benchmarks import common  # noqa: E402

JUDGEMENTS = ROOT / "benchmarks" / "relevance" / "judgements.json"
DEMO_CONTENT = ROOT / "demo" / "demo_content.json"
CUTOFF = 10


def dcg(gains):
    """Discounted cumulative gain of grades in rank order: (2^grade - 1) / log2(rank + 1)."""
    return sum((2**grade - 1) / math.log2(rank + 1) for rank, grade in enumerate(gains, start=1))


def ndcg(ranked, judgements, cutoff=CUTOFF):
    """nDCG@cutoff of the ``ranked`` page keys against ``{key: grade}``: 1.0 when the best pages
    come first in the best order, 0.0 when none of the first ``cutoff`` is relevant."""
    ideal = dcg(sorted(judgements.values(), reverse=True)[:cutoff])
    if not ideal:
        raise ValueError("A judged query needs at least one relevant page.")
    return dcg([judgements.get(key, 0) for key in ranked[:cutoff]]) / ideal


def load_judgements(path=JUDGEMENTS):
    """The judged queries: a list of ``{"q", "why", "relevant": {key: grade}}``."""
    return json.loads(Path(path).read_text(encoding="utf-8"))["queries"]


def demo_page_keys(path=DEMO_CONTENT):
    """``{key: live}`` for every project and finding of the demo content."""
    content = json.loads(Path(path).read_text(encoding="utf-8"))
    keys = {}
    for cohort in content["cohorts"]:
        for project in cohort.get("projects", []):
            live = project.get("live", True)
            keys[project["slug"]] = live
            for position, _finding in enumerate(project.get("findings", []), start=1):
                keys[f"{project['slug']}/{position}"] = live
    return keys


def _site_keys():
    """``({project pk: key}, {finding pk: key})`` for the site built from the demo content."""
    from projects.models import Finding, ProjectPage

    projects = dict(ProjectPage.objects.values_list("pk", "slug"))
    findings, positions = {}, {}
    for pk, page_id in Finding.objects.order_by("page_id", "sort_order", "pk").values_list(
        "pk", "page_id"
    ):
        positions[page_id] = positions.get(page_id, 0) + 1
        findings[pk] = f"{projects[page_id]}/{positions[page_id]}"
    return projects, findings


def measure(backend, queries):
    """``[(query, nDCG@10, first keys)]`` for each judged query on ``backend``."""
    from django.test import override_settings

    from search.runner import run_search

    projects, findings = _site_keys()
    rows = []
    # The time limit is for visitors; a slow search here should be measured, not stopped.
    with override_settings(SEARCH_DATABASE_TIMEOUT=3600):
        for query in queries:
            results = run_search({"q": query["q"]}, backend=backend)
            ranked = [
                projects[hit.pk] if hit.kind == "project" else findings[hit.pk]
                for hit in results.hits
            ]
            rows.append((query["q"], ndcg(ranked, query["relevant"]), ranked[:CUTOFF]))
    return rows


def _backend(name):
    from django.utils.module_loading import import_string

    if name == "elasticsearch":
        from search.client import rebuild_client

        # Patient, unlike a visitor's search: on a busy machine a slow answer is still measured.
        return import_string(common.BACKENDS[name])(client=rebuild_client())
    return import_string(common.BACKENDS[name])()


def _build_site():
    from django.core.management import call_command
    from django.test import override_settings

    call_command("migrate", verbosity=0, interactive=False)
    # Wagtail's own index in the database only (the database backend reads write-ups from it),
    # and no live updates of the search server: its indices are built in full afterwards.
    database_only = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    with override_settings(WAGTAILSEARCH_BACKENDS=database_only, ELASTICSEARCH_URL=None):
        # The demo's list of accounts is for people trying the site, not for this report.
        call_command("seed_demo", force=True, verbosity=0, stdout=io.StringIO())


def _build_indices():
    from search.client import rebuild_client
    from search.documents import DOCUMENTS
    from search.indexing import rebuild

    client = rebuild_client()
    try:
        for document in DOCUMENTS:
            rebuild(client, document)
    finally:
        client.close()


def _drop_indices():
    from django.conf import settings

    from search.client import rebuild_client

    client = rebuild_client()
    try:
        found = client.indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}-*")
        if found:
            client.indices.delete(index=",".join(found))
    finally:
        client.close()


def report(figures, out=print):
    """A table of nDCG@10 per query and backend, and each backend's mean."""
    names = list(figures)
    queries = [row[0] for row in figures[names[0]]]
    width = max(len(q) for q in queries) + 2
    out("query".ljust(width) + "".join(name.rjust(15) for name in names))
    for i, query in enumerate(queries):
        out(query.ljust(width) + "".join(f"{figures[n][i][1]:15.3f}" for n in names))
    means = {n: sum(row[1] for row in figures[n]) / len(figures[n]) for n in names}
    out("mean nDCG@10".ljust(width) + "".join(f"{means[n]:15.3f}" for n in names))
    return means


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_backend_argument(parser)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--show", action="store_true", help="print the first ten pages found for each query"
    )
    args = parser.parse_args(argv)

    directory = tempfile.mkdtemp(prefix="relevance-")
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/relevance.sqlite3"
    common.start_django()
    from django.test import override_settings

    backends = common.chosen_backends(args)
    queries = load_judgements()
    print(f"Building the demo site in {directory} ...", file=sys.stderr)
    _build_site()
    figures = {}
    with override_settings(SEARCH_INDEX_PREFIX="relevance-fellowship"):
        if "elasticsearch" in backends:
            _build_indices()
        try:
            for name in backends:
                figures[name] = measure(_backend(name), queries)
        finally:
            if "elasticsearch" in backends:
                _drop_indices()
    means = report(figures)
    if args.show:
        for name, rows in figures.items():
            print(f"\n{name}")
            for query, score, ranked in rows:
                print(f"  {query} ({score:.3f}): {', '.join(ranked)}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "mean": means,
                    "queries": {
                        name: {q: round(s, 4) for q, s, _ in rows} for name, rows in figures.items()
                    },
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
