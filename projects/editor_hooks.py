"""Writing help in the project editor: a live word count and reading hint, a content note check,
and a check that each finding's rating fits its evidence.

Nothing here blocks saving. Fellows write once a year, and a warning they can read and act on
serves them better than a form that refuses their work. A rating that does not fit is a warning
too: the fellow sees it beside the rating as they choose it, before submitting, and again after
saving; the mentor who checks the rating has the last word.
"""

from django.templatetags.static import static
from django.utils.html import format_html, json_script

from wagtail import hooks
from wagtail.admin import messages

from projects.models import ProjectPage
from projects.ratings import editor_rules
from projects.readability import hint, sensitive_words, stream_text


def project_texts(page):
    """The title, summary, write-up and findings of ``page``, as the editor just saved them."""
    texts = [page.title, page.summary, stream_text(page.body)]
    # The findings are the editor's unsaved in-memory rows, so this reads what was just typed.
    for finding in page.findings.all():
        texts += [finding.headline, finding.detail, finding.recommendation]
    return texts


def missing_content_note(page):
    """The sensitive words ``page`` uses when it has no content note, else an empty list."""
    if (page.content_note or "").strip():
        return []
    return sensitive_words(*project_texts(page))


def content_note_warning(words):
    quoted = ", ".join(f"'{w}'" for w in words[:5])
    return (
        f"This project mentions {quoted} but has no content note. Please add a short content "
        "note on the Content tab, such as 'Discusses domestic abuse', so that readers can choose "
        "whether to continue. Your changes have been saved."
    )


def readability_warnings(page):
    """Reading hints for the summary and each finding that would be easier to read rewritten."""
    warnings = []
    summary_hint = hint(page.summary)
    if summary_hint:
        warnings.append(f"Summary: {summary_hint}")
    for number, finding in enumerate(page.findings.all(), start=1):
        finding_hint = hint(f"{finding.headline}\n{finding.detail}")
        if finding_hint:
            warnings.append(f"Finding {number}: {finding_hint}")
    return warnings


def rating_warnings(page):
    """For each finding whose rating does not fit its evidence, why not."""
    return [
        f"Finding {number}: {problem}"
        for number, finding in enumerate(page.findings.all(), start=1)
        for problem in finding.rating_problems
    ]


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_writing(request, page):
    """After a project is saved, point out a missing content note and text that is hard to read."""
    if not isinstance(page, ProjectPage):
        return None
    # Autosave asks for JSON; its warnings would pile up unseen until the next full page.
    if not request.accepts("text/html"):
        return None
    words = missing_content_note(page)
    if words:
        messages.warning(request, content_note_warning(words))
    for warning in rating_warnings(page) + readability_warnings(page):
        messages.warning(request, warning)
    return None


@hooks.register("insert_editor_js")
def writing_help_js():
    return format_html('<script src="{}" defer></script>', static("projects/js/writing-help.js"))


@hooks.register("insert_editor_js")
def rating_help_js():
    # The rules travel as data from projects/ratings.py, so the live hint cannot drift from them.
    return format_html(
        '{}<script src="{}" defer></script>',
        json_script(editor_rules(), "rating-rules"),
        static("projects/js/rating-help.js"),
    )
