"""Wagtail's own search (admin search, ``Page.search``, choosers) on Elasticsearch 8.

This is Wagtail's ``elasticsearch8`` backend with one difference: only live pages that anyone may
read are written to the search server. Wagtail indexes a page's own fields, which for a live
page are its published version (changes not yet published wait in revisions), but a page that
was never published, or sits under a view restriction, would otherwise be sent as it is. Such
pages are left out, and removed if they were there, so the cluster never holds a fellow's draft
or a private page. Editors still find drafts through the page explorer and their dashboards.

When the server is down, slow or refuses a request, a search answers from Wagtail's database
backend instead (the ``database`` entry of ``WAGTAILSEARCH_BACKENDS``, kept up to date beside
this one), with the same query, fields, filters and order, and a warning in the log: an editor's
search never ends in an error page.
"""

import logging

from django.conf import settings

from modelsearch.backends.elasticsearchbase import ElasticsearchAutocompleteQueryCompilerImpl
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.elasticsearch8 import (
    Elasticsearch8Index,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchResults,
)

from elasticsearch import ApiError, TransportError, helpers

logger = logging.getLogger(__name__)

# Connection refused, timed out, or an error status from the server: the client's two roots.
ELASTICSEARCH_FAILURES = (ApiError, TransportError)
DATABASE_BACKEND = "wagtail.search.backends.database"


def readable_page_ids(pages):
    """Ids of those of ``pages`` that are live and carry no view restriction, in two queries."""
    ids = [page.pk for page in pages]
    return set(Page.objects.filter(pk__in=ids).live().public().values_list("pk", flat=True))


class PublicPagesIndex(Elasticsearch8Index):
    """An index that holds live, public pages only (and every other indexed model as usual)."""

    def add_item(self, item):
        if isinstance(item, Page) and not readable_page_ids([item]):
            self.delete_item(item)
            return
        super().add_item(item)

    def add_items(self, model, items):
        if issubclass(model, Page):
            items = list(items)
            readable = readable_page_ids(items)
            withheld = [item for item in items if item.pk not in readable]
            items = [item for item in items if item.pk in readable]
            self._delete_items(model, withheld)
        super().add_items(model, items)

    def _delete_items(self, model, items):
        if not items:
            return
        mapping = self.mapping_class(model)
        actions = (
            {"_op_type": "delete", "_index": self.name, "_id": mapping.get_document_id(item)}
            for item in items
        )
        # A page that was never sent is not an error.
        helpers.bulk(self.es, actions, raise_on_error=False)


def database_backend():
    """Wagtail's database search backend: the configured ``database`` entry when there is one."""
    return get_search_backend(
        "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else DATABASE_BACKEND
    )


class DatabaseFallbackResults(Elasticsearch8SearchResults):
    """Search results from Elasticsearch, or from the database backend when the server fails.

    The request to the server happens lazily, when results, a count or facets are first asked
    for; each of those falls back on its own. Once one has failed, the others for the same search
    (and its slices) go straight to the database, so a hung server costs an editor one timeout
    per search, not one per question asked of it.
    """

    def __init__(self, backend, query_compiler, prefetch_related=None):
        super().__init__(backend, query_compiler, prefetch_related=prefetch_related)
        # Shared with every slice of this search (see _clone).
        self._server = {"failed": False}

    def _clone(self):
        new = super()._clone()
        new._server = self._server
        return new

    def _from_server(self, action, ask):
        """``ask()``'s answer, or None when the server fails (recorded and logged)."""
        if self._server["failed"]:
            return None
        try:
            return ask()
        except ELASTICSEARCH_FAILURES as error:
            self._server["failed"] = True
            logger.warning(
                "Elasticsearch failed during a Wagtail %s on %s (%s: %s); "
                "answering from the database search backend instead.",
                action,
                self.query_compiler.queryset.model._meta.label,
                type(error).__name__,
                error,
            )
            return None

    def _database_results(self, sliced=True):
        """The same search on the database backend, as lazy results."""
        compiler = self.query_compiler
        database = database_backend()
        method = database.search
        if isinstance(compiler, ElasticsearchAutocompleteQueryCompilerImpl):
            method = database.autocomplete
        # The operator is already part of compiler.query (a PlainText built with it).
        results = method(
            compiler.query,
            compiler.queryset,
            fields=compiler.fields,
            order_by_relevance=compiler.order_by_relevance,
        )
        if sliced:
            results = results[self.start : self.stop]
        if self._score_field:
            results = results.annotate_score(self._score_field)
        return results

    def _do_search(self):
        search = super()._do_search
        # Read the whole page from the server here, so that a failure part-way is caught too.
        results = self._from_server("search", lambda: list(search()))
        if results is None:
            results = list(self._database_results())
        return results

    def _do_count(self):
        count = self._from_server("count", super()._do_count)
        if count is None:
            count = self._database_results().count()
        return count

    def facet(self, field_name):
        facet = super().facet
        facets = self._from_server("facet", lambda: facet(field_name))
        if facets is None:
            facets = self._database_results(sliced=False).facet(field_name)
        return facets


class PublicPagesSearchBackend(Elasticsearch8SearchBackend):
    """Wagtail's Elasticsearch 8 backend, keeping drafts and private pages off the server and
    answering from the database when the server fails."""

    index_class = PublicPagesIndex
    results_class = DatabaseFallbackResults


SearchBackend = PublicPagesSearchBackend
