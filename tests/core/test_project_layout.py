"""The house's own lists stay whole: every app is packaged, known to the linter as ours and
described for the next person; what the code imports is declared; no code leans on Django's
private attributes. Each list is generated from the apps on disk, so a new app inherits the check.
"""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))
PACKAGES = ["fellowship", *APPS]
SKIPPED = {".venv", "node_modules", "tests", "benchmarks", "migrations"}


def app_sources():
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if not SKIPPED & set(path.relative_to(ROOT).parts):
                yield path


def normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize("package", PACKAGES)
def test_every_app_is_packaged_and_first_party_to_the_linter(package):
    included = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    first_party = PYPROJECT["tool"]["ruff"]["lint"]["isort"]["known-first-party"]

    assert f"{package}*" in included
    assert package in first_party


@pytest.mark.parametrize("package", PACKAGES)
def test_every_app_is_in_the_readme_layout_and_the_architecture_notes(package):
    assert f"| `{package}/` |" in (ROOT / "README.md").read_text()
    assert f"| `{package}/` |" in (ROOT / "docs" / "architecture.md").read_text()


def test_every_library_the_code_imports_is_declared():
    declared = {
        normalised(re.split(r"[<>=\[;, ]", requirement, maxsplit=1)[0])
        for requirement in PYPROJECT["project"]["dependencies"]
    }
    distributions = packages_distributions()
    missing = {}
    for path in app_sources():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in PACKAGES:
                    continue
                owners = {normalised(d) for d in distributions.get(top, [top])}
                if not owners & declared:
                    missing.setdefault(top, path.relative_to(ROOT))

    assert missing == {}


def test_no_code_relies_on_djangos_private_queryset_attributes():
    private = re.compile(r"\._(result_cache|prefetch_done|known_related_objects)\b")
    users = [str(p.relative_to(ROOT)) for p in app_sources() if private.search(p.read_text())]

    assert users == []
