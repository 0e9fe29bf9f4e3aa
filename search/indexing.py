"""Building Elasticsearch indices behind aliases.

Every document kind has a versioned index (``fellowship-projects-20260122093000123456``) behind
two aliases: searches read through ``fellowship-projects`` and updates are written through
``fellowship-projects-write``. A rebuild creates a new index and points the write alias at it
first, so that pages published meanwhile land in it; fills it while searches go on reading the
old one; then moves the read alias in a single ``update_aliases`` call, so there is no moment
with empty results, and only then drops the old index.
"""

from django.utils import timezone

from elasticsearch import NotFoundError, helpers
from elasticsearch_dsl import Index

from search.analysis import british_english, british_english_search
from search.documents import SCHEMA_VERSION, IndexingContext

# Documents per bulk request, and per database batch when rebuilding.
BULK_SIZE = 1000


def new_index_name(document):
    return f"{document.alias()}-{timezone.now():%Y%m%d%H%M%S%f}"


def index_definition(document, name):
    """The settings, analysers and mapping of a new index for ``document``."""
    index = Index(name)
    # One shard suits a few hundred thousand documents; no replicas on a single-node cluster.
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.analyzer(british_english())
    index.analyzer(british_english_search())
    index.document(document)
    index.get_or_create_mapping().meta("_meta", {"schema": SCHEMA_VERSION})
    return index


def schema_versions(client, alias):
    """The schema version of each index behind ``alias`` (None for one built before versions)."""
    try:
        mappings = client.indices.get_mapping(index=alias)
    except NotFoundError:
        return {}
    return {
        name: (body.get("mappings", {}).get("_meta") or {}).get("schema")
        for name, body in mappings.items()
    }


def create_index(client, document, name=None):
    """Create a new, empty versioned index for ``document`` and return its name."""
    name = name or new_index_name(document)
    index_definition(document, name).create(using=client)
    return name


def indices_behind(client, alias):
    """The indices ``alias`` points at (normally one; none before the first build)."""
    try:
        return sorted(client.indices.get_alias(name=alias))
    except NotFoundError:
        return []


def point_alias(client, alias, index):
    """Point ``alias`` at ``index`` alone, in one atomic call; return the indices it left."""
    previous = [name for name in indices_behind(client, alias) if name != index]
    actions = [{"remove": {"index": name, "alias": alias}} for name in previous]
    actions.append({"add": {"index": index, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    return previous


def bulk_index(client, document, index, objects, context=None):
    """Write the documents for ``objects`` into ``index``; return how many were written."""
    context = context or IndexingContext()
    objects = list(objects)
    document.prepare_batch(objects, context)

    def actions():
        for obj in objects:
            yield {
                "_index": index,
                "_id": document.document_id(obj),
                "_source": document.source(obj, context),
            }

    # Through an alias, never let a write create an index of that name by accident.
    extra = {"require_alias": True} if index == document.write_alias() else {}
    written, _errors = helpers.bulk(
        client, actions(), chunk_size=BULK_SIZE, raise_on_error=True, **extra
    )
    return written


def remove_objects(client, document, ids):
    """Remove the documents with these ids; ids that were never indexed are not an error."""
    actions = ({"_op_type": "delete", "_index": document.write_alias(), "_id": pk} for pk in ids)
    _removed, errors = helpers.bulk(client, actions, raise_on_error=False, require_alias=True)
    failures = [error for error in errors if error.get("delete", {}).get("status") != 404]
    if failures:
        raise helpers.BulkIndexError(f"{len(failures)} document(s) could not be removed.", failures)


def rebuild(client, document, progress=None, chunk_size=BULK_SIZE):
    """Build a new index for ``document`` from the database, move both aliases to it, drop the
    old one; return the new index's name.

    ``progress``, if given, is called with the running count after each chunk.
    """
    previous = indices_behind(client, document.alias())
    name = create_index(client, document)
    # Nothing reads the new index until it is complete: refreshing it every second while it
    # fills would only slow the build down.
    client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "-1"}})
    point_alias(client, document.write_alias(), name)
    context = IndexingContext()
    written = 0
    try:
        chunk = []
        for obj in document.get_queryset().iterator(chunk_size=chunk_size):
            chunk.append(obj)
            if len(chunk) == chunk_size:
                written += bulk_index(client, document, name, chunk, context)
                chunk = []
                if progress:
                    progress(written)
        if chunk:
            written += bulk_index(client, document, name, chunk, context)
        if progress:
            progress(written)
        client.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
        client.indices.refresh(index=name)
    except Exception:
        # A half-built index must never be read: updates go back to the index searches read.
        if previous:
            point_alias(client, document.write_alias(), previous[0])
        client.indices.delete(index=name)
        raise
    for old in point_alias(client, document.alias(), name):
        client.indices.delete(index=old)
    return name
