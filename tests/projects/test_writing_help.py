"""Writing help for fellows: reading-ease counts, the editor script, and the checklist's content
note and reading hints."""

import json
import subprocess
from pathlib import Path

from django.contrib.staticfiles import finders

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from projects.models import ProjectPage
from projects.readability import analyse, hint, sensitive_words, stream_text, syllables
from tests.reviews.helpers import add_url, edit_url, project_form_data

PLAIN = "The cat sat on the mat."
JARGON = (
    "Notwithstanding the considerable organisational complexity inherent in multi-agency "
    "safeguarding arrangements, practitioners consistently reported that the implementation of "
    "trauma-informed communication methodologies necessitated substantial additional investment "
    "in professional development opportunities and reflective supervision."
)
WARNING = "Add a short content note"
SCRIPT = "projects/js/writing-help.js"


# The counts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("cat", 1),
        ("make", 1),
        ("hoped", 1),
        ("table", 2),
        ("letters", 2),
        ("appointment", 3),
        ("communication", 5),
        ("2024", 1),
    ],
)
def test_syllables_are_estimated_from_vowel_groups(word, expected):
    assert syllables(word) == expected


def test_flesch_reading_ease_of_a_short_plain_sentence():
    result = analyse(PLAIN)
    assert (result.words, result.sentences, result.syllables) == (6, 1, 6)
    # 206.835 - 1.015 * 6 words per sentence - 84.6 * 1 syllable per word
    assert result.reading_ease == pytest.approx(116.145)
    assert result.level == "easy to read"


def test_flesch_reading_ease_of_a_plain_finding_headline():
    result = analyse("Warm, plain-language letters reduced missed appointments.")
    assert (result.words, result.sentences, result.syllables) == (6, 1, 12)
    assert result.reading_ease == pytest.approx(31.545)


def test_sentences_are_counted_with_or_without_a_final_full_stop():
    assert analyse("One. Two! Three?").sentences == 3
    assert analyse('He said "stop." Then he left').sentences == 2
    assert analyse("").reading_ease is None


def test_html_is_read_as_its_text():
    assert analyse("<p>The cat <b>sat</b> on the mat.</p>").words == 6


def test_plain_text_gets_no_advice():
    assert hint(PLAIN * 3) is None


def test_long_sentences_and_long_words_get_kind_advice():
    advice = hint(JARGON)
    assert "very hard to read" in advice
    assert "Sentences average 31 words" in advice
    assert "'notwithstanding', 'considerable', 'organisational'" in advice


def test_short_text_gets_no_advice_however_hard():
    assert hint("Notwithstanding considerable organisational complexity.") is None


@pytest.mark.parametrize(
    "text",
    [
        "Children who were abused",
        "young people who self-harm",
        "young people who self harm",
        "thoughts of suicide",
        "a violent partner",
        "neglected children",
        "living with domestic abuse",
        "sexual exploitation",
        "after an assault",
        "SUICIDAL THOUGHTS",
    ],
)
def test_sensitive_subjects_are_recognised_in_their_variants(text):
    assert sensitive_words(text)


def test_trauma_and_words_that_only_contain_a_keyword_are_not_sensitive():
    assert sensitive_words("Trauma-informed letters for disabused readers.") == []


def test_sensitive_words_are_listed_once_in_order():
    assert sensitive_words("Neglect and abuse.", "More abuse; self harm.") == [
        "neglect",
        "abuse",
        "self harm",
    ]


def test_write_up_text_is_read_from_every_block():
    project = ProjectPage(
        body=json.dumps(
            [
                {
                    "type": "quote",
                    "value": {"quote": "I was neglected.", "attribution": "A parent"},
                },
            ]
        )
    )
    assert "I was neglected." in stream_text(project.body)


# The editor script ------------------------------------------------------------------------------


