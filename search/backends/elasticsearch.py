"""Search on Elasticsearch, through the read aliases of the project and finding indices.

Both indices are searched at once. The query text goes to Elasticsearch's own British English
analysers (stems and synonyms), with typo tolerance for longer words; the best hits are then
reordered by matches in titles, headlines, summaries and themes. Filters are term filters. The
facet counts are a second search sent in the same request, each facet counted with every filter
but its own. Hits are shown from what their documents store, once the database confirms they are
still live and public. When the server cannot be reached in time, or its indices are out of date,
the backend raises ``BackendUnavailable``: ``get_backend`` wraps it in a ``FallbackBackend`` that
then answers from the database."""

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

from elasticsearch import ApiError, TransportError
from elasticsearch_dsl import MultiSearch, Q, Search

from search.backends.base import (
    FACETS,
    SNIPPET_LENGTH,
    BackendResponse,
    BackendUnavailable,
    BaseSearchBackend,
    Hit,
    HitTheme,
)
from search.backends.snippets import without_title, without_title_html
from search.client import search_client
from search.documents import (
    ALL_TEXT,
    DOCUMENTS,
    SCHEMA_VERSION,
    FindingDocument,
    ProjectDocument,
)
from search.indexing import schema_versions
from search.public import live_hit_ids

# What a match counts for beyond matching at all: title and headline most, as in the database
# backend, then summary and themes, then a finding's detail and recommendation; a finding's
# project's words count least, so that a finding that says it ranks above one whose project
# does. A match in a project's write-up counts through ``all_text`` alone.
RANKED_FIELDS = [
    "title^4",
    "headline^4",
    "summary^2",
    "theme_names^2",
    "detail",
    "recommendation",
    "place_names",
    "project_title^0.5",
    "project_summary^0.25",
    "project_theme_names^0.25",
    "project_place_names^0.25",
]
HIGHLIGHT_FIELDS = ("title", "headline", "summary", "detail", "recommendation", "body")
# Facet name -> the document field it counts.
FACET_FIELDS = {
    "kind": "kind",
    "theme": "themes",
    "cohort": "cohort",
    "year": "year",
    "place": "places",
    "evidence": "evidence_type",
    "confidence": "confidence",
    "status": "status",
}
FACET_SIZE = 200
# The filters of one value each, as (request attribute, document field). Projects have no evidence
# type or confidence, so those two leave only findings.
SINGLE_VALUE_FILTERS = [
    (name, FACET_FIELDS[name])
    for name in ("kind", "cohort", "year", "place", "status", "evidence", "confidence")
]
# The stored fields a hit is shown from, of either kind of document.
SHOWN_FIELDS = [
    "title",
    "summary",
    "headline",
    "detail",
    "recommendation",
    "project_id",
    "project_title",
    "cohort",
    "places",
    "theme_list",
    "evidence_type",
    "confidence",
    "url",
]
# Hits, from the best by the combined field, that the ranked fields reorder: ten pages.
RESCORE_WINDOW = 200
# Elasticsearch's default index.max_result_window.
MAX_RESULT_WINDOW = 10_000


# (address, alias) of the indices found built for this version of the documents.
_CURRENT_INDICES = set()


