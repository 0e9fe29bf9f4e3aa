"""The import graph between apps (scripts/import-graph): no cycle, and core, cohorts and projects
at the bottom in that order."""

import importlib.machinery
import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "import-graph"

# The bottom of the layers, lowest first: each imports only from those before it. The apps above
# (events, reviews, search, records, reuse, trash, crawlers, dashboard, demo, fellowship) may import
# any of these and each other, as long as no cycle appears.
BOTTOM_LAYERS = ("core", "cohorts", "projects")


@pytest.fixture(scope="module")
def import_graph():
    loader = importlib.machinery.SourceFileLoader("import_graph", str(SCRIPT))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def test_apps_import_each_other_without_a_cycle(import_graph):
    assert import_graph.cycles(import_graph.graph()) == []


@pytest.mark.parametrize(
    ("app", "below"), [(app, set(BOTTOM_LAYERS[:i])) for i, app in enumerate(BOTTOM_LAYERS)]
)
def test_each_bottom_layer_imports_only_the_layers_below_it(import_graph, app, below):
    assert import_graph.graph()[app] <= below


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
