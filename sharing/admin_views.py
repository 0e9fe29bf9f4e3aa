"""Admin pages for sharing a draft: make a link (shown once), and close one.

Only the project's fellows and the programme team reach them (``links.page_for``); anyone else is
told the page does not exist.
"""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from wagtail.admin import messages

from sharing import links
from sharing.forms import ShareLinkForm
from sharing.panels import section_context

# The new link's address, kept in the session just long enough to show it once.
NEW_LINK_SESSION_KEY = "sharing_new_link"


@require_http_methods(["GET", "POST"])
def manage(request, page_id):
    """The project's links and comments, and the form that makes a new link."""
    page = links.page_for(request.user, page_id, manage=True)
    if request.method == "POST":
        form = ShareLinkForm(request.POST)
        if form.is_valid():
            link, token = links.create(
                page, request.user, form.cleaned_data["days"], form.cleaned_data["label"]
            )
            request.session[NEW_LINK_SESSION_KEY] = {
                "link": link.pk,
                "url": request.build_absolute_uri(reverse("shared_draft", args=[token])),
            }
            messages.success(
                request,
                f"Your link is ready. It works until {link.expires_at:%-d %B %Y}.",
            )
            return redirect("sharing_manage", page.pk)
    else:
        form = ShareLinkForm()
    new_link = request.session.pop(NEW_LINK_SESSION_KEY, None)
    context = {
        **section_context(page, request.user),
        "title": page.get_admin_display_title(),
        "form": form,
        "new_link": new_link,
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "latest_revision": page.latest_revision,
    }
    return TemplateResponse(request, "sharing/admin/manage.html", context)


@require_http_methods(["GET", "POST"])
def revoke(request, link_id):
    """Ask before closing a link; on POST, close it and go back to the project's links."""
    link = links.link_for(request.user, link_id)
    if request.method == "POST":
        links.revoke(link, request.user)
        messages.success(
            request, "The link is closed. Anyone who opens it now is told it no longer works."
        )
        return redirect("sharing_manage", link.page_id)
    page = link.page.specific
    context = {
        "link": link,
        "page": page,
        "title": page.get_admin_display_title(),
        "manage_url": reverse("sharing_manage", args=[page.pk]),
    }
    return TemplateResponse(request, "sharing/admin/revoke.html", context)


urlpatterns = [
    path("sharing/<int:page_id>/", manage, name="sharing_manage"),
    path("sharing/links/<int:link_id>/close/", revoke, name="sharing_revoke"),
]
