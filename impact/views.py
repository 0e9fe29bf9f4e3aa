"""Public views: a fellow's follow-up answer (through the emailed link) and "Our impact"."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.ratelimit import count_request
from impact import charts, figures
from impact.downloads import csv_response
from impact.follow_ups import LinkExpired, follow_up_for_token
from impact.forms import FollowUpAnswerForm
from impact.models import FollowUp, FollowUpStatus, PublishedFigure

# Generous for one fellow answering (a few page loads and a correction or two), far too few to
# try links by the thousand.
DEFAULT_LINK_LIMIT = (30, 60 * 60)
MAX_POST_BYTES = 64 * 1024


def _private(response):
    """The answer pages are for one fellow: never indexed, never cached."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _refuse(request, template, status, **context):
    return _private(render(request, template, context, status=status))


@never_cache
@require_http_methods(["GET", "POST"])
def follow_up(request, token):
    """Show and take a fellow's answer; a wrong, expired or used link is explained, not served."""
    limit = getattr(settings, "FOLLOW_UP_RATE_LIMIT", DEFAULT_LINK_LIMIT)
    retry_after = count_request(request, "follow-up", *limit) if limit else None
    if retry_after is not None:
        response = _refuse(
            request,
            "impact/follow_up_rate_limited.html",
            429,
            retry_after=retry_after,
            message=f"This link has been opened very often. Please wait {retry_after} seconds "
            "and try again.",
        )
        response["Retry-After"] = str(retry_after)
        return response
    try:
        item = follow_up_for_token(token)
    except LinkExpired:
        return _refuse(request, "impact/follow_up_expired.html", 410)
    except FollowUp.DoesNotExist:
        return _refuse(request, "impact/follow_up_not_found.html", 404)
    if item.answered:
        return _refuse(request, "impact/follow_up_answered.html", 410, follow_up=item)

    if request.method == "POST":
        if _content_length(request) > MAX_POST_BYTES:
            return _refuse(request, "impact/follow_up_too_large.html", 413)
        form = FollowUpAnswerForm(request.POST, instance=item)
        if form.is_valid():
            answer = form.save(commit=False)
            answer.answered_at = timezone.now()
            answer.status = FollowUpStatus.AWAITING_REVIEW
            answer.save()
            return redirect("impact_follow_up_thanks")
        status = 400
    else:
        form, status = FollowUpAnswerForm(instance=item), 200
    return _private(
        render(
            request,
            "impact/follow_up_form.html",
            {"follow_up": item, "form": form},
            status=status,
        )
    )


@never_cache
def follow_up_thanks(request):
    return _private(render(request, "impact/follow_up_thanks.html"))


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return MAX_POST_BYTES + 1


def published_slugs():
    chosen = set(PublishedFigure.objects.values_list("figure", flat=True))
    return [slug for slug in figures.PUBLISHABLE if slug in chosen]


@require_GET
def our_impact(request):
    """The figures the programme team chose to publish, each with its chart, table and CSV."""
    shown = [figures.build(slug, public=True) for slug in published_slugs()]
    return render(
        request,
        "impact/our_impact.html",
        {"figures": [(figure, charts.render(figure)) for figure in shown]},
    )


@require_GET
def our_impact_csv(request, slug):
    if slug not in published_slugs():
        raise Http404("That figure is not published.")
    figure = figures.build(slug, public=True)
    return csv_response(f"our-impact-{slug}", figure.csv_headers, figure.csv_rows)
