"""The query module and the database backend: analysis, matching, ranking, visibility, facets."""

import datetime
import os

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from core.vocabularies import Confidence, EvidenceType, Status
from projects.models import Finding
from search.analysis import analyse, stem
from search.backends.database.hits import highlight
from search.backends.database.matching import highlighter
from search.params import parse
from search.runner import run_search
from tests.factories import (
    CohortPageFactory,
    FindingFactory,
    ProjectPageFactory,
    ThemeFactory,
)


def titles(results):
    return [hit.title for hit in results.hits]


def facet(results, name):
    return {option.value: option.count for option in results.facets[name]}


# Analysis ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("behaviour", "behaviours"),
        ("organisations", "organisation"),
        ("organization", "organisation"),
        ("behavior", "behaviour"),
        ("families", "family"),
        ("informed", "inform"),
        ("ACEs", "ace"),
    ],
)
def test_british_stemming_gives_related_words_one_stem(a, b):
    assert stem(a) == stem(b)


def test_stemming_keeps_unrelated_words_apart():
    assert stem("school") != stem("scheme")
    assert stem("class") == "class"
    assert not stem("policy").startswith(stem("police"))


@pytest.mark.django_db
def test_plural_of_a_word_ending_in_y_is_found(project):
    FindingFactory(page=project, headline="Families valued home visits.")
    FindingFactory(page=project, headline="Police custody staff were trained.")
    assert titles(run_search({"q": "family"})) == ["Families valued home visits."]
    assert titles(run_search({"q": "policy"})) == []


def test_synonym_phrase_in_a_query_becomes_one_group_with_every_alternative():
    groups = analyse("adverse childhood experiences in schools")
    assert [g.label for g in groups] == ["adverse childhood experiences", "schools"]
    assert ("ace",) in groups[0].stems
    assert ("adverse", "childhood", "experience") in groups[0].stems


def test_synonyms_file_is_read_again_when_edited(settings, tmp_path):
    path = tmp_path / "synonyms.txt"
    path.write_text("# comment\nkinship, grandparent care\n", encoding="utf-8")
    settings.SEARCH_SYNONYMS_FILE = path
    assert ("grandparent", "care") in analyse("kinship")[0].stems

    path.write_text("kinship, family network\n", encoding="utf-8")
    os.utime(path, (1, 1))  # a different modification time, however fast the test runs
    assert ("family", "network") in analyse("kinship")[0].stems
    assert ("grandparent", "care") not in analyse("kinship")[0].stems


def test_operators_and_stop_words_are_not_searched_for():
    assert [g.label for g in analyse("trauma AND NOT the police")] == ["trauma", "police"]


def test_highlight_escapes_text_before_marking_matches():
    pattern = highlighter(analyse("letters"))
    html = highlight('Plain <b>"letters"</b> & calls', pattern)
    assert html == "Plain &lt;b&gt;&quot;<mark>letters</mark>&quot;&lt;/b&gt; &amp; calls"


def test_highlight_cuts_a_window_around_the_first_match():
    pattern = highlighter(analyse("needle"))
    text = "hay " * 200 + "needle " + "hay " * 200
    html = highlight(text, pattern, 100)
    assert "<mark>needle</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 140


# Parsing ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_long_query_is_cut_to_the_maximum_and_reported():
    parsed = parse({"q": "word " * 2000})
    assert len(parsed.request.text) <= 200
    assert "up to 200 characters" in parsed.errors["q"][0]


@pytest.mark.django_db
def test_search_syntax_is_explained_but_a_question_mark_is_not():
    assert parse({"q": "what helps families?"}).warnings == []
    assert "brackets" in parse({"q": "(families)"}).warnings[0]


@pytest.mark.django_db
def test_unknown_theme_is_reported_and_known_themes_are_kept(home):
    # Known to the public: a theme of a published project.
    ProjectPageFactory(themes=[ThemeFactory(name="Belonging")])
    parsed = parse({"theme": ["belonging", "no-such-theme"]})
    assert parsed.request.themes == ["belonging"]
    assert parsed.errors["theme"] == ["There is no theme called “no-such-theme”."]


