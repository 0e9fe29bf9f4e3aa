"""Running a search: GET parameters in, ``SearchResults`` out.

Both the search page and the JSON API call ``run_search``. It reads the parameters
(``search.params``), asks the configured backend for a page of hits and the facet counts, and
builds what the page needs around them (``search.results``): pagination, the filters to relax,
a theme the query names or a spelling suggestion (``search.suggestions``) and plain-English
messages.
"""

import math

from search.backends.base import FACETS
from search.backends.factory import get_backend
from search.params import parse
from search.public import counted_theme_names, read_restrictions_once
from search.results import SearchResults, active_filters, facet_options
from search.suggestions import named_theme, useful_respelling

PAGE_SIZE = 20


def run_search(params, backend=None):
    """Validate ``params`` (a QueryDict or dict) and run the search they describe."""
    with read_restrictions_once():
        return _run_search(params, backend)


def _run_search(params, backend):
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

    suggestion = theme = None
    if request.has_query and not response.stopped:
        # The facet counts public hits only: a theme it counted is in use.
        theme = named_theme(request, counted=set(response.facets.get("theme", {})))
        if theme is None and response.total == 0:
            suggestion = useful_respelling(backend, request)

    theme_names = dict(parsed.theme_names)
    facet_slugs = set(response.facets.get("theme", {})) - set(theme_names)
    if facet_slugs:
        theme_names.update(counted_theme_names(facet_slugs))
    facets = {
        name: facet_options(name, response.facets.get(name, {}), request, theme_names)
        for name in FACETS
    }
    return SearchResults(
        request=request,
        hits=response.hits,
        total=response.total,
        num_pages=num_pages,
        facets=facets,
        active_filters=active_filters(request, theme_names),
        suggestion=suggestion,
        suggested_theme=theme,
        errors=errors,
        warnings=parsed.warnings + [w for w in response.warnings if w not in parsed.warnings],
        page_size=PAGE_SIZE,
        stopped=response.stopped,
    )
