"""Wagtail's own search (admin search, Page.search) runs on Elasticsearch when the site has it,
and its index never holds a draft, a private page or an editor-only field."""

import io
import json
import runpy

from django.conf import settings
from django.core.management import call_command

from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.elasticsearch8 import Elasticsearch8SearchBackend

import pytest

from projects.models import ProjectPage
from search.wagtail_backend import PublicPagesSearchBackend
from tests.factories import ProjectPageFactory
from tests.search.wagtail_index import wagtail_indices

BASE_SETTINGS = settings.BASE_DIR / "fellowship" / "settings" / "base.py"


def base_settings(monkeypatch, **environment):
    for name in ("ELASTICSEARCH_URL", "SEARCH_INDEX_PREFIX"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))


def test_wagtail_searches_the_database_when_no_elasticsearch_url_is_set(monkeypatch):
    backends = base_settings(monkeypatch)["WAGTAILSEARCH_BACKENDS"]

    assert backends == {"default": {"BACKEND": "wagtail.search.backends.database"}}


def test_wagtail_searches_the_same_cluster_under_the_site_prefix_when_one_is_set(monkeypatch):
    backends = base_settings(
        monkeypatch, ELASTICSEARCH_URL="http://search.internal:9200", SEARCH_INDEX_PREFIX="hub"
    )["WAGTAILSEARCH_BACKENDS"]

    default = dict(backends["default"])
    backend = get_search_backend(default.pop("BACKEND"), **default)
    assert isinstance(backend, Elasticsearch8SearchBackend)
    assert backend.index_prefix == "hub-wagtail-"
    assert backend.get_index_for_model(ProjectPage).name == "hub-wagtail-wagtailcore_page"
    # A hung server holds an editor's save only briefly.
    assert backend.timeout == 5
    # Text is stemmed, and Wagtail's own n-gram analysers for autocomplete are still there.
    analysis = backend.settings["settings"]["analysis"]
    assert "light_english" in analysis["analyzer"]["default"]["filter"]
    assert {"ngram_analyzer", "edgengram_analyzer"} <= set(analysis["analyzer"])
    # The site search's fallback keeps a database index of its own to match write-ups in.
    assert backends["database"] == {"BACKEND": "wagtail.search.backends.database"}


@pytest.fixture
def wagtail_backend(es_index_name):
    with wagtail_indices(prefix=f"{es_index_name}-wagtail-") as backend:
        yield backend


def page_documents(backend):
    """The sources of every page document in Wagtail's index."""
    index = backend.get_index_for_model(Page)
    index.refresh()
    response = backend.es.search(index=index.name, size=100)
    return [hit["_source"] for hit in response["hits"]["hits"]]


def indexed_titles(backend):
    return sorted(document["title"] for document in page_documents(backend))


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_admin_search_finds_a_published_project_through_elasticsearch(
    wagtail_backend, admin_client
):
    project = ProjectPageFactory(title="Trauma informed custody suites")
    wagtail_backend.get_index_for_model(Page).refresh()

    response = admin_client.get("/admin/pages/search/", {"q": "custody"})

    assert type(get_search_backend()) is PublicPagesSearchBackend
    assert response.status_code == 200
    assert "Trauma informed custody suites" in response.content.decode()
    # Taken out of the search server (but not the database), it is no longer found: the
    # admin's answer came from Elasticsearch.
    wagtail_backend.delete(project)
    wagtail_backend.get_index_for_model(Page).refresh()
    response = admin_client.get("/admin/pages/search/", {"q": "custody"})
    assert "Trauma informed custody suites" not in response.content.decode()


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_page_search_finds_live_pages_through_elasticsearch(wagtail_backend):
    project = ProjectPageFactory(
        title="Trauma informed custody suites", summary="Changing behaviours at the front desk."
    )
    wagtail_backend.get_index_for_model(Page).refresh()

    assert list(Page.objects.live().search("custody")) == [project.page_ptr]
    # Stemmed, as the database backend is on PostgreSQL.
    assert list(ProjectPage.objects.search("behaviour")) == [project]


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_drafts_private_pages_and_mentor_notes_never_reach_wagtails_index(
    wagtail_backend, django_capture_on_commit_callbacks
):
    ProjectPageFactory(title="Never published draft", live=False)
    live = ProjectPageFactory(
        title="Kinship care", mentor_notes="Confidential: the fellow is unwell."
    )
    live.title = "Unpublished new title"
    live.save_revision()
    private = ProjectPageFactory(title="Private project")
    assert "Private project" in indexed_titles(wagtail_backend)

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    documents = page_documents(wagtail_backend)
    titles = sorted(document["title"] for document in documents)
    assert "Kinship care" in titles
    assert not {"Never published draft", "Unpublished new title", "Private project"} & set(titles)
    assert "Confidential" not in json.dumps(documents)


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_update_index_rebuilds_wagtails_index_without_drafts(wagtail_backend):
    ProjectPageFactory(title="Kinship care")
    ProjectPageFactory(title="Never published draft", live=False)
    index = wagtail_backend.get_index_for_model(Page)
    index.reset()

    call_command("update_index", backend_name="default", stdout=io.StringIO())

    assert index.is_alias()
    titles = indexed_titles(wagtail_backend)
    assert "Kinship care" in titles
    assert "Never published draft" not in titles
    assert [page.title for page in ProjectPage.objects.search("kinship")] == ["Kinship care"]