# Matching and ranking ---------------------------------------------------------------------


@pytest.fixture
def cohort(home):
    return CohortPageFactory(title="Cohort 2023", slug="cohort-2023", year=2023)


@pytest.fixture
def project(cohort):
    return ProjectPageFactory(
        parent=cohort, title="Kinship care", summary="Support for kinship carers."
    )


@pytest.mark.django_db
def test_behaviour_finds_behaviours_and_organisations_finds_organisation(project):
    FindingFactory(page=project, headline="Behaviours changed after the training.")
    FindingFactory(page=project, headline="Staff trusted the organisation more.")
    FindingFactory(page=project, headline="Nothing to do with either.")

    assert titles(run_search({"q": "behaviour"})) == ["Behaviours changed after the training."]
    assert titles(run_search({"q": "organisations"})) == ["Staff trusted the organisation more."]


@pytest.mark.django_db
def test_synonyms_find_each_other(project):
    FindingFactory(page=project, headline="Adverse childhood experiences were common.")
    FindingFactory(page=project, headline="Children and young people asked for quiet rooms.")
    FindingFactory(page=project, headline="Unrelated finding.")

    assert titles(run_search({"q": "ACEs"})) == ["Adverse childhood experiences were common."]
    assert titles(run_search({"q": "CYP"})) == ["Children and young people asked for quiet rooms."]


@pytest.mark.django_db
def test_word_stems_match_at_the_start_of_words_only(project):
    FindingFactory(page=project, headline="A safe place to talk.")
    assert run_search({"q": "ACE"}).total == 0


@pytest.mark.django_db
def test_headline_matches_rank_above_detail_matches(project):
    FindingFactory(page=project, headline="Quiet rooms helped.", detail="Mostly about belonging.")
    FindingFactory(page=project, headline="Belonging grew over the year.", detail="Details.")

    results = run_search({"q": "belonging"})
    assert titles(results) == ["Belonging grew over the year.", "Quiet rooms helped."]
    assert results.hits[0].score > results.hits[1].score


@pytest.mark.django_db
def test_every_word_must_match(project):
    FindingFactory(page=project, headline="Warm letters reduced missed appointments.")
    FindingFactory(page=project, headline="Warm rooms.")
    assert titles(run_search({"q": "warm letters"})) == [
        "Warm letters reduced missed appointments."
    ]


@pytest.mark.django_db
def test_newest_order_puts_recently_published_projects_first(cohort):
    old = ProjectPageFactory(parent=cohort, title="Older project")
    new = ProjectPageFactory(parent=cohort, title="Newer project")
    now = timezone.now()
    type(old).objects.filter(pk=old.pk).update(first_published_at=now - datetime.timedelta(days=30))
    type(new).objects.filter(pk=new.pk).update(first_published_at=now)

    assert titles(run_search({"sort": "newest"})) == ["Newer project", "Older project"]


# What is never found ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_drafts_private_pages_and_mentor_notes_are_never_found(home):
    cohort = CohortPageFactory()
    draft = ProjectPageFactory(parent=cohort, title="Quokka draft", live=False)
    FindingFactory(page=draft, headline="Quokka draft finding.")
    private = ProjectPageFactory(parent=cohort, title="Quokka private")
    FindingFactory(page=private, headline="Quokka private finding.")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    private_cohort = CohortPageFactory()
    hidden = ProjectPageFactory(parent=private_cohort, title="Quokka in a private cohort")
    PageViewRestriction.objects.create(
        page=private_cohort, restriction_type="password", password="x"
    )
    FindingFactory(page=hidden, headline="Quokka hidden finding.")
    ProjectPageFactory(parent=cohort, title="Visible", mentor_notes="Quokka notes for mentors.")

    assert run_search({"q": "quokka"}).total == 0
    # The control: the same words on a public page are found.
    ProjectPageFactory(parent=cohort, title="Quokka public")
    assert titles(run_search({"q": "quokka"})) == ["Quokka public"]


