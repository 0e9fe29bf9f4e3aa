"""What the page and the API show for one search: hits, facet options, active filters, links.

``search.runner`` builds a ``SearchResults`` from a backend's answer; the page renders it and the
API turns it into JSON with ``as_dict``.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from core.vocabularies import Confidence, EvidenceType, Place, Status
from search.backends.base import HitTheme, Kind, SearchRequest

FILTER_LABELS = {
    "kind": "Show",
    "theme": "Theme",
    "cohort": "Cohort",
    "year": "Year",
    "place": "Place",
    "evidence": "Evidence type",
    "confidence": "Confidence",
    "status": "Status",
}
VOCABULARIES = {
    "kind": Kind,
    "place": Place,
    "evidence": EvidenceType,
    "confidence": Confidence,
    "status": Status,
}


@dataclass
class FacetOption:
    """One choice in a filter group, with how many hits choosing it would give."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass
class ActiveFilter:
    """A filter in use, with the address of the same search without it."""

    name: str
    value: str
    label: str
    remove_url: str


@dataclass
class SearchResults:
    """Everything the page and the API show for one search."""

    request: SearchRequest
    hits: list
    total: int
    num_pages: int
    facets: dict[str, list[FacetOption]]
    active_filters: list[ActiveFilter]
    suggestion: str | None
    errors: dict[str, list[str]]
    warnings: list[str]
    page_size: int
    # The search was stopped before it finished (see ``BackendResponse.stopped``).
    stopped: bool = False
    # A public theme the query names, offered as a filter (a ``HitTheme``).
    suggested_theme: HitTheme | None = None

    @property
    def page(self):
        return self.request.page

    @property
    def first_index(self):
        return (self.page - 1) * self.page_size + 1 if self.total else 0

    @property
    def last_index(self):
        return self.first_index + len(self.hits) - 1 if self.total else 0

    @property
    def messages(self):
        return [m for messages in self.errors.values() for m in messages]

    def url(self, **changes):
        """The query string of this search with some parameters changed (None removes one)."""
        return url_for(self.request, **changes)

    @property
    def previous_url(self):
        return self.url(page=self.page - 1) if self.page > 1 else None

    @property
    def next_url(self):
        return self.url(page=self.page + 1) if self.page < self.num_pages else None

    @property
    def suggestion_url(self):
        return self.url(q=self.suggestion, page=None) if self.suggestion else None

    @property
    def suggested_theme_url(self):
        """This search's filters with the theme chosen in place of the words that named it."""
        if not self.suggested_theme:
            return None
        themes = [*self.request.themes, self.suggested_theme.slug]
        return self.url(q=None, theme=themes, page=None)

    def resolve_urls(self, http_request):
        """Give every hit that has no address yet its address and its project's, as seen from
        ``http_request`` (Elasticsearch's hits carry theirs; the database backend's do not).

        Each project's address is worked out once for all its findings on the page, and with the
        request Wagtail reads the site's root paths once for the page instead of once a project
        (in production each of those reads is a query of the cache table).
        """
        urls = {}
        for hit in self.hits:
            if hit.url or hit.page is None:
                continue
            if hit.project_id not in urls:
                urls[hit.project_id] = hit.page.get_url(http_request)
            hit.project_url = urls[hit.project_id]
            # The same addresses as project.get_url() and finding.get_url().
            hit.url = (
                hit.project_url if hit.kind == "project" else f"{hit.project_url}#{hit.anchor}"
            )

    def as_dict(self, http_request):
        """The JSON API's body: hits with absolute addresses, facet counts and the suggestion."""
        self.resolve_urls(http_request)
        return {
            "count": self.total,
            "page": self.page,
            "num_pages": self.num_pages,
            "results": [_hit_as_dict(hit, http_request) for hit in self.hits],
            "facets": {
                name: [
                    {"value": o.value, "label": o.label, "count": o.count, "selected": o.selected}
                    for o in options
                ]
                for name, options in self.facets.items()
            },
            "suggestion": self.suggestion,
            "suggested_theme": (
                {
                    "name": self.suggested_theme.name,
                    "slug": self.suggested_theme.slug,
                    "url": http_request.build_absolute_uri(
                        reverse("search") + self.suggested_theme_url
                    ),
                }
                if self.suggested_theme
                else None
            ),
            "warnings": self.warnings,
        }


def _hit_as_dict(hit, http_request):
    absolute = http_request.build_absolute_uri
    cohort = hit.cohort
    return {
        "kind": hit.kind,
        "title": hit.title,
        "url": absolute(hit.url),
        "project": {"title": hit.project_title, "url": absolute(hit.project_url)},
        "cohort": {"title": cohort.title, "slug": cohort.slug} if cohort else None,
        "themes": [{"name": t.name, "slug": t.slug} for t in hit.themes],
        "evidence_type": hit.evidence_type,
        "confidence": hit.confidence,
        "content_note": hit.content_note or None,
        # Left empty when there is a content note, as on the page.
        "snippet": str(hit.shown_snippet),
        "score": round(hit.score, 3),
    }


def url_for(request, **changes):
    """A query string for ``request`` with ``changes`` applied; None or [] drops a parameter."""
    values = {
        "q": request.text,
        "kind": request.kind,
        "theme": list(request.themes),
        "cohort": request.cohort,
        "place": request.place,
        "evidence": request.evidence,
        "confidence": request.confidence,
        "status": request.status,
        "year": request.year,
        "sort": request.sort if request.sort != "relevance" else None,
        "page": request.page if request.page != 1 else None,
    }
    values.update(changes)
    pairs = []
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            if item not in (None, ""):
                pairs.append((name, item))
    return "?" + urlencode(pairs) if pairs else "?"


def facet_options(name, counts, request, theme_names):
    selected = set(request.themes) if name == "theme" else {getattr(request, name)} - {None}
    if name == "theme":
        labels = theme_names
        order = sorted(set(counts) | selected, key=lambda s: labels.get(s, s).casefold())
    elif name == "cohort":
        labels = {slug: c.title for slug, c in request.cohorts.items()}
        order = [slug for slug in request.cohorts if slug in counts or slug in selected]
    elif name == "year":
        labels = {year: str(year) for year in set(counts) | selected}
        order = sorted(labels, reverse=True)
    else:
        labels = dict(VOCABULARIES[name].choices)
        order = [value for value in labels if value in counts or value in selected]
    options = []
    for value in order:
        count = counts.get(value, 0)
        if count or value in selected:
            label = labels.get(value, str(value))
            options.append(FacetOption(str(value), label, count, value in selected))
    return options


def active_filters(request, theme_names):
    active = []
    if request.kind:
        label = f"{FILTER_LABELS['kind']}: {dict(Kind.choices)[request.kind].lower()} only"
        active.append(
            ActiveFilter("kind", request.kind, label, url_for(request, kind=None, page=None))
        )
    for slug in request.themes:
        remaining = [s for s in request.themes if s != slug]
        label = f"Theme: {theme_names.get(slug, slug)}"
        active.append(
            ActiveFilter("theme", slug, label, url_for(request, theme=remaining, page=None))
        )
    for name in ("cohort", "year", "place", "evidence", "confidence", "status"):
        value = getattr(request, name)
        if value in (None, ""):
            continue
        if name == "cohort":
            shown = request.cohorts[value].title if value in request.cohorts else value
        elif name == "year":
            shown = str(value)
        else:
            shown = dict(VOCABULARIES[name].choices).get(value, value)
        label = f"{FILTER_LABELS[name]}: {shown}"
        active.append(
            ActiveFilter(name, str(value), label, url_for(request, **{name: None, "page": None}))
        )
    return active
