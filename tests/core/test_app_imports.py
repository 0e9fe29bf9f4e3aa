"""The import graph between apps (scripts/import-graph): no new cycle may appear."""

import importlib.machinery
import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "import-graph"

# Imports that run from a lower layer up to a higher one (core < projects < cohorts < the rest).
# Each closes a cycle today; remove an entry when its import goes. Nothing may be added here: a new
# upward import is a new cycle, which the test below refuses.
KNOWN_UPWARD_IMPORTS = {
    ("core", "cohorts"),  # the home page lists cohorts; seed_demo builds every app's records
    ("core", "events"),  # the home page lists events
    ("core", "projects"),  # the home page lists projects; seed_demo
    ("core", "records"),  # seed_demo loads the demo through the importer
    ("core", "search"),  # the home page's search box
    ("projects", "cohorts"),  # the project form chooses fellows; rating checks
    ("projects", "reuse"),  # findings count their use reports
    ("projects", "reviews"),  # rating checks read review states
    ("projects", "search"),  # a theme merge reindexes what it moved
}


@pytest.fixture(scope="module")
def import_graph():
    loader = importlib.machinery.SourceFileLoader("import_graph", str(SCRIPT))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def test_apps_import_each_other_without_a_new_cycle(import_graph):
    edges = import_graph.graph()
    layered = {
        app: {target for target in targets if (app, target) not in KNOWN_UPWARD_IMPORTS}
        for app, targets in edges.items()
    }
    assert import_graph.cycles(layered) == []


def test_the_graph_counts_imports_inside_functions_and_finds_their_cycle(import_graph, tmp_path):
    for app, other in (("alpha", "beta"), ("beta", "alpha")):
        (tmp_path / app).mkdir()
        (tmp_path / app / "apps.py").write_text("")
        (tmp_path / app / "models.py").write_text(
            f"def late():\n    from {other}.models import x\n"
        )
    (tmp_path / "fellowship").mkdir()

    edges = import_graph.graph(tmp_path)

    assert edges == {"alpha": {"beta"}, "beta": {"alpha"}, "fellowship": set()}
    assert import_graph.cycles(edges) == [["alpha", "beta"]]


def test_migrations_do_not_count_as_imports(import_graph, tmp_path):
    for app in ("alpha", "beta"):
        (tmp_path / app / "migrations").mkdir(parents=True)
        (tmp_path / app / "apps.py").write_text("")
    (tmp_path / "alpha" / "migrations" / "0001_initial.py").write_text("import beta.models\n")

    assert import_graph.graph(tmp_path)["alpha"] == set()