@pytest.mark.django_db
def test_unpublished_changes_to_a_live_project_are_not_found(cohort):
    project = ProjectPageFactory(parent=cohort, title="Kinship care", summary="Published summary.")
    project.save_revision().publish()
    project.refresh_from_db()
    project.title = "Kinship care xylophone"
    project.summary = "Draft wording about zanzibar."
    project.findings.add(
        Finding(
            headline="Quokka draft finding.",
            evidence_type=EvidenceType.SURVEY,
            confidence=Confidence.EMERGING,
        )
    )
    project.save_revision()

    for word in ("xylophone", "zanzibar", "quokka"):
        assert run_search({"q": word}).total == 0, word
    assert titles(run_search({"q": "published"})) == ["Kinship care"]


@pytest.mark.django_db
def test_project_write_up_is_found_through_the_search_index(cohort):
    project = ProjectPageFactory(
        parent=cohort,
        title="Kinship care",
        body=[
            (
                "section",
                {"heading": "What we did", "body": "<p>We met grandparents weekly.</p>"},
            )
        ],
    )
    project.save_revision().publish()
    assert titles(run_search({"q": "grandparents"})) == ["Kinship care"]
    assert titles(run_search({"q": "grandparent"})) == ["Kinship care"]
    assert run_search({"q": "grandmothers"}).total == 0


# Facets ------------------------------------------------------------------------------------


@pytest.fixture
def catalogue(home):
    """Two cohorts: a 2021 project with two findings, a 2022 project with one."""
    belonging, schools = ThemeFactory(name="Belonging"), ThemeFactory(name="Schools")
    cohort_2021 = CohortPageFactory(title="Cohort 2021", slug="cohort-2021", year=2021)
    cohort_2022 = CohortPageFactory(title="Cohort 2022", slug="cohort-2022", year=2022)
    first = ProjectPageFactory(
        parent=cohort_2021, themes=[belonging], places=["Leeds"], status=Status.COMPLETE
    )
    finding = FindingFactory(
        page=first, evidence_type=EvidenceType.INTERVIEWS, confidence=Confidence.STRONG
    )
    finding.themes.set([schools])
    finding.save()
    FindingFactory(page=first, evidence_type=EvidenceType.SURVEY, confidence=Confidence.EMERGING)
    second = ProjectPageFactory(
        parent=cohort_2022, themes=[schools], places=["Kirklees"], status=Status.IN_PROGRESS
    )
    FindingFactory(
        page=second, evidence_type=EvidenceType.INTERVIEWS, confidence=Confidence.MODERATE
    )


@pytest.mark.django_db
def test_facet_counts_without_filters(catalogue):
    results = run_search({})
    assert results.total == 5
    # A finding's themes are its own and its project's.
    assert facet(results, "theme") == {"belonging": 3, "schools": 3}
    assert facet(results, "cohort") == {"cohort-2022": 2, "cohort-2021": 3}
    assert facet(results, "year") == {"2022": 2, "2021": 3}
    assert facet(results, "place") == {"Leeds": 3, "Kirklees": 2}
    assert facet(results, "evidence") == {"interviews": 2, "survey": 1}
    assert facet(results, "confidence") == {"emerging": 1, "moderate": 1, "strong": 1}
    assert facet(results, "status") == {"complete": 3, "in_progress": 2}


@pytest.mark.django_db
def test_facet_counts_follow_the_query(catalogue):
    # Only the 2021 project has the theme: it matches, and so do its findings through their
    # project's theme, but nothing of 2022's.
    results = run_search({"q": "belonging"})
    assert [hit.kind for hit in results.hits] == ["project", "finding", "finding"]
    assert facet(results, "cohort") == {"cohort-2021": 3}
    assert facet(results, "theme") == {"belonging": 3, "schools": 1}
    assert facet(results, "evidence") == {"interviews": 1, "survey": 1}


