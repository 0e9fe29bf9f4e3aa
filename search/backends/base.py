"""The interface every search backend implements, and the values that cross it.

``search.params`` reads the request into a ``SearchRequest``; ``search.runner`` hands it to a
backend, which answers with a ``BackendResponse`` of ``Hit`` values; ``search.results`` turns that
into what the page and the API show. Nothing outside ``search.backends`` knows which backend
answered. This module holds types only: no queries, no models.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db import models

from core.vocabularies import Confidence, EvidenceType, Place


class Kind(models.TextChoices):
    """The two kinds of hit, findings first: a practitioner most often wants what was found."""

    FINDING = "finding", "Findings"
    PROJECT = "project", "Projects"


# Facets in the order the page shows them; each is also a GET parameter except "year".
FACETS = ("kind", "theme", "cohort", "year", "place", "evidence", "confidence", "status")
# About how many characters of text a hit's snippet shows.
SNIPPET_LENGTH = 220


@dataclass(frozen=True)
class CohortInfo:
    """What a backend needs to know about a cohort: its slug, title, year and place in the tree."""

    slug: str
    title: str
    year: int
    path: str


@dataclass(frozen=True)
class TermGroup:
    """One thing the searcher asked for: a word, or a phrase from the synonyms file, with every
    way of writing it that counts as a match.

    ``stems`` holds one tuple of stems per alternative ("ACEs" and "adverse childhood
    experiences" are two alternatives); ``words`` the same alternatives as plain lower-case words.
    """

    label: str
    stems: tuple[tuple[str, ...], ...]
    words: tuple[tuple[str, ...], ...]


@dataclass
class SearchRequest:
    """A validated search: the query text and its analysed terms, the filters, the order and page.

    ``text`` is the cleaned query as typed (for backends with their own analysers); ``groups``
    are the same words stemmed and expanded with synonyms (for backends without).

    Every backend reads the filters the same way: a hit has one of the chosen themes (a
    finding's themes are its own and its project's), and matches every other filter given;
    cohort, year, place and status are the project's; evidence type and confidence belong to
    findings, so filtering on them leaves no projects; ``kind`` keeps findings or projects only.
    """

    text: str = ""
    groups: list[TermGroup] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    kind: str | None = None
    cohort: str | None = None
    place: str | None = None
    evidence: str | None = None
    confidence: str | None = None
    status: str | None = None
    year: int | None = None
    sort: str = "relevance"
    page: int = 1
    # Every cohort, keyed by slug: used to resolve the cohort and year filters and facets.
    cohorts: dict[str, CohortInfo] = field(default_factory=dict)

    @cached_property
    def cohorts_by_path(self):
        return {cohort.path: cohort for cohort in self.cohorts.values()}

    @property
    def has_query(self):
        return bool(self.groups)

    @property
    def findings_only(self):
        """Evidence type and confidence belong to findings: filtering on them leaves no projects."""
        return bool(self.evidence or self.confidence)


@dataclass(frozen=True)
class HitTheme:
    """A theme as a hit shows it."""

    slug: str
    name: str


@dataclass
class Hit:
    """One result, a project or a finding, with everything the page and the API show of it.

    Each backend fills it from what it has already read (the database backend from the rows it
    loads, Elasticsearch from its stored documents), so showing a page of hits needs no query
    per hit and no model objects.
    """

    kind: str  # "project" or "finding"
    pk: int
    title: str  # a project's title or a finding's headline
    score: float
    snippet: str  # HTML: escaped text with the matched words in <mark>
    title_html: str  # HTML: the escaped title with the matched words in <mark>
    project_id: int
    project_title: str
    cohort: CohortInfo | None
    places: tuple[str, ...] = ()
    themes: tuple[HitTheme, ...] = ()  # by name; a finding's own and its project's
    evidence_type: str | None = None  # findings only
    confidence: str | None = None  # findings only
    # The addresses of the hit and of its project, and the finding's anchor on the project page.
    url: str = ""
    project_url: str = ""
    anchor: str = ""
    # The project's content note: shown instead of the snippet, whose text the note gates.
    content_note: str = ""
    # The project page, when its address is left to ``SearchResults.resolve_urls``.
    page: object = field(default=None, repr=False)

    @property
    def shown_snippet(self):
        """The snippet, or nothing when a content note asks the reader first: the snippet's text
        is what the project and finding pages keep behind the note."""
        return "" if self.content_note else self.snippet

    @property
    def evidence_type_label(self):
        return _label(EvidenceType, self.evidence_type)

    @property
    def confidence_label(self):
        return _label(Confidence, self.confidence)

    @property
    def place_labels(self):
        return [_label(Place, place) for place in self.places]


def _label(vocabulary, value):
    return dict(vocabulary.choices).get(value, value) if value else ""


@dataclass
class BackendResponse:
    """A backend's answer: the number of hits, the requested slice of them, and facet counts.

    ``facets`` maps each name in ``FACETS`` to ``{value: count}`` where value is a kind of hit
    (``Kind``), a theme slug, cohort slug, year, place, evidence type, confidence or status.
    """

    total: int
    hits: list[Hit]
    facets: dict[str, dict]
    # Notes for the searcher about how the search was answered (e.g. in a reduced mode).
    warnings: list[str] = field(default_factory=list)
    # The search was stopped before it finished: no hits or counts, whatever there may be.
    stopped: bool = False


class BackendUnavailable(Exception):
    """A backend cannot answer now (its server is down, slow or out of date); another may.

    ``FallbackBackend`` catches it and asks its fallback instead.
    """


class BaseSearchBackend:
    """A way of answering searches. Subclasses implement ``search`` and ``suggest``."""

    name = "base"

    def search(self, request: SearchRequest, offset: int, limit: int) -> BackendResponse:
        """Hits ``offset`` to ``offset + limit`` for the request, the total, and facet counts.

        Facet counts follow the usual faceted rule: each facet is counted with every other
        filter applied but not its own, so its options show what choosing them would give.
        """
        raise NotImplementedError

    def suggest(self, request: SearchRequest) -> str | None:
        """A respelling of the query that is likely to find something, or None."""
        return None
