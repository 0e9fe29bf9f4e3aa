"""The load scenario's addresses (benchmarks/load/scenario.py) all answer on the demo site.

The locustfile takes every address from this module, so a scenario that would only measure
error pages fails here rather than in a three-minute run.
"""

import random
from io import StringIO

from django.core.management import call_command
from django.db import transaction

from wagtail.models import Site

import pytest

from benchmarks.load.scenario import (
    FACETS_PATH,
    REDIRECTING_PATHS,
    WEIGHTS,
    Catalogue,
    Scenario,
)
from projects.models import Finding, ProjectPage, Theme
from tests.sitemaps import sitemap_urls


@pytest.fixture(scope="class")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content, seeded once for the class and rolled back afterwards."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", "--force", stdout=StringIO(), stderr=StringIO())
            yield
            transaction.set_rollback(True)
        Site.clear_site_root_paths_cache()


@pytest.fixture
def catalogue(demo_site, db, client, settings):
    # Every simulated visitor shares one address, so the load run lifts the search limit too.
    settings.SEARCH_RATE_LIMIT = None
    return discover(client)


def discover(client):
    facets = client.get(FACETS_PATH)
    assert facets.status_code == 200
    return Catalogue.from_site(sitemap_urls(client), facets.json())


def failures(client, requests):
    found = []
    for kind, path in requests:
        response = client.get(path, follow=path.startswith(REDIRECTING_PATHS))
        if response.status_code != 200:
            found.append((kind, path, response.status_code))
    return found


class TestDemoSite:
    """The scenario read from the seeded demo site."""

    def test_catalogue_holds_every_public_project_finding_and_theme(self, catalogue):
        assert len(catalogue.projects) == ProjectPage.objects.live().public().count() == 16
        assert len(catalogue.findings) == Finding.objects.public().count()
        assert len(catalogue.cohorts) == 2
        assert set(catalogue.theme_slugs) <= set(Theme.objects.values_list("slug", flat=True))
        assert "/cohorts/class-of-2024/asking-about-adversity-in-the-first-thousand-days/" not in (
            catalogue.projects
        )
        assert sorted(catalogue.facets["year"]) == ["2023", "2024"]
        assert catalogue.facets["place"]

    def test_every_address_the_scenario_can_ask_for_answers_200(self, catalogue, client):
        requests = Scenario(catalogue).every_request()
        assert {kind for kind, _ in requests} == set(WEIGHTS)
        assert failures(client, requests) == []

    def test_random_draws_follow_the_weights_and_answer_200(self, catalogue, client):
        scenario = Scenario(catalogue, random.Random(5))
        draws = [scenario.next_request() for _ in range(2000)]
        counts = {kind: sum(1 for k, _ in draws if k == kind) for kind in WEIGHTS}
        total_weight = sum(WEIGHTS.values())
        for kind, weight in WEIGHTS.items():
            assert abs(counts[kind] / len(draws) - weight / total_weight) < 0.03, kind
        searches = [path for kind, path in draws if kind in ("search", "api search")]
        assert any("q=" not in path for path in searches), "some searches use filters alone"
        assert any("&" in path and "q=" in path for path in searches), "some add filters"
        assert failures(client, draws[:40]) == []


def test_a_site_with_no_content_is_refused_in_plain_words(site, client):
    with pytest.raises(ValueError, match="has no public cohorts, projects, themes: seed it"):
        discover(client)
