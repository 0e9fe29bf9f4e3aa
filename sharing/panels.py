""" "Share for review" in the project editor and on the mentor's review page: the links that still
work, with their end dates and a way to close each, and the comments reviewers have left."""

from django.template.loader import render_to_string
from django.urls import reverse

from projects.panels import EditorSection
from sharing import links


def section_context(page, user):
    can_manage = links.may_manage(user, page)
    return {
        "page": page,
        "can_manage": can_manage,
        "active_links": links.links_of(page),
        "comments": list(links.comments_of(page)),
        "latest_revision_id": page.latest_revision_id,
        "manage_url": reverse("sharing_manage", args=[page.pk]),
    }


def share_section(page, request):
    """The section for ``page``'s fellows, assigned mentors and the programme team; else None."""
    user = getattr(request, "user", None)
    if not links.may_see(user, page):
        return None
    html = render_to_string(
        "sharing/admin/editor_section.html", section_context(page, user), request=request
    )
    return EditorSection(heading="Share for review", html=html)
