"""The benchmark generator (benchmarks/generate.py) makes the site it says it makes."""

from django.db import transaction

from wagtail.models import Page

import pytest

from benchmarks.generate import THEMES, generate
from cohorts.models import CohortPage, Fellow
from core.vocabularies import Confidence, EvidenceType, Place, Status
from projects.models import Finding, ProjectPage

pytestmark = pytest.mark.django_db


def quiet(message):
    pass


def test_thirty_findings_in_published_projects_with_fellows_and_vocabulary():
    counts = generate(30, seed=7, progress=quiet)

    assert counts.findings == Finding.objects.count() == 30
    assert (
        counts.projects
        == ProjectPage.objects.count()
        == Finding.objects.values("page").distinct().count()
    )
    assert counts.cohorts == CohortPage.objects.count() == 3
    assert Page.find_problems() == ([], [], [], [], [])
    projects = ProjectPage.objects.all()
    assert all(p.live and not p.has_unpublished_changes for p in projects)
    assert ProjectPage.objects.live().public().count() == counts.projects
    for project in projects.prefetch_related("findings", "fellows", "themes"):
        assert 1 <= len(project.findings.all()) <= 12
        assert [f.sort_order for f in project.findings.all()] == list(
            range(len(project.findings.all()))
        )
        assert project.fellows.all() and all(
            f.cohort_id == project.get_parent().pk for f in project.fellows.all()
        )
        assert 2 <= len(project.themes.all()) <= 4
        assert set(project.places) <= set(Place.values)
        assert project.status in Status.values
        assert project.body[0].block_type == "section"
    assert Fellow.objects.count() == counts.fellows >= counts.projects
    findings = Finding.objects.all()
    assert {f.evidence_type for f in findings} <= set(EvidenceType.values)
    assert {f.confidence for f in findings} <= set(Confidence.values)
    assert {t.name for f in findings.prefetch_related("themes") for t in f.themes.all()} <= set(
        THEMES
    )


def test_generated_pages_are_served_and_searchable(client):
    generate(30, seed=7, progress=quiet)
    finding = Finding.objects.select_related("page").first()

    response = client.get(finding.page.url)
    assert response.status_code == 200
    assert f'id="{finding.anchor}"' in response.text
    assert client.get(finding.get_permalink()).status_code == 200
    body = client.get("/api/search/", {"q": "trauma"}).json()
    assert body["count"] > 0


def test_the_same_seed_gives_the_same_site():
    def headlines(seed):
        with transaction.atomic():
            generate(30, seed=seed, progress=quiet)
            made = list(
                Finding.objects.order_by("page__path", "sort_order").values_list("headline", "key")
            )
            transaction.set_rollback(True)
        return made

    first = headlines(3)
    assert headlines(3) == first
    assert headlines(4) != first


def test_refuses_a_site_that_already_has_projects():
    generate(30, seed=7, progress=quiet)
    with pytest.raises(ValueError, match="already has projects"):
        generate(30, seed=7, progress=quiet)
