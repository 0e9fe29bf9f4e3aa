"""The pre-submit checklist: in the editor and on the submit step, never as warnings after it."""

import json
import re
import subprocess
from pathlib import Path

from django.contrib.staticfiles import finders

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from projects import checklist
from projects.models import Finding, ProjectPage
from tests.reviews.helpers import edit_url, project_form_data
from tests.reviews.helpers import finding_form_data as finding

SELF_HARM = "Young people who self-harm want to be asked directly."
JARGON = (
    "Notwithstanding the considerable organisational complexity inherent in multi-agency "
    "safeguarding arrangements, practitioners consistently reported that the implementation of "
    "trauma-informed communication methodologies necessitated substantial additional investment."
)


def page_with(summary="A plain summary.", content_note="", findings=()):
    page = ProjectPage(title="A project", summary=summary, content_note=content_note)
    page.findings = [Finding(**{"evidence_type": "interviews", **f}) for f in findings]
    return page


def labels(result, done):
    return [check.label for check in result.checks if check.done is done]


# The checks -------------------------------------------------------------------------------------


def test_empty_draft_needs_a_summary_and_a_finding():
    result = checklist.build(page_with(summary=""))
    assert labels(result, False) == ["A summary", "At least one finding"]
    assert not result.ready


def test_draft_with_a_summary_and_a_fitting_finding_is_ready_with_no_hints():
    result = checklist.build(
        page_with(findings=[{"headline": "Letters helped.", "confidence": "moderate"}])
    )
    assert result.ready
    assert result.hints == []
    assert labels(result, True) == [
        "A summary",
        "At least one finding",
        "Each finding's rating fits its evidence",
    ]


def test_a_rating_that_does_not_fit_its_evidence_is_named_with_the_rule():
    result = checklist.build(
        page_with(
            findings=[
                {
                    "headline": "I greet families differently.",
                    "evidence_type": "practice_reflection",
                    "confidence": "strong",
                }
            ]
        )
    )
    [check] = result.outstanding
    assert check.label == "Each finding's rating fits its evidence"
    assert check.advice[0].startswith("Finding 1: 'Strong' does not fit evidence from practice")


def test_content_note_is_asked_for_only_where_sensitive_words_appear():
    plain = checklist.build(page_with(findings=[{"headline": "Letters helped."}]))
    assert not [c for c in plain.checks if "content note" in c.label]
    sensitive = checklist.build(page_with(findings=[{"headline": SELF_HARM}]))
    [check] = sensitive.outstanding
    assert "'self-harm'" in check.advice[0]
    noted = checklist.build(
        page_with(content_note="Discusses self-harm", findings=[{"headline": SELF_HARM}])
    )
    assert noted.ready


def test_reading_hints_only_for_texts_that_fall_short():
    result = checklist.build(
        page_with(summary=JARGON, findings=[{"headline": "Letters helped.", "detail": "Short."}])
    )
    assert [hint.split(":")[0] for hint in result.hints] == ["Summary"]
    # Hints advise; they do not hold the draft back.
    assert result.ready


def test_headline_advice_asks_for_one_sentence_and_never_for_splitting():
    two = "Letters helped. Families came back more often than before."
    advice = checklist.headline_hint(two)
    assert "one sentence of up to 20 words" in advice
    assert "splitting" not in advice
    assert (
        checklist.headline_hint("Warm, plain-language letters reduced missed appointments.") is None
    )
    assert "One sentence of up to 20 words" in checklist.HEADLINE_HELP


