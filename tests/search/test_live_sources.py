"""Everything a search document carries stays true: themes renamed or merged, cohorts renamed or
moved, pages made private, and missed updates catching up by themselves."""

from django.db import transaction

from wagtail.models import PageViewRestriction, Site

import pytest

from projects.models import Theme
from search import live
from search.backends.base import SearchRequest
from search.backends.elasticsearch import ElasticsearchSearchBackend
from search.documents import DOCUMENTS, FindingDocument, ProjectDocument
from search.indexing import rebuild
from search.models import PendingIndexUpdate
from tests.factories import (
    CohortPageFactory,
    FindingFactory,
    ProjectPageFactory,
    ThemeFactory,
    cohort_index,
)

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def search(es_client, **filters):
    for document in DOCUMENTS:
        es_client.indices.refresh(index=document.alias())
    return ElasticsearchSearchBackend().search(SearchRequest(**filters), 0, 50)


def hits(response):
    return {(hit.kind, hit.pk) for hit in response.hits}


def source(es_client, document, pk):
    return es_client.get(index=document.alias(), id=pk)["_source"]


def test_renaming_a_theme_moves_its_findings_to_the_new_slug(
    es_client, indices, django_capture_on_commit_callbacks
):
    theme = ThemeFactory(name="Belonging", slug="belonging")
    project = ProjectPageFactory(title="Kinship care")
    finding = FindingFactory(page=project, headline="Grandparents felt unheard.")
    finding.themes.set([theme])
    finding.save()
    rebuild(es_client, FindingDocument)
    assert hits(search(es_client, themes=["belonging"])) == {("finding", finding.pk)}

    with django_capture_on_commit_callbacks(execute=True):
        theme.name = "Sense of belonging"
        theme.slug = "sense-of-belonging"
        theme.save()

    assert hits(search(es_client, themes=["sense-of-belonging"])) == {("finding", finding.pk)}
    assert hits(search(es_client, themes=["belonging"])) == set()
    assert source(es_client, FindingDocument, finding.pk)["theme_names"] == ["Sense of belonging"]


def test_merging_themes_moves_the_facet_counts(
    es_client, indices, django_capture_on_commit_callbacks
):
    kept = ThemeFactory(name="Belonging", slug="belonging")
    merged = ThemeFactory(name="Connection", slug="connection")
    tagged_kept = ProjectPageFactory(title="Kinship care", themes=[kept])
    tagged_merged = ProjectPageFactory(title="Youth clubs", themes=[merged])
    finding = FindingFactory(page=ProjectPageFactory(title="Custody suites"))
    finding.themes.set([merged])
    finding.save()
    for document in DOCUMENTS:
        rebuild(es_client, document)
    before = search(es_client).facets["theme"]
    assert (before["belonging"], before["connection"]) == (1, 2)

    with django_capture_on_commit_callbacks(execute=True):
        merged.merge_into(kept)

    after = search(es_client).facets["theme"]
    assert after == {"belonging": 3}
    assert hits(search(es_client, themes=["belonging"])) == {
        ("project", tagged_kept.pk),
        ("project", tagged_merged.pk),
        ("finding", finding.pk),
    }


def test_deleting_a_theme_takes_it_out_of_the_documents(
    es_client, indices, django_capture_on_commit_callbacks
):
    theme = ThemeFactory(name="Belonging", slug="belonging")
    project = ProjectPageFactory(title="Kinship care", themes=[theme])
    rebuild(es_client, ProjectDocument)
    assert source(es_client, ProjectDocument, project.pk)["themes"] == ["belonging"]

    with django_capture_on_commit_callbacks(execute=True):
        theme.delete()

    # Empty lists are left out of a document's source.
    assert "themes" not in source(es_client, ProjectDocument, project.pk)


def test_a_theme_used_by_many_projects_is_updated_in_batches(
    es_client, indices, django_capture_on_commit_callbacks, monkeypatch, sync_tasks
):
    monkeypatch.setattr(live, "BATCH_SIZE", 2)
    theme = ThemeFactory(name="Belonging", slug="belonging")
    cohort = CohortPageFactory()
    projects = [ProjectPageFactory(parent=cohort, themes=[theme]) for _ in range(5)]
    rebuild(es_client, ProjectDocument)

    with django_capture_on_commit_callbacks(execute=True):
        theme.slug = "sense-of-belonging"
        theme.save()

    assert sorted(len(batch) for batch in sync_tasks) == [1, 2, 2]
    assert sorted(id for batch in sync_tasks for id in batch) == sorted(p.pk for p in projects)
    assert search(es_client, themes=["sense-of-belonging"]).total == 5


def test_everything_a_transaction_publishes_goes_in_one_task(
    es_client, indices, django_capture_on_commit_callbacks, sync_tasks
):
    projects = [ProjectPageFactory(title=f"Kinship care {n}", live=False) for n in range(3)]

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for project in projects:
            project.save_revision().publish()

    assert [sorted(batch) for batch in sync_tasks] == [sorted(p.pk for p in projects)]
    assert search(es_client).total == 3


def test_renaming_a_cohort_and_its_slug_moves_its_projects_in_the_cohort_filter(
    es_client, indices, django_capture_on_commit_callbacks
):
    cohort = CohortPageFactory(title="Cohort 2023", slug="cohort-2023", year=2023)
    project = ProjectPageFactory(parent=cohort, title="Kinship care", slug="kinship-care")
    finding = FindingFactory(page=project)
    for document in DOCUMENTS:
        rebuild(es_client, document)

    cohort.title = "ATR cohort 2023"
    cohort.slug = "atr-2023"
    with django_capture_on_commit_callbacks(execute=True):
        cohort.save_revision().publish()

    expected = {("project", project.pk), ("finding", finding.pk)}
    assert hits(search(es_client, cohort="atr-2023")) == expected
    assert hits(search(es_client, cohort="cohort-2023")) == set()
    document = source(es_client, ProjectDocument, project.pk)
    assert (document["cohort_title"], document["url"]) == (
        "ATR cohort 2023",
        "/cohorts/atr-2023/kinship-care/",
    )
    assert source(es_client, FindingDocument, finding.pk)["url"].startswith("/cohorts/atr-2023/")