def test_editor_script_counts_as_the_server_does():
    """The live hint and the hint after saving must agree, so run the script on the same text."""
    path = finders.find(SCRIPT)
    texts = [PLAIN, JARGON, "Warm, plain-language letters reduced missed appointments.", "One. Two"]
    program = (
        "global.window = {}; global.document = {readyState: 'complete', querySelector: () => null};"
        f"require({json.dumps(str(Path(path)))});"
        "const help = window.fellowshipWritingHelp;"
        f"const texts = {json.dumps(texts)};"
        "console.log(JSON.stringify(texts.map(t => help.analyse(t))));"
    )
    output = subprocess.run(
        ["node", "-e", program], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    for text, counted in zip(texts, json.loads(output), strict=True):
        expected = analyse(text)
        assert counted["words"] == expected.words
        assert counted["sentences"] == expected.sentences
        assert counted["ease"] == pytest.approx(expected.reading_ease)
        assert counted["longWords"] == expected.long_words


# The editor -------------------------------------------------------------------------------------


def test_project_editor_loads_the_writing_help_script(client, people):
    client.force_login(people.users["listed_fellow"])
    response = client.get(add_url(people.cohort))
    assert response.status_code == 200
    assert f'src="/static/{SCRIPT}"' in response.content.decode()
    assert finders.find(SCRIPT)


def test_superuser_is_not_stopped_and_the_checklist_asks_for_a_content_note(client, people):
    client.force_login(people.users["superuser"])
    data = project_form_data(
        title="Letters for families",
        slug="letters-for-families",
        summary="Letters to parents whose children were neglected.",
        fellows=[people.listed],
        **{"action-publish": "publish"},
    )
    response = client.post(add_url(people.cohort), data, follow=True)
    assert response.status_code == 200
    project = ProjectPage.objects.get(slug="letters-for-families")
    assert project.live
    assert WARNING not in response.content.decode(), "no warning after publishing"
    page = client.get(edit_url(project)).content.decode()
    assert WARNING in page
    assert "neglected" in page


def test_checklist_asks_for_a_content_note_for_a_sensitive_finding(client, people):
    project = people.project()
    client.force_login(people.users["listed_fellow"])
    data = project_form_data(project)
    data.update(
        nested_form_data(
            {
                "findings": inline_formset(
                    [
                        {
                            "headline": "Young people who self-harm want to be asked directly.",
                            "detail": "",
                            "evidence_type": "interviews",
                            "confidence": "moderate",
                            "recommendation": "",
                            "themes": "",
                        }
                    ]
                )
            }
        )
    )
    response = client.post(edit_url(project), data, follow=True)
    assert response.status_code == 200
    assert WARNING in response.content.decode()
    assert "self-harm" in response.content.decode()
    # Saved as a draft all the same.
    project.refresh_from_db()
    latest = project.get_latest_revision_as_object()
    assert [f.headline for f in latest.findings.all()] == [
        "Young people who self-harm want to be asked directly."
    ]


def test_checklist_asks_for_a_content_note_for_sensitive_words_in_the_write_up(client, people):
    project = people.project()
    client.force_login(people.users["listed_fellow"])
    data = project_form_data(project)
    data.update(
        nested_form_data(
            {
                "body": streamfield(
                    [
                        (
                            "section",
                            {
                                "heading": "What we heard",
                                "body": rich_text(
                                    "<p>Several parents described domestic abuse.</p>"
                                ),
                            },
                        )
                    ]
                )
            }
        )
    )
    response = client.post(edit_url(project), data, follow=True)
    assert response.status_code == 200
    assert WARNING in response.content.decode()
    assert "abuse" in response.content.decode()


def test_no_content_note_advice_when_the_content_note_is_given(client, people):
    project = people.project()
    client.force_login(people.users["listed_fellow"])
    data = project_form_data(
        project,
        summary="Letters to parents whose children were neglected.",
        content_note="Discusses childhood neglect",
    )
    response = client.post(edit_url(project), data, follow=True)
    assert response.status_code == 200
    assert WARNING not in response.content.decode()


def test_no_content_note_advice_for_a_project_on_an_everyday_subject(client, people):
    project = people.project()
    client.force_login(people.users["listed_fellow"])
    response = client.post(edit_url(project), project_form_data(project), follow=True)
    assert response.status_code == 200
    assert WARNING not in response.content.decode()


def test_a_hard_to_read_summary_gets_a_reading_hint_in_the_checklist(client, people):
    project = people.project()
    client.force_login(people.users["listed_fellow"])
    response = client.post(
        edit_url(project), project_form_data(project, summary=JARGON), follow=True
    )
    page = response.content.decode()
    assert "Summary: This reads as very hard to read" in page
    assert "Sentences average 31 words" in page