def test_live_headline_hint_asks_for_one_sentence_exactly_when_the_checklist_does():
    headlines = [
        "Warm, plain-language letters reduced missed appointments.",
        "Letters helped. Families came back more often than before.",
        " ".join(["word"] * 21) + ".",
        " ".join(["word"] * 20) + ".",
    ]
    program = (
        "global.window = {}; global.document = {readyState: 'complete', querySelector: () => null};"
        f"require({json.dumps(str(Path(finders.find('projects/js/writing-help.js'))))});"
        f"const headlines = {json.dumps(headlines)};"
        "console.log(JSON.stringify(headlines.map("
        "h => window.fellowshipWritingHelp.describeHeadline({name: 'findings-0-headline', value: h})"
        ")));"
    )
    output = subprocess.run(
        ["node", "-e", program], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    shown = json.loads(output)
    for headline, live in zip(headlines, shown, strict=True):
        assert ("one sentence of up to 20 words" in live) == bool(checklist.headline_hint(headline))
        assert "splitting" not in live
    assert any("one sentence" in live for live in shown)


# The editor -------------------------------------------------------------------------------------


def save(client, people, project, *findings, **values):
    client.force_login(people.users["listed_fellow"])
    data = project_form_data(project, **values)
    data.update(nested_form_data({"findings": inline_formset(list(findings))}))
    return client.post(edit_url(project), data, follow=True)


def message_texts(response):
    return [str(m) for m in response.context["messages"]]


def test_checklist_is_at_the_top_of_the_editor_and_names_what_is_missing(client, people):
    project = people.project()
    response = save(client, people, project, finding(headline=SELF_HARM))
    html = response.content.decode()
    panel = html.index("data-checklist")
    assert panel < html.index('name="title"')
    assert "A content note" in html[panel:]
    assert "&#x27;self-harm&#x27;" in html[panel:]


def test_saving_a_draft_gives_no_warnings_only_the_confirmation(client, people):
    project = people.project()
    response = save(
        client,
        people,
        project,
        finding(headline=SELF_HARM, evidence_type="practice_reflection", confidence="strong"),
        summary=JARGON,
    )
    messages = message_texts(response)
    assert messages, "the save's own confirmation shows that messages were read"
    assert not [m for m in messages if "content note" in m or "does not fit" in m]
    assert not [m for m in messages if "reads as" in m]


def test_submitting_gives_no_warnings_after_the_draft_is_locked(client, people):
    project = people.project()
    response = save(
        client,
        people,
        project,
        finding(headline=SELF_HARM, evidence_type="practice_reflection", confidence="strong"),
        summary=JARGON,
        **{"action-submit": "submit"},
    )
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.current_workflow_task.name == "Mentor review"
    for message in response.context["messages"]:
        assert message.level_tag == "success", str(message)


def test_submit_is_the_fellows_main_button_and_opens_the_checklist(client, people):
    project = people.project()
    client.force_login(people.users["listed_fellow"])
    html = client.get(edit_url(project)).content.decode()
    footer = html[html.index('class="w-dropdown-button"') :]
    main, more = footer.split("More actions", 1)
    assert 'data-a11y-dialog-show="submit-checklist-dialog"' in main
    assert "Submit to Project review" in main
    assert "Save draft" in more
    dialog = re.search(r'id="submit-checklist-dialog".*?</template>', html, re.S).group(0)
    assert "data-checklist" in dialog
    assert 'name="action-submit"' in dialog and 'form="page-edit-form"' in dialog


def test_programme_team_keeps_save_draft_as_the_main_button(client, people):
    project = people.project()
    client.force_login(people.users["programme_team"])
    html = client.get(edit_url(project)).content.decode()
    assert "submit-checklist-dialog" not in html


def test_headline_box_has_two_lines_and_is_saved_as_one(client, people):
    project = people.project()
    client.force_login(people.users["listed_fellow"])
    html = client.get(edit_url(project)).content.decode()
    assert re.search(r'<textarea[^>]*name="findings-__prefix__-headline"', html)
    save(client, people, project, finding(headline="Warm letters\nreduced missed appointments."))
    latest = ProjectPage.objects.get(pk=project.pk).get_latest_revision_as_object()
    assert [f.headline for f in latest.findings.all()] == [
        "Warm letters reduced missed appointments."
    ]