def test_renaming_the_list_of_cohorts_changes_every_projects_address(
    es_client, indices, django_capture_on_commit_callbacks
):
    project = ProjectPageFactory(parent=CohortPageFactory(slug="cohort-2023"), slug="kinship-care")
    finding = FindingFactory(page=project)
    for document in DOCUMENTS:
        rebuild(es_client, document)
    cohorts = cohort_index()

    cohorts.slug = "fellowship-cohorts"
    with django_capture_on_commit_callbacks(execute=True):
        cohorts.save_revision().publish()

    assert source(es_client, ProjectDocument, project.pk)["url"] == (
        "/fellowship-cohorts/cohort-2023/kinship-care/"
    )
    assert source(es_client, FindingDocument, finding.pk)["url"].startswith(
        "/fellowship-cohorts/cohort-2023/kinship-care/#finding-"
    )


def test_changing_the_sites_root_page_changes_every_projects_address(
    es_client, indices, django_capture_on_commit_callbacks, home
):
    project = ProjectPageFactory(parent=CohortPageFactory(slug="cohort-2023"), slug="kinship-care")
    finding = FindingFactory(page=project)
    for document in DOCUMENTS:
        rebuild(es_client, document)
    assert source(es_client, ProjectDocument, project.pk)["url"] == (
        "/cohorts/cohort-2023/kinship-care/"
    )

    # The site now starts at the list of cohorts, whose slug leaves every address.
    site = Site.objects.get(is_default_site=True)
    site.root_page = cohort_index()
    with django_capture_on_commit_callbacks(execute=True):
        site.save()

    assert source(es_client, ProjectDocument, project.pk)["url"] == "/cohort-2023/kinship-care/"
    assert source(es_client, FindingDocument, finding.pk)["url"].startswith(
        "/cohort-2023/kinship-care/#finding-"
    )


def test_moving_a_cohort_or_a_project_updates_the_addresses_and_cohort_filter(
    es_client, indices, django_capture_on_commit_callbacks, home
):
    cohort = CohortPageFactory(title="Cohort 2023", slug="cohort-2023", year=2023)
    other = CohortPageFactory(title="Cohort 2024", slug="cohort-2024", year=2024)
    project = ProjectPageFactory(parent=cohort, slug="kinship-care")
    for document in DOCUMENTS:
        rebuild(es_client, document)
    # A second list of cohorts, so that a cohort has somewhere to move to.
    archive = cohort_index().copy(update_attrs={"title": "Archive", "slug": "archive"})

    with django_capture_on_commit_callbacks(execute=True):
        cohort.move(archive, pos="last-child")
    assert source(es_client, ProjectDocument, project.pk)["url"] == (
        "/archive/cohort-2023/kinship-care/"
    )

    project.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        project.move(other, pos="last-child")
    assert hits(search(es_client, cohort="cohort-2024")) == {("project", project.pk)}
    assert hits(search(es_client, cohort="cohort-2023")) == set()
    assert search(es_client, year=2024).total == 1


def test_making_a_cohort_private_removes_its_projects_and_public_again_restores_them(
    es_client, indices, django_capture_on_commit_callbacks
):
    cohort = CohortPageFactory()
    project = ProjectPageFactory(parent=cohort)
    finding = FindingFactory(page=project)
    for document in DOCUMENTS:
        rebuild(es_client, document)

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=cohort, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    assert search(es_client).total == 0

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert hits(search(es_client)) == {("project", project.pk), ("finding", finding.pk)}


def test_a_rolled_back_change_does_not_stop_the_next_one_reaching_the_index(
    es_client, indices, django_capture_on_commit_callbacks
):
    theme = ThemeFactory(name="Belonging", slug="belonging")
    ProjectPageFactory(themes=[theme])
    rebuild(es_client, ProjectDocument)

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            Theme.objects.filter(pk=theme.pk).get().delete()
            raise RuntimeError("Changed my mind")
        theme.slug = "sense-of-belonging"
        theme.save()

    assert search(es_client, themes=["sense-of-belonging"]).total == 1


def test_the_next_successful_update_replays_the_ones_that_were_missed(
    es_client, indices, settings, django_capture_on_commit_callbacks
):
    missed = ProjectPageFactory(title="Kinship care", live=False)
    real_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with django_capture_on_commit_callbacks(execute=True):
        missed.save_revision().publish()
    assert list(PendingIndexUpdate.objects.values_list("page_id", flat=True)) == [missed.pk]

    settings.ELASTICSEARCH_URL = real_url
    later = ProjectPageFactory(title="Youth clubs", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        later.save_revision().publish()

    assert hits(search(es_client)) == {("project", missed.pk), ("project", later.pk)}
    assert not PendingIndexUpdate.objects.exists()


def test_the_health_check_replays_missed_updates_once_the_server_answers(
    es_client, indices, settings, client
):
    project = ProjectPageFactory(title="Kinship care")
    live.record_failure([project.pk], "Connection refused")

    response = client.get("/health/")

    assert response.json()["status"] == "ok"
    assert hits(search(es_client)) == {("project", project.pk)}
    assert not PendingIndexUpdate.objects.exists()
