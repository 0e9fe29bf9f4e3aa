"""Evidence ratings: the rules, the public key to them, the rating beside every finding, and the
editor's warning when a rating does not fit its evidence."""

import json
import re
import subprocess
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.html import escape

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from core.vocabularies import Confidence, EvidenceType
from projects import ratings
from search.backends.base import Hit
from tests.factories import FindingFactory
from tests.reviews.helpers import edit_url, finding_form_data, project_form_data

KEY = "/how-to-read-a-finding/"
SCRIPT = "projects/js/rating-help.js"


# The rules --------------------------------------------------------------------------------------


def test_strong_does_not_fit_a_single_practice_reflection():
    [problem] = ratings.rating_problems(EvidenceType.PRACTICE_REFLECTION, Confidence.STRONG)
    assert "'Strong' does not fit evidence from practice reflection alone" in problem
    assert "Choose 'Moderate'" in problem


@pytest.mark.parametrize("confidence", [Confidence.EMERGING, Confidence.MODERATE])
def test_practice_reflection_can_support_emerging_and_moderate(confidence):
    assert ratings.rating_problems(EvidenceType.PRACTICE_REFLECTION, confidence) == []


@pytest.mark.parametrize(
    "evidence", [e for e in EvidenceType.values if e != EvidenceType.PRACTICE_REFLECTION]
)
def test_every_other_kind_of_evidence_can_support_strong(evidence):
    assert ratings.fits(evidence, Confidence.STRONG)
    assert ratings.rating_problems(evidence, Confidence.STRONG, participants=None) == []


def test_strong_from_fewer_than_ten_participants_does_not_fit():
    [problem] = ratings.rating_problems(EvidenceType.SURVEY, Confidence.STRONG, participants=4)
    assert "this finding has 4" in problem
    assert ratings.rating_problems(EvidenceType.SURVEY, Confidence.STRONG, participants=10) == []
    assert ratings.rating_problems(EvidenceType.SURVEY, Confidence.MODERATE, participants=4) == []


def test_every_level_and_kind_of_evidence_has_plain_words():
    assert set(ratings.LEVELS) == set(Confidence.values)
    assert set(ratings.EVIDENCE) == set(EvidenceType.values)
    for level in ratings.LEVELS.values():
        assert level.summary and level.meaning and finders.find(level.icon)


# The key ----------------------------------------------------------------------------------------


