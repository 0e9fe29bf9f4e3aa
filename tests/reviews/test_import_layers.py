"""Apps import one way: reviews/ builds on cohorts/ and projects/, which never import reviews/,
and cohorts/ models never import projects' models (projects hang beneath cohorts)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path):
    """Every module a file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def imports_of(package):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for module in imported_modules(path):
            yield path.relative_to(ROOT).as_posix(), module


@pytest.mark.parametrize("package", ["cohorts", "projects", "core"])
def test_the_apps_beneath_reviews_never_import_it(package):
    upward = [
        (path, module) for path, module in imports_of(package) if module.startswith("reviews")
    ]
    assert upward == []


def test_cohort_models_and_permissions_do_not_import_projects_models():
    files = ["cohorts/models.py", "cohorts/permissions.py"]
    found = [
        (name, module)
        for name in files
        for module in imported_modules(ROOT / name)
        if module.startswith("projects.models") or module.startswith("projects.forms")
    ]
    assert found == []


def test_page_permission_code_imports_nothing_inside_functions():
    files = [
        "reviews/permissions.py",
        "reviews/models.py",
        "reviews/notifications.py",
        "reviews/signal_handlers.py",
        "cohorts/permissions.py",
        "projects/permissions.py",
        "core/page_permissions.py",
        "core/roles.py",
    ]
    tucked = []
    for name in files:
        tree = ast.parse((ROOT / name).read_text())
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(function):
                    if isinstance(node, ast.Import | ast.ImportFrom):
                        tucked.append((name, function.name))
    assert tucked == []
