"""The public search page and the JSON search API: both are thin wrappers around ``run_search``."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.ratelimit import limit_searches
from search.filters import SORT_CHOICES
from search.found_nothing import announce
from search.results import FILTER_LABELS
from search.runner import run_search

# Seconds a partner is asked to wait before repeating a search that could not be finished.
RETRY_AFTER = 30


@require_GET
@limit_searches()
def search_page(request):
    """Projects and findings matching the query and filters; bad parameters are explained."""
    results = run_search(request.GET)
    announce(results)
    results.resolve_urls(request)
    facet_groups = [
        (name, FILTER_LABELS[name], options, any(o.selected for o in options))
        for name, options in results.facets.items()
        if options
    ]
    # A search stopped for taking too long answers 503, so that it is not cached as a result.
    return render(
        request,
        "search/search_page.html",
        {
            "results": results,
            "search": results.request,
            "sort_choices": SORT_CHOICES,
            "facet_groups": facet_groups,
        },
        status=503 if results.stopped else 200,
    )


@require_GET
@limit_searches(as_json=True)
def search_api(request):
    """The same search as JSON; bad parameters get a 400 naming each one."""
    results = run_search(request.GET)
    announce(results)
    if results.errors:
        return JsonResponse({"errors": results.errors}, status=400)
    if results.stopped:
        # Not an empty answer: the search could not be finished, and may be tried again.
        response = JsonResponse(
            {"errors": {"search": results.warnings}, "retry_after": RETRY_AFTER}, status=503
        )
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return JsonResponse(results.as_dict(request))
