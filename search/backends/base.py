"""The interface every search backend implements, and the values that cross it.

``search.query`` parses and validates the request, then hands a ``SearchRequest`` to a backend;
the backend answers with a ``BackendResponse``. Neither the views nor ``search.query`` know which
backend answered.
"""

from dataclasses import dataclass, field
from functools import cached_property

from projects.vocabularies import Confidence, EvidenceType, Place

# Facets in the order the page shows them; each is also a GET parameter except "year".
FACETS = ("theme", "cohort", "year", "place", "evidence", "confidence", "status")


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
    findings, so filtering on them leaves no projects.
    """

    text: str = ""
    groups: list[TermGroup] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
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
    # The project page, when its address is left to ``SearchResults.resolve_urls``.
    page: object = field(default=None, repr=False)

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

    ``facets`` maps each name in ``FACETS`` to ``{value: count}`` where value is a theme slug,
    cohort slug, year, place, evidence type, confidence or status.
    """

    total: int
    hits: list[Hit]
    facets: dict[str, dict]
    # Notes for the searcher about how the search was answered (e.g. in a reduced mode).
    warnings: list[str] = field(default_factory=list)
    # The search was stopped before it finished: no hits or counts, whatever there may be.
    stopped: bool = False


def load_hit_objects(projects, project_ids, finding_ids):
    """The projects and findings of a page of hits, by ``(kind, pk)``, in four queries at most.

    ``project_ids`` are the ids of every project on the page, those hit themselves and those
    of the findings hit; ``projects`` is the queryset they must belong to (live and public,
    say). Each finding gets its project from that one query, so a finding whose project is not
    there is left out, and the count of queries stays the same whatever the page size and
    whichever kinds of hit are on it.
    """
    from projects.models import Finding, FindingTheme, ProjectPageTheme

    objects = {}
    if not project_ids:
        return objects
    # The write-up and the mentors' notes are never shown with a hit: not read at all.
    by_pk = {p.pk: p for p in projects.filter(pk__in=project_ids).defer("body", "mentor_notes")}
    attach_themes(by_pk.values(), ProjectPageTheme)
    for pk, project in by_pk.items():
        objects["project", pk] = project
    if finding_ids:
        findings = list(Finding.objects.filter(pk__in=finding_ids, page_id__in=list(by_pk)))
        attach_themes(findings, FindingTheme)
        for finding in findings:
            finding.page = by_pk[finding.page_id]
            objects["finding", finding.pk] = finding
    return objects


def live_hit_ids(project_ids, finding_ids):
    """Which of these projects and findings may be shown now: projects live and public, findings
    of those projects still there. Two queries (and Wagtail's read of view restrictions)."""
    from projects.models import Finding, ProjectPage

    if not project_ids:
        return set(), set()
    projects = ProjectPage.objects.live().public().filter(pk__in=list(project_ids))
    live_projects = set(projects.values_list("pk", flat=True))
    findings = Finding.objects.filter(pk__in=list(finding_ids), page_id__in=list(live_projects))
    return live_projects, set(findings.values_list("pk", flat=True))


def attach_themes(objects, through):
    """What ``prefetch_related("themes")`` does for these projects or findings, in one query.

    Django's prefetch builds a filtered themes queryset for every object before filling it,
    and through taggit that was a quarter of a search's time; these querysets are only
    containers for the themes already read, as in Django's own prefetching. A theme on many
    hits is one object (with its name and slug; anything else is read if asked for).
    """
    from projects.models import Theme

    objects = list(objects)
    if not objects:
        return
    themes = {obj.pk: [] for obj in objects}
    taggings = (
        through.objects.filter(content_object_id__in=list(themes))
        .order_by("tag__name", "tag_id")
        .values_list("content_object_id", "tag_id", "tag__name", "tag__slug")
    )
    shared = {}
    for object_id, tag_id, name, slug in taggings:
        theme = shared.get(tag_id)
        if theme is None:
            theme = shared[tag_id] = Theme.from_db(
                Theme.objects.db, ["id", "name", "slug"], (tag_id, name, slug)
            )
        themes[object_id].append(theme)
    for obj in objects:
        queryset = Theme.objects.all()
        queryset._result_cache = themes[obj.pk]
        queryset._prefetch_done = True
        obj._prefetched_objects_cache = {
            **getattr(obj, "_prefetched_objects_cache", {}),
            "themes": queryset,
        }


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
