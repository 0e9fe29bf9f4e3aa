"""Template tags that put citations, JSON-LD and the reuse form on project and finding pages."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from reuse.citations import Citation, FindingCitation, json_for_script
from reuse.forms import FindingUseForm
from reuse.models import approved_use_count
from reuse.views import CITATION_FORMATS

register = template.Library()

FORMAT_LABELS = {"bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}


@register.inclusion_tag("reuse/includes/how_to_cite.html", takes_context=True)
def how_to_cite(context, page):
    """A ready-made citation and download links for a live project; nothing for a draft."""
    if not page.live or not page.pk:
        return {"citation": None}
    downloads = [
        (FORMAT_LABELS[name], reverse("reuse_citation", args=[page.pk, name]))
        for name in CITATION_FORMATS
    ]
    return {"citation": Citation(page, context.get("request")), "downloads": downloads}


@register.simple_tag(takes_context=True)
def project_json_ld(context, page):
    """schema.org JSON-LD describing a live project, safe inside the page's <script> element."""
    if not page.live or not page.pk:
        return ""
    data = json_for_script(Citation(page, context.get("request")).json_ld())
    return format_html('<script type="application/ld+json">{}</script>', _Raw(data))


@register.inclusion_tag("reuse/includes/finding_how_to_cite.html", takes_context=True)
def finding_how_to_cite(context, finding):
    """A finding's permanent address to copy, its citation and downloads; nothing for a draft."""
    page = finding.page
    if not page.live or not page.pk or not finding.pk:
        return {"citation": None}
    downloads = [
        (FORMAT_LABELS[name], reverse("reuse_finding_citation", args=[finding.pk, name]))
        for name in CITATION_FORMATS
    ]
    return {"citation": FindingCitation(finding, context.get("request")), "downloads": downloads}


@register.simple_tag(takes_context=True)
def finding_json_ld(context, finding):
    """schema.org JSON-LD describing one finding of a live project."""
    if not finding.page.live or not finding.pk:
        return ""
    data = json_for_script(FindingCitation(finding, context.get("request")).json_ld())
    return format_html('<script type="application/ld+json">{}</script>', _Raw(data))


@register.inclusion_tag("reuse/includes/finding_use_form.html", takes_context=True)
def finding_use_form(context, finding):
    """The "I used this finding" form, with how many approved reports the finding has."""
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "finding": finding,
        "form": FindingUseForm(),
        "action": reverse("reuse_finding_use", args=[finding.page_id, finding.key]),
        "use_count": approved_use_count(finding),
    }


class _Raw(str):
    """Already made safe for a script element by json_for_script: format_html must not escape it."""

    def __html__(self):
        return self
