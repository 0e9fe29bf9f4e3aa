"""Public views for reuse: citation downloads and the "I used this finding" form."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from projects.models import Finding, ProjectPage
from reuse import ratelimit
from reuse.citation_counts import count_download
from reuse.citations import Citation, FindingCitation
from reuse.forms import FindingUseForm
from reuse.models import CitedKind

# Far more than a full form needs (the longest field is 2,000 characters), far less than
# Django's own 2.5 MB limit, whose refusal would be a bare "Bad Request".
MAX_POST_BYTES = 32 * 1024

CITATION_FORMATS = {
    "bibtex": ("application/x-bibtex", "bib", lambda c: c.bibtex()),
    "ris": ("application/x-research-info-systems", "ris", lambda c: c.ris()),
    "csl-json": (
        "application/vnd.citationstyles.csl+json",
        "json",
        lambda c: json.dumps(c.csl(), ensure_ascii=False, indent=2),
    ),
}


def public_project(page_id):
    """A live project anyone may read, or a 404: drafts and restricted projects do not exist here."""
    return get_object_or_404(ProjectPage.objects.live().public(), pk=page_id)


def public_finding(page_id, key):
    project = public_project(page_id)
    finding = project.findings.filter(key=key).first()
    if finding is None:
        raise Http404("No finding with that address on this project.")
    return finding


def citation(request, page_id, citation_format):
    """Download a project's citation as BibTeX, RIS or CSL-JSON."""
    if citation_format not in CITATION_FORMATS:
        raise Http404("Citations come as bibtex, ris or csl-json.")
    content_type, extension, build = CITATION_FORMATS[citation_format]
    project = public_project(page_id)
    response = HttpResponse(
        build(Citation(project, request)), content_type=f"{content_type}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{project.slug}.{extension}"'
    _count(request, CitedKind.PROJECT, citation_format)
    return response


def finding_citation(request, finding_id, citation_format):
    """Download one finding's citation as BibTeX, RIS or CSL-JSON."""
    if citation_format not in CITATION_FORMATS:
        raise Http404("Citations come as bibtex, ris or csl-json.")
    content_type, extension, build = CITATION_FORMATS[citation_format]
    finding = get_object_or_404(Finding.objects.public().select_related("page"), pk=finding_id)
    response = HttpResponse(
        build(FindingCitation(finding, request)), content_type=f"{content_type}; charset=utf-8"
    )
    filename = f"{finding.page.slug}-finding-{finding.pk}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    _count(request, CitedKind.FINDING, citation_format)
    return response


def _count(request, cited, citation_format):
    # A HEAD request (a link checker, a browser's prefetch) downloads nothing.
    if request.method == "GET":
        count_download(cited, citation_format)


@require_http_methods(["GET", "POST"])
def finding_use(request, page_id, key):
    """Show and accept the "I used this finding" form; reports wait for moderation."""
    finding = public_finding(page_id, key)
    context = {"finding": finding, "page": finding.page}
    if request.method == "GET":
        return render(request, "reuse/finding_use_page.html", {**context, "form": FindingUseForm()})

    if _content_length(request) > MAX_POST_BYTES:
        return render(request, "reuse/too_large.html", context, status=413)
    if not ratelimit.hit(request, "finding-use"):
        context["minutes"] = ratelimit.window_minutes()
        return render(request, "reuse/rate_limited.html", context, status=429)

    form = FindingUseForm(request.POST)
    if not form.is_valid():
        return render(request, "reuse/finding_use_page.html", {**context, "form": form}, status=400)
    if not form.is_bot:
        use = form.save(commit=False)
        use.finding = finding
        use.save()
    return redirect("reuse_finding_use_thanks", page_id=page_id, key=key)


def finding_use_thanks(request, page_id, key):
    """Thanks after a report, with a way back to the finding."""
    finding = public_finding(page_id, key)
    return render(
        request, "reuse/finding_use_thanks.html", {"finding": finding, "page": finding.page}
    )


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return MAX_POST_BYTES + 1
