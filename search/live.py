"""Keeping the search indices in step with the site, as it happens.

Whatever changes what a project's or finding's document says (the receivers are in
``search.signals``) enqueues ``sync_projects`` for the projects concerned once the transaction
commits:

- a project is published, unpublished, moved or deleted;
- a cohort is published (its title, slug or year may have changed), unpublished or moved: its
  projects carry the cohort's slug, title and year, and their addresses start with its slug
  (and with the slug of the list of cohorts, which is watched the same way);
- a theme is renamed, merged into another or deleted: documents carry theme names and slugs;
- a view restriction is added to or removed from a page: only public pages are indexed;
- a site is added, changed or removed: its hostname and root page shape every address.

Fellows are not in any document, so changes to them need no update. The page ids of a whole
transaction are collected and sent in batches of ``BATCH_SIZE``, so that renaming a theme used
by 500 findings costs a few requests, not 500. The task reads each page as it is then: a live,
public project is indexed with its findings; anything else is removed. Wagtail's own
Elasticsearch index is brought up to date for the same pages where a change reaches it without
a save (theme names, moves, view restrictions).

A failure is logged and recorded as a ``PendingIndexUpdate``, and never stops the editor's
action. Missed updates catch up by themselves: every successful update then replays up to
``CATCH_UP_SIZE`` of them, oldest first, and so does the health check (``catch_up_soon``) when
it finds the server answering; ``search_index sync`` replays them all.
"""

import logging
from collections import defaultdict
from itertools import zip_longest

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from django_tasks import task
from elasticsearch import ApiError, NotFoundError, TransportError, helpers
from elasticsearch.helpers import BulkIndexError

from search.client import update_client
from search.documents import FindingDocument, IndexingContext, ProjectDocument
from search.models import PendingIndexUpdate

logger = logging.getLogger(__name__)
# Projects per task: one bulk request for them and one for their findings.
BATCH_SIZE = 200
# Missed updates replayed after each successful update or health check: enough to clear a
# backlog in a few rounds, few enough that the request that triggers it stays quick.
CATCH_UP_SIZE = 100
INDEX_ERRORS = (ApiError, TransportError, BulkIndexError)


# Updating documents ------------------------------------------------------------------------


def _indexed_finding_ids(client, page_ids):
    """Ids of the finding documents indexed for these projects (there is no delete-by-query)."""
    hits = helpers.scan(
        client,
        index=FindingDocument.alias(),
        query={"query": {"terms": {"project_id": sorted(page_ids)}}},
        _source=False,
        size=1000,
    )
    try:
        return {int(hit["_id"]) for hit in hits}
    except NotFoundError:
        return set()


def update_projects(client, page_ids):
    """Bring the documents of these projects and their findings in line with the database.

    A constant number of requests whatever the number of projects: a refresh, a search for
    the findings indexed now, and one bulk request per kind of document.
    """
    from projects.models import Finding, ProjectPage
    from search.indexing import bulk_index, remove_objects

    page_ids = set(page_ids)
    pages = list(
        ProjectPage.objects.live().public().filter(pk__in=page_ids).prefetch_related("themes")
    )
    live_ids = {page.pk for page in pages}
    findings = list(
        Finding.objects.filter(page_id__in=live_ids)
        .select_related("page")
        .prefetch_related("themes", "page__themes")
    )
    # Refresh first so that findings indexed a moment ago are seen and can be removed.
    client.indices.refresh(index=FindingDocument.alias(), ignore_unavailable=True)
    stale = _indexed_finding_ids(client, page_ids) - {finding.pk for finding in findings}
    context = IndexingContext()
    if pages:
        bulk_index(client, ProjectDocument, ProjectDocument.write_alias(), pages, context)
    if findings:
        bulk_index(client, FindingDocument, FindingDocument.write_alias(), findings, context)
    if page_ids - live_ids:
        remove_objects(client, ProjectDocument, sorted(page_ids - live_ids))
    if stale:
        remove_objects(client, FindingDocument, sorted(stale))


def refresh_wagtail_index(page_ids):
    """Send these pages again to Wagtail's Elasticsearch index (drafts and private pages are
    taken out of it there), one bulk request per page type."""
    from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backends

    backends = [
        backend
        for backend in get_search_backends(with_auto_update=True)
        if isinstance(backend, ElasticsearchBaseSearchBackend)
    ]
    if not backends or not page_ids:
        return
    by_model = defaultdict(list)
    for page in Page.objects.filter(pk__in=page_ids).specific():
        by_model[type(page)].append(page)
    for backend in backends:
        for model, pages in by_model.items():
            backend.add_bulk(model, pages)


# Missed updates -----------------------------------------------------------------------------


def record_failure(page_ids, error):
    """Keep these pages for a later replay."""
    message = str(error)[:2000]
    PendingIndexUpdate.objects.bulk_create(
        [PendingIndexUpdate(page_id=page_id, error=message) for page_id in sorted(page_ids)],
        update_conflicts=True,
        unique_fields=["page_id"],
        update_fields=["error", "failed_at"],
    )


