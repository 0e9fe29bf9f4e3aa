"""A project's content note as the reader meets it: shown first, until they choose to go on.

The choice to continue is remembered in the session for the rest of the visit, so that a reader
who went on into a project is not asked again on each of its findings. It is made by following
an ordinary link (``?continue=1``), so it works without JavaScript. "Go back" returns to the page
the reader came from on this site, such as their search results, or else to the project's cohort.
"""

from urllib.parse import urlsplit

from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "content_notes_continued"
CONTINUE_PARAMETER = "continue"


def has_continued(request, project):
    """Whether the reader has chosen to read past ``project``'s note (or it has none).

    Following a "Continue" link records the choice for the visit.
    """
    if not project.content_note:
        return True
    session = getattr(request, "session", None)
    continued = list(session.get(SESSION_KEY, [])) if session is not None else []
    if request.GET.get(CONTINUE_PARAMETER) == "1":
        if session is not None and project.pk not in continued:
            session[SESSION_KEY] = [*continued, project.pk]
        return True
    return project.pk in continued


def back_link(request, project):
    """Where "Go back" leads, and its words: the reader's previous page on this site if the
    browser says which it was, otherwise the project's cohort."""
    referrer = request.headers.get("Referer", "")
    if referrer and url_has_allowed_host_and_scheme(
        referrer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referrer)
        address = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.path != request.path:
            if parts.path.startswith("/search/"):
                return address, "Go back to your search results"
            return address, "Go back to the page you came from"
    cohort = project.cohort
    return cohort.get_url(request), f"Go back to {cohort.title}"


def content_note_context(request, project):
    """The template's view of the note: whether to show it, and where "Go back" leads."""
    if has_continued(request, project):
        return {"content_note_continued": True}
    back_url, back_label = back_link(request, project)
    return {"content_note_continued": False, "back_url": back_url, "back_label": back_label}
