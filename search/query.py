"""The one place a search is built: GET parameters in, ``SearchResults`` out.

Both the search page and the JSON API call ``run_search``. It validates the parameters with
``SearchFilterSet``, analyses the query (British stemming, synonyms from ``synonyms.txt``),
asks the configured backend for hits and facet counts, and adds what the page needs around them:
pagination, the filters to relax, a spelling suggestion and plain-English messages.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings

from wagtail.models import Page

from cohorts.models import CohortPage
from projects.models import Theme
from projects.vocabularies import Confidence, EvidenceType, Place, Status
from search.backends import get_backend
from search.backends.base import FACETS, CohortInfo, SearchRequest, TermGroup
from search.filters import SearchFilterSet

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
MAX_THEMES = 20
SYNONYMS_FILE = Path(__file__).resolve().parent / "synonyms.txt"

# Words too common to search for. "and", "or" and "not" are here too: they are not operators.
STOP_WORDS = frozenset(
    "a an and are as at be by for from in into is it its not of on or so that the their this "
    "to was were with".split()
)
# Characters with a meaning in search engine query syntax; here they only separate words.
# "?" and "!" are left out: people end questions with them, and they mean nothing here either.
SYNTAX_CHARACTERS = set('"()[]{}:*~/\\^&|<>+=')
OPERATORS = re.compile(r"\b(AND|OR|NOT)\b")
WORD = re.compile(r"[a-z0-9]+")

FILTER_LABELS = {
    "theme": "Theme",
    "cohort": "Cohort",
    "year": "Year",
    "place": "Place",
    "evidence": "Evidence type",
    "confidence": "Confidence",
    "status": "Status",
}
VOCABULARIES = {
    "place": Place,
    "evidence": EvidenceType,
    "confidence": Confidence,
    "status": Status,
}


# Text analysis ------------------------------------------------------------------------------


def tokenise(text):
    """Lower-case ASCII words: accents dropped, possessive "'s" removed, punctuation splits."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’]s\b", "", text)
    return WORD.findall(text)


def stem(word):
    """A light British English stem, used as a word prefix when matching.

    It strips plurals and -ing/-ed, so "behaviours" and "behaviour" share a stem, as do
    "organisations" and "organisation", "informed" and "inform", "families" and "family".
    American -ize and -avior spellings are read as British. A final e stays: dropping it would
    make "police" find "policy".
    """
    w = word.lower()
    w = re.sub(r"iz(e|es|ed|ing|ation|ations)$", r"is\1", w)
    w = re.sub(r"avior(s?)$", r"aviour\1", w)
    if len(w) <= 3 or w.isdigit():
        return w
    if w.endswith(("ies", "ied")) and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def word_prefixes(word):
    """The prefixes a word matches as: its stem, and for "family" also "familie" (families)."""
    base = stem(word)
    if len(base) > 3 and base.endswith("y") and base[-2] not in "aeiou":
        return (base, base[:-1] + "ie")
    return (base,)


@dataclass(frozen=True)
class _SynonymEntry:
    words: tuple[str, ...]
    stems: tuple[str, ...]


def _content_words(text):
    return tuple(w for w in tokenise(text) if w not in STOP_WORDS)


@lru_cache(maxsize=4)
def _read_synonyms(path, mtime):
    groups = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entries = []
        for term in line.split(","):
            words = _content_words(term)
            if words:
                entries.append(_SynonymEntry(words, tuple(stem(w) for w in words)))
        if len(entries) > 1:
            groups.append(tuple(entries))
    return tuple(groups)


def synonym_groups(path=None):
    """The groups of ``synonyms.txt``; the file is read again whenever it changes."""
    path = path or getattr(settings, "SEARCH_SYNONYMS_FILE", SYNONYMS_FILE)
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        return ()
    return _read_synonyms(str(path), mtime)


def analyse(text, synonyms=None):
    """Turn query text into term groups: one per word, or per synonym phrase found in it.

    Every group must match for a hit; within a group any alternative will do.
    """
    synonyms = synonym_groups() if synonyms is None else synonyms
    words = list(_content_words(text))
    stems = [stem(w) for w in words]
    groups, seen, i = [], set(), 0
    while i < len(words):
        best = None
        for group in synonyms:
            for entry in group:
                n = len(entry.stems)
                if tuple(stems[i : i + n]) == entry.stems and (best is None or n > best[0]):
                    best = (n, group)
        if best:
            n, group = best
            term = TermGroup(
                label=" ".join(words[i : i + n]),
                stems=tuple(e.stems for e in group),
                words=tuple(e.words for e in group),
            )
        else:
            n = 1
            prefixes = word_prefixes(words[i])
            term = TermGroup(
                label=words[i],
                stems=tuple((p,) for p in prefixes),
                words=((words[i],),),
            )
        if term.stems not in seen:
            seen.add(term.stems)
            groups.append(term)
        i += n
    return groups


# Parsing and validation -----------------------------------------------------------------------


@dataclass
class ParsedRequest:
    """A ``SearchRequest`` with the problems found while reading the parameters.

    ``errors`` are parameters that were wrong and ignored or corrected (the API refuses them);
    ``warnings`` explain how the query was read (the API passes them on).
    """

    request: SearchRequest
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    theme_names: dict[str, str] = field(default_factory=dict)


def _truncate(text, limit):
    cut = text[:limit]
    if len(text) > limit and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.strip()