class ElasticsearchSearchBackend(BaseSearchBackend):
    """Searches Elasticsearch; raises ``BackendUnavailable`` when the server cannot answer."""

    name = "elasticsearch"

    def __init__(self, client=None):
        self.client = client or search_client()

    # Query building --------------------------------------------------------------------------

    @staticmethod
    def _query(request):
        """What a hit must match: every word, in any of the searchable fields (all copied into
        one), with typo tolerance only for words of five letters or more, so that short words
        ("care", "ACEs") are not confused with other short words."""
        if not request.has_query:
            return Q("match_all")
        return Q(
            "match",
            **{
                ALL_TEXT: {
                    "query": request.text,
                    "operator": "and",
                    "fuzziness": "AUTO:5,8",
                    "prefix_length": 1,
                }
            },
        )

    @staticmethod
    def _ranking(request):
        """Matching words in a title, headline, summary or theme count extra, among the best
        ``RESCORE_WINDOW`` hits by the combined field.

        Weighing the fields for every match cost more than finding the matches (a common word
        matches most of a large catalogue), and only the first pages of results are read.
        Hits past the window keep their order by the combined field, after those in it, so
        paging stays consistent.
        """
        ranked = Q("multi_match", query=request.text, fields=RANKED_FIELDS, type="best_fields")
        return {
            "window_size": RESCORE_WINDOW,
            "query": {
                "rescore_query": ranked.to_dict(),
                "query_weight": 1,
                "rescore_query_weight": 1,
            },
        }

    @staticmethod
    def _filters(request, exclude=frozenset()):
        """The request's filters as term queries, leaving out ``exclude``."""
        filters = []
        if request.themes and "theme" not in exclude:
            filters.append(Q("terms", themes=list(request.themes)))
        for name, field in SINGLE_VALUE_FILTERS:
            value = getattr(request, name)
            if value and name not in exclude:
                filters.append(Q("term", **{field: value}))
        return filters

    def _indices(self):
        return [ProjectDocument.alias(), FindingDocument.alias()]

    def _hits_search(self, request, offset, limit):
        """The page of hits and the total, with every filter applied."""
        search = Search(using=self.client, index=self._indices())
        search = search.query(self._query(request)).extra(track_total_hits=True)
        filters = self._filters(request)
        if filters:
            search = search.filter(Q("bool", filter=filters))
        if request.sort == "relevance" and request.has_query:
            # By score (rescoring allows no other order); equal scores keep the index's order.
            search = search.extra(rescore=self._ranking(request))
        else:
            search = search.sort(
                {"first_published_at": {"order": "desc", "missing": "_last"}}, "_doc"
            )
        search = search.highlight_options(
            # The plain highlighter is quicker than the unified one for a page of short fields.
            type="plain",
            # Every highlighted field has the same analysers, so each field's own query terms
            # mark the same words as all of them would.
            require_field_match=True,
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",
            fragment_size=SNIPPET_LENGTH,
            number_of_fragments=1,
            no_match_size=SNIPPET_LENGTH,
        )
        if request.has_query:
            # Marks the words as typed (stemmed, with synonyms), not the words a typo may have
            # stood for: running every fuzzy expansion over every field of every hit was most
            # of a search's time, and a hit found through a typo still gets its snippet.
            marked = Q(
                "multi_match",
                query=request.text,
                fields=list(HIGHLIGHT_FIELDS),
                type="best_fields",
                operator="or",
            )
            search = search.highlight(*HIGHLIGHT_FIELDS, highlight_query=marked.to_dict())
        else:
            search = search.highlight(*HIGHLIGHT_FIELDS)
        # What a hit shows is read from the document (not the write-up, which is never shown).
        search = search.source(SHOWN_FIELDS)
        # Past Elasticsearch's result window (or the last hit) ask only for the total, so that
        # a page number typed into the address gets the "only N pages" message, not an error.
        if offset + limit > MAX_RESULT_WINDOW:
            return search[0:0]
        return search[offset : offset + limit]

    def _facets_search(self, request):
        """The facet counts, each with every filter but its own.

        A search of its own, without hits: Elasticsearch runs it alongside the hits search, and
        its shard request cache answers it again until the index next changes, so paging through
        the same results or a popular search asks for the counts once.
        """
        aggregations = {}
        for name in FACETS:
            terms = {"terms": {"field": FACET_FIELDS[name], "size": FACET_SIZE}}
            others = self._filters(request, exclude={name})
            if others:
                others = Q("bool", filter=others).to_dict()
                aggregations[name] = {"filter": others, "aggs": {"values": terms}}
            else:
                aggregations[name] = terms
        # Written out rather than built as aggregation objects, which took longer to build than
        # the search server took to count them.
        search = Search(using=self.client, index=self._indices()).query(self._query(request))
        return search.extra(size=0, track_total_hits=False, aggs=aggregations)

    def _search(self, request, offset, limit):
        # Both searches are answered from Elasticsearch's shard request cache when the same
        # search was made since the index last changed (a popular search, a partner's embedded
        # theme page, paging back): the cache is emptied whenever the index refreshes, so a
        # cached answer is never older than the index. Searches with hits are only cached when
        # asked, as here.
        return (
            MultiSearch(using=self.client)
            .add(self._hits_search(request, offset, limit).params(request_cache=True))
            .add(self._facets_search(request))
        )

    # Answering -------------------------------------------------------------------------------

    def search(self, request, offset, limit):
        try:
            if not self._index_is_current():
                raise BackendUnavailable("the index was built by an older version of the site")
            response, counts = self._execute(self._search(request, offset, limit))
        except (TransportError, ApiError) as error:
            raise BackendUnavailable(error) from error
        facets = {}
        for name in FACETS:
            aggregation = counts["aggregations"][name]
            # A facet with other filters to apply counts inside a filter aggregation.
            aggregation = aggregation.get("values", aggregation)
            # Years are keywords in the index, and numbers everywhere else.
            key = int if name == "year" else str
            facets[name] = {key(b["key"]): b["doc_count"] for b in aggregation["buckets"]}
        return BackendResponse(
            total=response["hits"]["total"]["value"],
            hits=self._hits(request, response["hits"]["hits"]),
            facets=facets,
        )

    def _execute(self, multi_search):
        """The responses of a multi-search as plain dicts, or the first error as an ``ApiError``.

        Read as they come: a page of hits and seven facets wrapped in elasticsearch-dsl's
        response objects took longer to read than the search server took to answer.
        """
        answer = self.client.msearch(body=multi_search.to_dict())
        responses = answer["responses"]
        for response in responses:
            if "error" in response:
                raise ApiError("N/A", meta=answer.meta, body=response)
        return responses

    def _index_is_current(self):
        """Whether both indices were built for this version of the documents: a site upgraded
        without a rebuild answers from the database until it is rebuilt.

        A good answer is remembered for the life of the process, per alias; a bad one is asked
        again each time, so that the search server is used again as soon as it is rebuilt.
        """
        for document in DOCUMENTS:
            alias = document.alias()
            key = (settings.ELASTICSEARCH_URL, alias)
            if key in _CURRENT_INDICES:
                continue
            if set(schema_versions(self.client, alias).values()) != {SCHEMA_VERSION}:
                return False
            _CURRENT_INDICES.add(key)
        return True

    @staticmethod
    def _kind(hit):
        return "project" if hit["_index"].startswith(f"{ProjectDocument.alias()}-") else "finding"

    def _hits(self, request, found):
        """Hits from the documents' stored fields, each checked against the database first.

        The index may lag a moment behind an unpublish or a deletion, so only what is live and
        public now is shown; everything else shown comes from the document itself.
        """
        project_ids, finding_ids = set(), set()
        for hit in found:
            if self._kind(hit) == "project":
                project_ids.add(int(hit["_id"]))
            else:
                finding_ids.add(int(hit["_id"]))
                project_ids.add(int(hit["_source"]["project_id"]))
        live_projects, live_findings = live_hit_ids(project_ids, finding_ids)
        live = {"project": live_projects, "finding": live_findings}

        hits = []
        for hit in found:
            kind, pk, source = self._kind(hit), int(hit["_id"]), hit["_source"]
            if pk not in live[kind]:
                continue
            highlights = hit.get("highlight", {})
            if kind == "project":
                title, plain = source["title"], source.get("summary") or ""
                title_field, snippet_fields = "title", ("summary", "body")
                url = project_url = source["url"]
                project_id, project_title, anchor = pk, title, ""
            else:
                title = source["headline"]
                plain = source.get("detail") or source.get("recommendation") or ""
                title_field, snippet_fields = "headline", ("detail", "recommendation")
                url = source["url"]
                project_url, _, anchor = url.partition("#")
                project_id, project_title = source["project_id"], source["project_title"]
            title_html = highlights[title_field][0] if title_field in highlights else escape(title)
            # Never the title itself: the hit shows it already.
            fragments = (
                without_title_html(highlights.get(name, [""])[0], title) for name in snippet_fields
            )
            snippet = next((fragment for fragment in fragments if "<mark>" in fragment), None)
            if snippet is None:
                snippet = escape(without_title(plain, title)[:SNIPPET_LENGTH])
            hits.append(
                Hit(
                    kind=kind,
                    pk=pk,
                    title=title,
                    score=float(hit.get("_score") or 0),
                    snippet=mark_safe(snippet),  # noqa: S308 - escaped by the html encoder
                    title_html=mark_safe(title_html),  # noqa: S308 - escaped likewise
                    project_id=project_id,
                    project_title=project_title,
                    cohort=request.cohorts.get(source.get("cohort")),
                    places=tuple(source.get("places") or ()),
                    themes=tuple(HitTheme(**theme) for theme in source.get("theme_list") or ()),
                    evidence_type=source.get("evidence_type"),
                    confidence=source.get("confidence"),
                    url=url,
                    project_url=project_url,
                    anchor=anchor,
                    content_note=live_projects.get(int(project_id)) or "",
                )
            )
        return hits

    def suggest(self, request):
        """Each query word the index does not know, replaced by its closest known word."""
        if not request.text:
            return None
        replacements = {}
        # Each index is asked about its own title field: a term suggester fails on a field
        # that an index does not map.
        for document, name in ((ProjectDocument, "title"), (FindingDocument, "headline")):
            search = Search(using=self.client, index=document.alias()).suggest(
                name, request.text, term={"field": name, "suggest_mode": "missing", "size": 1}
            )
            try:
                response = search[:0].execute()
            except (TransportError, ApiError) as error:
                raise BackendUnavailable(error) from error
            for entry in getattr(response.suggest, name, []):
                if entry.options and entry.text not in replacements:
                    replacements[entry.text] = entry.options[0].text
        if not replacements:
            return None
        words = request.text.split()
        changed = [replacements.get(word.lower(), word) for word in words]
        return " ".join(changed) if changed != words else None