def forget(page_ids, started):
    """Drop the pending updates of these pages that failed before ``started``: a failure
    recorded since then is newer than what was just sent, and stays."""
    PendingIndexUpdate.objects.filter(page_id__in=page_ids, failed_at__lt=started).delete()


def replay_pending(client, limit=None):
    """Replay up to ``limit`` (by default ``CATCH_UP_SIZE``) missed updates, oldest first;
    return how many were replayed.

    Raises the server's error if it fails, leaving every row for another time.
    """
    started = timezone.now()
    limit = limit or CATCH_UP_SIZE
    page_ids = list(PendingIndexUpdate.objects.values_list("page_id", flat=True)[:limit])
    if not page_ids:
        return 0
    update_projects(client, page_ids)
    refresh_wagtail_index(page_ids)
    forget(page_ids, started)
    return len(page_ids)


@task()
def catch_up():
    """Replay a bounded batch of missed updates, if the server answers; return how many."""
    if not settings.ELASTICSEARCH_URL:
        return 0
    try:
        return replay_pending(update_client())
    except INDEX_ERRORS as error:
        logger.warning("Replaying missed search index updates failed: %s", error)
        return 0


def catch_up_soon():
    """Enqueue ``catch_up`` if missed updates are waiting: for callers that have just seen the
    server answer, such as the health check. Costs one query when nothing waits."""
    try:
        if settings.ELASTICSEARCH_URL and PendingIndexUpdate.objects.exists():
            catch_up.enqueue()
    except DatabaseError:
        # The caller is reporting on the database too; this is not the place to fail.
        logger.exception("Could not look for missed search index updates")


# Live updates -------------------------------------------------------------------------------


@task()
def sync_projects(page_ids, wagtail_page_ids=()):
    """Update these projects' search documents (and these pages in Wagtail's index), then
    replay some missed updates; on failure, record every page for a later replay."""
    if not settings.ELASTICSEARCH_URL:
        return False
    started = timezone.now()
    # Kept for the life of the process (``search.client``), so not closed here.
    client = update_client()
    try:
        if page_ids:
            update_projects(client, page_ids)
        refresh_wagtail_index(wagtail_page_ids)
    except INDEX_ERRORS as error:
        logger.warning("Search index update for pages %s failed: %s", page_ids, error)
        record_failure({*page_ids, *wagtail_page_ids}, error)
        return False
    forget({*page_ids, *wagtail_page_ids}, started)
    # The server answers again: a good moment to send what it missed.
    try:
        replay_pending(client)
    except INDEX_ERRORS as error:
        logger.warning("Replaying missed search index updates failed: %s", error)
    return True


class _Batch:
    """The page ids of one transaction, sent to the index in batches once it commits."""

    def __init__(self):
        self.project_ids = set()
        self.wagtail_ids = set()
        self.sent = False
        # Kept so that the registered callback can be recognised (bound methods are not).
        self.callback = self.send

    def send(self):
        self.sent = True
        projects = [sorted(self.project_ids)[i : i + BATCH_SIZE] for i in _starts(self.project_ids)]
        wagtail = [sorted(self.wagtail_ids)[i : i + BATCH_SIZE] for i in _starts(self.wagtail_ids)]
        for project_ids, wagtail_ids in zip_longest(projects, wagtail, fillvalue=[]):
            sync_projects.enqueue(project_ids, wagtail_ids)


def _starts(ids):
    return range(0, len(ids), BATCH_SIZE)


def _current_batch():
    connection = transaction.get_connection()
    batch = getattr(connection, "fellowship_search_batch", None)
    # A rolled-back transaction or savepoint drops its on_commit callbacks: a batch whose
    # callback is gone would never be sent, so start another.
    registered = (
        batch is not None
        and not batch.sent
        and any(entry[1] is batch.callback for entry in connection.run_on_commit)
    )
    if not registered:
        batch = _Batch()
        connection.fellowship_search_batch = batch
        transaction.on_commit(batch.callback)
    return batch


def enqueue_projects(page_ids, wagtail_page_ids=()):
    """Update these projects' documents (and these pages in Wagtail's index) once the current
    transaction has committed, together with everything else it changed."""
    if not settings.ELASTICSEARCH_URL or not (page_ids or wagtail_page_ids):
        return
    if not transaction.get_connection().in_atomic_block:
        batch = _Batch()
        batch.project_ids.update(page_ids)
        batch.wagtail_ids.update(wagtail_page_ids)
        batch.send()
        return
    batch = _current_batch()
    batch.project_ids.update(page_ids)
    batch.wagtail_ids.update(wagtail_page_ids)


def enqueue_project(page_id):
    """Update one project's documents once the current transaction has committed."""
    enqueue_projects([page_id])