def live_cohorts():
    """Every live cohort by slug, newest year first, then by title.

    Read as two small queries, cohorts then their pages by primary key: as one join, SQLite
    chose to read every page of the site (projects included) to find the few dozen cohorts.
    """
    years = dict(CohortPage.objects.values_list("pk", "year"))
    pages = Page.objects.filter(pk__in=list(years), live=True).values_list(
        "pk", "slug", "title", "path"
    )
    ordered = sorted(pages, key=lambda p: (-years[p[0]], p[2]))
    return {slug: CohortInfo(slug, title, years[pk], path) for pk, slug, title, path in ordered}


def parse(params):
    """Validate GET parameters into a ``ParsedRequest``; never raises on bad input."""
    filterset = SearchFilterSet(params)
    filterset.is_valid()
    errors = filterset.plain_errors()
    data = filterset.form.cleaned_data
    warnings = []

    text = data.get("q") or ""
    if len(text) > MAX_QUERY_LENGTH:
        errors.setdefault("q", []).append(
            f"Searches can be up to {MAX_QUERY_LENGTH} characters long. Yours had "
            f"{len(text):,}, so only the start of it was used."
        )
        text = _truncate(text, MAX_QUERY_LENGTH)
    if SYNTAX_CHARACTERS & set(text):
        warnings.append(
            "Quotation marks, brackets and other symbols are ignored: the search looked for "
            "your words only."
        )
    if OPERATORS.search(text):
        warnings.append(
            "AND, OR and NOT are not search commands here: results contain all your other words."
        )
    groups = analyse(text)
    if len(groups) > MAX_TERMS:
        warnings.append(f"Only the first {MAX_TERMS} words of your search were used.")
        groups = groups[:MAX_TERMS]
    if text and not groups:
        warnings.append(
            "Your search had no words to look for, so everything matching the filters is shown."
        )

    themes = data.get("theme") or []
    if len(themes) > MAX_THEMES:
        errors.setdefault("theme", []).append(
            f"Choose up to {MAX_THEMES} themes at a time; the first {MAX_THEMES} were used."
        )
        themes = themes[:MAX_THEMES]
    theme_names = {}
    if themes:
        theme_names = dict(Theme.objects.filter(slug__in=themes).values_list("slug", "name"))
        unknown = [slug for slug in themes if slug not in theme_names]
        for slug in unknown:
            errors.setdefault("theme", []).append(f"There is no theme called “{slug[:60]}”.")
        themes = [slug for slug in themes if slug in theme_names]

    cohorts = live_cohorts()
    cohort = data.get("cohort") or None
    if cohort and cohort not in cohorts:
        errors.setdefault("cohort", []).append(f"There is no cohort called “{cohort[:60]}”.")
        cohort = None

    request = SearchRequest(
        text=text,
        groups=groups,
        themes=themes,
        cohort=cohort,
        place=data.get("place") or None,
        evidence=data.get("evidence") or None,
        confidence=data.get("confidence") or None,
        status=data.get("status") or None,
        year=data.get("year"),
        sort=data.get("sort") or "relevance",
        page=data.get("page") or 1,
        cohorts=cohorts,
    )
    return ParsedRequest(request, errors, warnings, theme_names)


# Running a search -------------------------------------------------------------------------------


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
    page_size: int = PAGE_SIZE
    # The search was stopped before it finished (see ``BackendResponse.stopped``).
    stopped: bool = False

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
        "snippet": str(hit.snippet),
        "score": round(hit.score, 3),
    }


def url_for(request, **changes):
    """A query string for ``request`` with ``changes`` applied; None or [] drops a parameter."""
    values = {
        "q": request.text,
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


def _facet_options(name, counts, request, theme_names):
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


def _active_filters(request, theme_names):
    active = []
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


def run_search(params, backend=None):
    """Validate ``params`` (a QueryDict or dict) and run the search they describe."""
    parsed = parse(params)
    request, errors = parsed.request, parsed.errors
    backend = backend or get_backend()

    response = backend.search(request, (request.page - 1) * PAGE_SIZE, PAGE_SIZE)
    num_pages = max(1, math.ceil(response.total / PAGE_SIZE))
    if request.page > num_pages and not response.stopped:
        pages = "is only 1 page" if num_pages == 1 else f"are only {num_pages:,} pages"
        errors.setdefault("page", []).append(
            f"There {pages} of results, so you are seeing the last one instead of page "
            f"{request.page:,}."
        )
        request.page = num_pages
        response = backend.search(request, (num_pages - 1) * PAGE_SIZE, PAGE_SIZE)

    suggestion = None
    if response.total == 0 and request.has_query and not response.stopped:
        suggestion = backend.suggest(request)

    theme_names = dict(parsed.theme_names)
    facet_slugs = set(response.facets.get("theme", {})) - set(theme_names)
    if facet_slugs:
        theme_names.update(Theme.objects.filter(slug__in=facet_slugs).values_list("slug", "name"))
    facets = {
        name: _facet_options(name, response.facets.get(name, {}), request, theme_names)
        for name in FACETS
    }
    return SearchResults(
        request=request,
        hits=response.hits,
        total=response.total,
        num_pages=num_pages,
        facets=facets,
        active_filters=_active_filters(request, theme_names),
        suggestion=suggestion,
        errors=errors,
        warnings=parsed.warnings + [w for w in response.warnings if w not in parsed.warnings],
        stopped=response.stopped,
    )