@pytest.mark.django_db
def test_findings_match_and_are_counted_through_their_projects_summary(catalogue):
    # Every project's summary says "summary" and no finding does: the projects come first, and
    # their findings follow through their project's words (issue 12), counted in the facets.
    results = run_search({"q": "summary"})
    assert [hit.kind for hit in results.hits] == ["project"] * 2 + ["finding"] * 3
    assert facet(results, "cohort") == {"cohort-2022": 2, "cohort-2021": 3}
    assert facet(results, "theme") == {"belonging": 3, "schools": 3}
    assert facet(results, "evidence") == {"interviews": 2, "survey": 1}


@pytest.mark.django_db
def test_each_facet_is_counted_with_the_other_filters_but_not_its_own(catalogue):
    results = run_search({"cohort": "cohort-2021"})
    assert results.total == 3
    assert facet(results, "cohort") == {"cohort-2022": 2, "cohort-2021": 3}
    assert facet(results, "theme") == {"belonging": 3, "schools": 1}
    # Options that would give nothing are hidden.
    assert facet(results, "place") == {"Leeds": 3}
    assert facet(results, "year") == {"2021": 3}

    results = run_search({"theme": "schools"})
    assert results.total == 3
    assert facet(results, "theme") == {"belonging": 3, "schools": 3}
    assert facet(results, "cohort") == {"cohort-2022": 2, "cohort-2021": 1}


@pytest.mark.django_db
def test_evidence_filter_leaves_findings_only(catalogue):
    results = run_search({"evidence": "interviews"})
    assert {hit.kind for hit in results.hits} == {"finding"}
    assert results.total == 2
    assert facet(results, "evidence") == {"interviews": 2, "survey": 1}
    assert facet(results, "theme") == {"belonging": 1, "schools": 2}


@pytest.mark.django_db
def test_several_themes_give_hits_on_any_of_them(catalogue):
    assert run_search({"theme": ["schools", "belonging"]}).total == 5


@pytest.mark.django_db
def test_selected_option_stays_visible_with_no_hits(catalogue):
    results = run_search({"place": "Bradford"})
    assert results.total == 0
    bradford = [o for o in results.facets["place"] if o.value == "Bradford"]
    assert bradford[0].count == 0 and bradford[0].selected


@pytest.mark.django_db
def test_year_filter_uses_the_cohort_year(catalogue):
    results = run_search({"year": "2022"})
    assert results.total == 2
    assert {hit.cohort.slug for hit in results.hits} == {"cohort-2022"}


# Cost ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_query_count_is_the_same_for_5_and_20_results(
    cohort, client, django_assert_max_num_queries
):
    theme = ThemeFactory(name="Belonging")

    def add_projects(n):
        projects = []
        for _ in range(n):
            projects.append(
                ProjectPageFactory(parent=cohort, title="Belonging project", themes=[theme])
            )
            FindingFactory(page=projects[-1], headline="Belonging finding.").themes.set([theme])
        return projects

    first = add_projects(2)[0]
    FindingFactory(page=first, headline="Another belonging finding.")
    params = {"q": "belonging", "theme": "belonging"}
    client.get("/api/search/", params)  # caches the site's root paths, as any earlier request would

    with django_assert_max_num_queries(25) as api_5:
        assert len(client.get("/api/search/", params).json()["results"]) == 5
    with django_assert_max_num_queries(25) as page_5:
        assert "5 results" in client.get("/search/", params).content.decode()
    add_projects(12)
    with django_assert_max_num_queries(25) as api_20:
        response = client.get("/api/search/", params).json()
    with django_assert_max_num_queries(25) as page_20:
        assert "29 results, showing 1 to 20" in client.get("/search/", params).content.decode()

    assert response["count"] == 29 and len(response["results"]) == 20
    assert len(api_20.captured_queries) == len(api_5.captured_queries)
    assert len(page_20.captured_queries) == len(page_5.captured_queries)