def test_how_to_read_a_finding_explains_every_level_and_kind_of_evidence(client, home):
    response = client.get(KEY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>How to read a finding</h1>" in html
    for level in ratings.LEVELS.values():
        assert f'id="{level.anchor}"' in html
        assert escape(level.meaning) in html
    for value, label in EvidenceType.choices:
        assert f"<dt>{label}</dt><dd>{escape(ratings.EVIDENCE[value])}</dd>" in html
    assert "evidence from practice reflection alone cannot make a finding strong" in html
    assert "Fellows rate their own findings" in html
    assert "a mentor reads it and checks each finding's rating" in html
    assert 'id="who-rates"' in html


# The rating beside a finding --------------------------------------------------------------------


@pytest.mark.parametrize("confidence", Confidence.values)
def test_every_level_is_shown_as_an_icon_and_a_word_linking_to_its_explanation(
    client, home, confidence
):
    key = client.get(KEY).content.decode()
    html = render_to_string(
        "projects/includes/rating.html",
        {
            "level": ratings.level(confidence),
            "evidence_label": "Interviews",
            "key_url": KEY,
        },
    )
    level = ratings.level(confidence)
    link = re.search(r'href="([^"#]+)#([^"]+)">([^<]+)</a>', html)
    assert link.groups() == (KEY, level.anchor, f"{level.label} confidence")
    assert f'id="{level.anchor}"' in key
    # The icon repeats the word, so it is hidden from screen readers rather than read twice.
    assert f'<img class="rating__icon" src="/static/img/rating-{confidence}.svg" alt=""' in html


def test_project_and_finding_pages_show_the_rating_linked_to_the_key(client, home):
    finding = FindingFactory(evidence_type=EvidenceType.SERVICE_DATA, confidence=Confidence.STRONG)
    for address in (finding.page.url, finding.get_permalink()):
        html = client.get(address).content.decode()
        assert f'<a href="{KEY}#confidence-strong">Strong confidence</a>' in html
        assert "Evidence: Service data." in html


def test_search_hits_show_the_rating_and_keep_what_they_showed():
    hit = Hit(
        kind="finding",
        pk=1,
        title="Warm letters worked.",
        score=1.0,
        snippet="",
        title_html="Warm letters worked.",
        project_id=2,
        project_title="Letters that do no harm",
        cohort=None,
        places=("Bradford",),
        evidence_type=EvidenceType.SURVEY,
        confidence=Confidence.EMERGING,
        url="/p/#finding-1",
        project_url="/p/",
    )
    html = render_to_string("search/hit.html", {"hit": hit})
    assert f'<a href="{KEY}#confidence-emerging">Emerging confidence</a>' in html
    assert "Evidence: Survey." in html
    assert 'From <a href="/p/">Letters that do no harm</a>.' in html
    assert "Places: Bradford." in html


def test_a_project_hit_has_no_rating():
    hit = Hit(
        kind="project",
        pk=2,
        title="Letters that do no harm",
        score=1.0,
        snippet="",
        title_html="Letters that do no harm",
        project_id=2,
        project_title="Letters that do no harm",
        cohort=None,
    )
    assert "confidence" not in render_to_string("search/hit.html", {"hit": hit})


# The editor -------------------------------------------------------------------------------------


def finding_form(**values):
    return finding_form_data(
        **{
            "headline": "Reflecting on my own practice changed how I greet families.",
            "evidence_type": "practice_reflection",
            "confidence": "strong",
            **values,
        }
    )


def save_draft(client, people, project, *findings):
    client.force_login(people.users["listed_fellow"])
    data = project_form_data(project)
    data.update(nested_form_data({"findings": inline_formset(list(findings))}))
    return client.post(edit_url(project), data, follow=True)


def test_checklist_names_a_rating_that_does_not_fit_but_the_draft_is_saved(client, people):
    project = people.project()

    response = save_draft(client, people, project, finding_form())

    html = response.content.decode()
    checklist = html[html.index("data-checklist") :]
    assert (
        "Finding 1: &#x27;Strong&#x27; does not fit evidence from practice reflection" in checklist
    )
    assert not [m for m in response.context["messages"] if "does not fit" in str(m)]
    project.refresh_from_db()
    latest = project.get_latest_revision_as_object()
    assert [f.confidence for f in latest.findings.all()] == ["strong"]


def test_no_rating_advice_when_the_rating_fits(client, people):
    project = people.project()
    response = save_draft(client, people, project, finding_form(confidence="moderate"))
    html = response.content.decode()
    checklist = re.search(r'<div class="fellowship-checklist".*?</div>', html, re.S).group(0)
    assert "does not fit" not in checklist
    assert "Each finding&#x27;s rating fits its evidence" in checklist
    assert [str(m) for m in response.context["messages"]], "the save's confirmation was read"


def test_editor_carries_the_rules_for_the_live_hint(client, people):
    client.force_login(people.users["listed_fellow"])
    html = client.get(edit_url(people.project())).content.decode()
    assert f'src="/static/{SCRIPT}"' in html
    rules = re.search(r'<script id="rating-rules" type="application/json">(.*?)</script>', html)
    assert json.loads(rules.group(1)) == ratings.editor_rules()


def test_live_hint_gives_the_warnings_the_server_gives():
    """The fellow sees as they choose a rating what the checklist says of it."""
    cases = [
        (evidence, confidence, participants)
        for evidence in EvidenceType.values
        for confidence in Confidence.values
        for participants in ("", "0", "3", "9", "10", "250")
    ]
    program = (
        "global.window = {};"
        f"require({json.dumps(str(Path(finders.find(SCRIPT))))});"
        f"const rules = {json.dumps(ratings.editor_rules())};"
        f"const cases = {json.dumps(cases)};"
        "console.log(JSON.stringify(cases.map(c => window.fellowshipRatingHelp.problems("
        "rules, c[0], c[1], c[2]))));"
    )
    output = subprocess.run(
        ["node", "-e", program], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    for (evidence, confidence, participants), shown in zip(cases, json.loads(output), strict=True):
        count = int(participants) if participants else None
        assert shown == ratings.rating_problems(evidence, confidence, count)
    assert any(json.loads(output)), "some cases must warn, or the comparison proves nothing"


def public_templates():
    root = Path(settings.BASE_DIR) / "templates"
    return sorted(p for p in root.rglob("*.html") if "includes" not in p.parts)


@pytest.mark.parametrize(
    "template", public_templates(), ids=lambda p: str(p.relative_to(settings.BASE_DIR))
)
def test_every_public_template_shows_a_confidence_only_through_the_rating(template):
    """A rating written out by hand would have no icon and no link to the key."""
    text = template.read_text()
    assert "get_confidence_display" not in text
    assert "confidence_label" not in text
    for mention in re.findall(r"{%[^%]*\bconfidence\b[^%]*%}|{{[^}]*\bconfidence\b[^}]*}}", text):
        assert mention.startswith("{% rating "), f"{template.name}: {mention}"
