"""Keeping the search indices in step with publishing, as it happens.

Publishing, unpublishing, moving or deleting a project page enqueues ``sync_project`` once the
transaction commits. The task reads the page as it is then: a live, public project is indexed
with its findings; anything else is removed. A failure is logged and recorded as a
``PendingIndexUpdate`` for ``search_index sync`` to replay, and never stops the editor's action.
"""

import logging

from django.conf import settings
from django.db import transaction

from django_tasks import task
from elasticsearch import ApiError, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError

from search.documents import FindingDocument, ProjectDocument
from search.models import PendingIndexUpdate

logger = logging.getLogger(__name__)
# Publishing should not wait long on a search server that is down.
REQUEST_TIMEOUT = 5


def _client():
    from elasticsearch import Elasticsearch

    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=REQUEST_TIMEOUT, max_retries=0)


def _indexed_finding_ids(client, page_id):
    """Ids of the finding documents indexed for a project (there is no delete-by-query)."""
    try:
        response = client.search(
            index=FindingDocument.alias(),
            query={"term": {"project_id": page_id}},
            size=1000,
            source=False,
        )
    except NotFoundError:
        return set()
    return {int(hit["_id"]) for hit in response["hits"]["hits"]}


def update_project(client, page_id):
    """Bring the documents of one project and its findings in line with the database."""
    from projects.models import Finding, ProjectPage
    from search.indexing import index_objects, remove_objects

    page = ProjectPage.objects.live().public().filter(pk=page_id).first()
    findings = (
        list(
            Finding.objects.public()
            .filter(page_id=page_id)
            .select_related("page")
            .prefetch_related("themes", "page__themes")
        )
        if page
        else []
    )
    # Refresh first so that findings indexed a moment ago are seen and can be removed.
    client.indices.refresh(index=FindingDocument.alias(), ignore_unavailable=True)
    stale = _indexed_finding_ids(client, page_id) - {finding.pk for finding in findings}
    if page:
        index_objects(client, ProjectDocument, [page])
        if findings:
            index_objects(client, FindingDocument, findings)
    else:
        remove_objects(client, ProjectDocument, [page_id])
    if stale:
        remove_objects(client, FindingDocument, sorted(stale))


@task()
def sync_project(page_id):
    """Update one project's search documents; on failure, record it for ``search_index sync``."""
    if not settings.ELASTICSEARCH_URL:
        return False
    client = _client()
    try:
        update_project(client, page_id)
    except (ApiError, TransportError, BulkIndexError) as error:
        logger.warning("Search index update for page %s failed: %s", page_id, error)
        PendingIndexUpdate.objects.update_or_create(
            page_id=page_id, defaults={"error": str(error)[:2000]}
        )
        return False
    finally:
        client.close()
    PendingIndexUpdate.objects.filter(page_id=page_id).delete()
    return True


def enqueue_project(page_id):
    """Update the project's documents once the current transaction has committed."""
    if settings.ELASTICSEARCH_URL:
        transaction.on_commit(lambda: sync_project.enqueue(page_id))


def _page_changed(sender, instance, **kwargs):
    enqueue_project(instance.pk)


def _page_deleted(sender, instance, **kwargs):
    enqueue_project(instance.pk)


def _page_moved(sender, instance, **kwargs):
    enqueue_project(instance.pk)


def connect():
    """Listen for publishing, unpublishing, moves and deletes of project pages."""
    from django.db.models.signals import post_delete

    from wagtail.signals import page_published, page_unpublished, post_page_move

    from projects.models import ProjectPage

    page_published.connect(_page_changed, sender=ProjectPage, dispatch_uid="search-published")
    page_unpublished.connect(_page_changed, sender=ProjectPage, dispatch_uid="search-unpublished")
    post_delete.connect(_page_deleted, sender=ProjectPage, dispatch_uid="search-deleted")
    post_page_move.connect(_page_moved, sender=ProjectPage, dispatch_uid="search-moved")
