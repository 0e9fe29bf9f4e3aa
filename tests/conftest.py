"""Fixtures shared by the whole suite."""

import os

from django.contrib.auth.models import Group
from django.core.cache import cache

from wagtail.models import Site

import pytest

from core.roles import PROGRAMME_TEAM
from tests.factories import UserFactory

# Tests that need a real server carry its marker. Without the server's address they are left out
# of a developer's run (scripts/services/with-services provides both), and fail in CI.
SERVICE_MARKERS = {
    "elasticsearch": ("ELASTICSEARCH_URL", "http"),
    "postgres": ("DATABASE_URL", "postgres"),
}


def _missing_service(item):
    for marker, (variable, scheme) in SERVICE_MARKERS.items():
        if item.get_closest_marker(marker) and not os.environ.get(variable, "").startswith(scheme):
            return marker, variable
    return None


def pytest_collection_modifyitems(config, items):
    if os.environ.get("CI"):
        return
    kept, left_out = [], []
    for item in items:
        (left_out if _missing_service(item) else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
        config._service_tests_left_out = len(left_out)


def pytest_terminal_summary(terminalreporter, config):
    left_out = getattr(config, "_service_tests_left_out", 0)
    if left_out:
        tests = "test" if left_out == 1 else "tests"
        terminalreporter.write_line(
            f"Left out {left_out} {tests} that need Elasticsearch or PostgreSQL; run them with "
            'scripts/services/with-services .venv/bin/python -m pytest -m "elasticsearch or postgres"'
        )


def pytest_runtest_setup(item):
    missing = _missing_service(item)
    if missing:
        marker, variable = missing
        pytest.fail(
            f"This test needs {marker} but {variable} does not point at one: "
            "run it under scripts/services/with-services.",
            pytrace=False,
        )


@pytest.fixture(scope="session", autouse=True)
def _wagtail_search_indices():
    """Wagtail's Elasticsearch indices, when it has them, under this run's own prefix."""
    from tests.search.wagtail_index import wagtail_indices

    with wagtail_indices():
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate limits and sign-in lockouts count in the cache, which outlives a single test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(site):
    return site.root_page.specific


@pytest.fixture
def programme_team(db):
    """A member of the Programme team group, with the permissions the roles migration grants it."""
    user = UserFactory(username="programme")
    user.groups.add(Group.objects.get(name=PROGRAMME_TEAM))
    return user


@pytest.fixture
def programme_team_client(client, programme_team):
    """The test client, signed in as :func:`programme_team`."""
    client.force_login(programme_team)
    return client
