"""The reviewer's page: one shared draft, rendered as the public will see it, and a comment form.

The draft is rendered by the project's own preview (``make_preview_request``, as the mentor's
review page does), so the reviewer meets the content note first, exactly as a reader will. The
shared-preview frame (``SharedPreview``) asks the site's base template for a banner above the
project and the comment form below it, and to keep the page out of search engines. A link that no
longer works gets a calm page that says whom to ask, never an error.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail.log_actions import log

from core.ratelimit import count_request
from sharing import links
from sharing.forms import ShareCommentForm
from sharing.models import ShareComment

# Plenty for one reviewer reading, going on past the content note and commenting; far too few to
# try addresses by the thousand.
DEFAULT_RATE_LIMIT = (60, 60 * 60)
DEFAULT_COMMENT_LIMIT = (20, 60 * 60)
MAX_POST_BYTES = 16 * 1024


@dataclass
class SharedPreview:
    """What the base template adds around a shared draft: a banner and the comment form."""

    link: object
    form: ShareCommentForm
    action: str
    csrf_token: str
    sharer: str
    thanks: bool = False
    before_template: str = "sharing/preview_banner.html"
    after_template: str = "sharing/comment_form.html"
    noindex: bool = True


def _private(response):
    """Shared drafts are for one reviewer: never indexed, cached or named to other sites."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Not "no-referrer": browsers then send "Origin: null" with the comment form, which
    # Django's CSRF check rightly refuses. Other sites still never see the address.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store, private"
    return response


def _limit(request, name, default):
    limit = getattr(settings, name, default)
    return count_request(request, name.lower(), *limit) if limit else None


def _stopped(request, link, status=410):
    if link is None:
        reason = "unknown"
    elif link.is_revoked:
        reason = "revoked"
    elif link.is_expired:
        reason = "expired"
    else:
        reason = "superseded"
    context = {
        "reason": reason,
        "sharer": links.sharer_name(link.created_by) if link else "",
    }
    return _private(render(request, "sharing/link_stopped.html", context, status=status))


def _too_often(request, retry_after):
    response = _private(
        render(request, "sharing/too_often.html", {"retry_after": retry_after}, status=429)
    )
    response["Retry-After"] = str(retry_after)
    return response


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return MAX_POST_BYTES + 1


def _render_draft(request, link, form, thanks=False, status=200):
    draft = link.revision.as_object()
    query = QueryDict(mutable=True)
    # Only the project's own "Continue to the project" choice reaches the draft.
    if request.GET.get("continue") == "1":
        query["continue"] = "1"
    frame = SharedPreview(
        link=link,
        form=form,
        action=request.path,
        csrf_token=get_token(request),
        sharer=links.sharer_name(link.created_by),
        thanks=thanks,
    )
    response = draft.make_preview_request(
        request,
        draft.default_preview_mode,
        extra_request_attrs={"GET": query, "shared_preview": frame},
    )
    response.status_code = status
    return _private(response)


@never_cache
@require_http_methods(["GET", "POST"])
def shared_draft(request, token):
    """Show the shared draft; on POST, take the reviewer's comment."""
    retry_after = _limit(request, "SHARE_LINK_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    if retry_after is not None:
        return _too_often(request, retry_after)
    link = links.find(token)
    if link is None or not link.works:
        return _stopped(request, link)
    page = link.page.specific

    if request.method == "POST":
        retry_after = _limit(request, "SHARE_COMMENT_RATE_LIMIT", DEFAULT_COMMENT_LIMIT)
        if retry_after is not None:
            return _too_often(request, retry_after)
        if _content_length(request) > MAX_POST_BYTES:
            form = ShareCommentForm()
            form.add_error(None, "That was too long to send. Keep your comment shorter.")
            return _render_draft(request, link, form, status=400)
        form = ShareCommentForm(request.POST)
        if not form.is_valid():
            return _render_draft(request, link, form, status=400)
        comment = ShareComment.objects.create(
            link=link, name=form.cleaned_data["name"], text=form.cleaned_data["text"]
        )
        log(
            instance=page,
            action=links.COMMENTED,
            data={
                "link": link.pk,
                "label": link.label,
                "comment": comment.pk,
                "name": comment.name,
            },
        )
        return redirect(f"{reverse('shared_draft', args=[token])}?continue=1&sent=1#comment")

    log(
        instance=page,
        action=links.VIEWED,
        data={"link": link.pk, "label": link.label, "revision": link.revision_id},
    )
    return _render_draft(request, link, ShareCommentForm(), thanks=request.GET.get("sent") == "1")
