"""Wagtail's own search (admin search, ``Page.search``, choosers) on Elasticsearch 8.

This is Wagtail's ``elasticsearch8`` backend with one difference: only live pages that anyone may
read are written to the search server. Wagtail indexes a page's own fields, which for a live
page are its published version (changes not yet published wait in revisions), but a page that
was never published, or sits under a view restriction, would otherwise be sent as it is. Such
pages are left out, and removed if they were there, so the cluster never holds a fellow's draft
or a private page. Editors still find drafts through the page explorer and their dashboards.
"""

from wagtail.models import Page
from wagtail.search.backends.elasticsearch8 import (
    Elasticsearch8Index,
    Elasticsearch8SearchBackend,
)

from elasticsearch import helpers


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


class PublicPagesSearchBackend(Elasticsearch8SearchBackend):
    """Wagtail's Elasticsearch 8 backend, keeping drafts and private pages off the server."""

    index_class = PublicPagesIndex


SearchBackend = PublicPagesSearchBackend
