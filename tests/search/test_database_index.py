"""The database backend's full-text index: it answers searches, holds only live and public
content, and follows every change that reaches what a project or finding says."""

from io import StringIO

from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from projects.models import Finding
from search.backends.database import DatabaseSearchBackend, index
from search.backends.database.index import normalise, status
from search.models import IndexEntry
from search.runner import run_search
from tests.factories import CohortPageFactory, FindingFactory, ProjectPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def found(query):
    results = run_search({"q": query}, backend=DatabaseSearchBackend())
    return {(hit.kind, hit.pk) for hit in results.hits}


@pytest.fixture
def cohort(home):
    return CohortPageFactory(title="Cohort 2023", slug="cohort-2023", year=2023)


def test_entries_hold_the_same_analysed_words_as_a_query():
    assert normalise("The Children’s Services of Café Society") == "children services cafe society"


def test_search_reads_the_index_not_the_text_of_every_row(cohort):
    project = ProjectPageFactory(parent=cohort, title="Kinship care")
    finding = FindingFactory(page=project, headline="Grandparents felt unheard by schools.")

    with CaptureQueriesContext(connection) as queries:
        # The finding through its project's title (issue 12: findings match their project's
        # words, below their own).
        assert found("kinship") == {("project", project.pk), ("finding", finding.pk)}

    sql = " ".join(q["sql"] for q in queries.captured_queries).upper()
    assert " LIKE " not in sql and "REGEXP" not in sql
    assert ("MATCH" if connection.vendor == "sqlite" else "@@ TO_TSQUERY") in sql


def test_only_live_public_projects_and_their_findings_are_in_the_index(cohort):
    live = ProjectPageFactory(parent=cohort, title="Kinship care")
    live_finding = FindingFactory(page=live, headline="Grandparents felt unheard.")
    draft = ProjectPageFactory(parent=cohort, title="Kinship draft", live=False)
    FindingFactory(page=draft, headline="Grandparents draft finding.")
    restricted = CohortPageFactory(title="Secret", slug="secret", year=2024)
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    ProjectPageFactory(parent=restricted, title="Kinship behind a password")

    assert set(IndexEntry.objects.values_list("page_id", "finding_id")) == {
        (live.pk, None),
        (None, live_finding.pk),
    }
    # The live finding is found through its project's title; the draft's is not.
    assert found("kinship") == {("project", live.pk), ("finding", live_finding.pk)}
    assert found("grandparents") == {("finding", live_finding.pk)}


def test_publishing_a_draft_adds_it_and_unpublishing_takes_it_out(cohort):
    project = ProjectPageFactory(parent=cohort, title="Kinship care", live=False)
    finding = FindingFactory(page=project, headline="Grandparents felt unheard.")
    assert found("grandparents") == set()

    project.save_revision().publish()
    assert found("grandparents") == {("finding", finding.pk)}

    project.refresh_from_db()
    project.unpublish()
    assert found("grandparents") == set()
    assert not IndexEntry.objects.exists()


def test_a_draft_of_a_live_project_leaves_the_live_words_in_the_index(cohort):
    project = ProjectPageFactory(parent=cohort, title="Kinship care")
    project.title = "Secret draft title"
    project.save_revision()

    assert found("secret") == set()
    assert found("kinship") == {("project", project.pk)}


def test_editing_and_deleting_a_finding_update_the_index(cohort):
    project = ProjectPageFactory(parent=cohort)
    finding = FindingFactory(page=project, headline="Grandparents felt unheard.")

    finding.headline = "Aunts felt unheard."
    finding.save()
    assert found("grandparents") == set()
    assert found("aunts") == {("finding", finding.pk)}

    Finding.objects.filter(pk=finding.pk).delete()
    assert found("aunts") == set()


def test_restricting_a_cohort_takes_its_projects_out_of_the_index(cohort):
    project = ProjectPageFactory(parent=cohort, title="Kinship care")
    restriction = PageViewRestriction.objects.create(
        page=cohort, restriction_type="password", password="x"
    )
    assert found("kinship") == set()

    restriction.delete()
    assert found("kinship") == {("project", project.pk)}


def test_renaming_a_theme_changes_what_finds_its_projects_and_findings(cohort):
    theme = ThemeFactory(name="Belonging")
    project = ProjectPageFactory(parent=cohort, themes=[theme])
    finding = FindingFactory(page=project)
    assert found("belonging") == {("project", project.pk), ("finding", finding.pk)}

    theme.name = "Kinship"
    theme.save()

    assert found("belonging") == set()
    assert found("kinship") == {("project", project.pk), ("finding", finding.pk)}


def test_merging_a_theme_moves_its_projects_to_the_target(cohort):
    source, target = ThemeFactory(name="Belonging"), ThemeFactory(name="Kinship")
    project = ProjectPageFactory(parent=cohort, themes=[source])
    finding = FindingFactory(page=project)
    finding.themes.set([source])
    finding.save()

    source.merge_into(target)

    assert found("belonging") == set()
    assert found("kinship") == {("project", project.pk), ("finding", finding.pk)}


# A finding's project context -----------------------------------------------------------------


def quiet_finding(project):
    """A finding that says nothing of what its project is about."""
    return FindingFactory(
        page=project, headline="Letters arrived late.", detail="", recommendation=""
    )


def test_a_finding_is_found_by_its_projects_title_summary_themes_and_places(cohort):
    project = ProjectPageFactory(
        parent=cohort,
        title="Kinship care",
        summary="Grandparents raising children.",
        themes=[ThemeFactory(name="Belonging")],
        places=["Kirklees"],
    )
    finding = quiet_finding(project)

    for query in ("kinship", "grandparents", "belonging", "kirklees"):
        assert found(query) == {("project", project.pk), ("finding", finding.pk)}, query
    entry = IndexEntry.objects.get(finding=finding)
    assert entry.d == "kinship care grandparents raising children belonging kirklees"


def test_a_projects_own_words_rank_its_findings_below_a_finding_that_says_them(cohort):
    kinship = ProjectPageFactory(parent=cohort, title="Kinship care", summary="About aunts.")
    quiet = quiet_finding(kinship)
    other = ProjectPageFactory(parent=cohort, title="Letters", summary="About rent.")
    says = FindingFactory(page=other, headline="Kinship carers read every letter.")

    results = run_search({"q": "kinship", "kind": "finding"}, backend=DatabaseSearchBackend())

    assert [hit.pk for hit in results.hits] == [says.pk, quiet.pk]


def test_publishing_a_projects_new_words_reaches_its_findings_and_a_draft_does_not(cohort):
    project = ProjectPageFactory(
        parent=cohort, title="Kinship care", summary="Grandparents at home.", places=["Leeds"]
    )
    finding = quiet_finding(project)

    project.title, project.summary, project.places = "Foster care", "Aunts at home.", ["Bradford"]
    revision = project.save_revision()
    assert ("finding", finding.pk) in found("grandparents")
    assert found("aunts") == set()

    revision.publish()
    for query in ("kinship", "grandparents", "leeds"):
        assert found(query) == set(), query
    for query in ("foster", "aunts", "bradford"):
        assert ("finding", finding.pk) in found(query), query


def test_tagging_a_project_reaches_its_findings(cohort):
    project = ProjectPageFactory(parent=cohort)
    finding = quiet_finding(project)

    project.themes.add(ThemeFactory(name="Belonging"))
    project.save()
    assert ("finding", finding.pk) in found("belonging")

    project.themes.clear()
    project.save()
    assert found("belonging") == set()


def test_an_import_that_rewrites_a_projects_summary_reaches_its_findings(home):
    import json
    from pathlib import Path

    from records.importers import import_document

    path = Path(__file__).parent.parent / "records" / "data" / "small.json"
    doc = json.loads(path.read_text())
    import_document(doc)
    finding = Finding.objects.get(headline="Threatening phrases were remembered for years.")
    assert ("finding", finding.pk) in found("frightening")

    project = doc["cohorts"][0]["projects"][0]
    project["summary"] = project["summary"].replace("frightening", "alarming")
    import_document(doc)

    assert ("finding", finding.pk) not in found("frightening")
    assert ("finding", finding.pk) in found("alarming")


def test_a_title_match_ranks_above_a_match_in_the_text(cohort):
    in_text = ProjectPageFactory(parent=cohort, title="Family work", summary="About kinship.")
    in_title = ProjectPageFactory(parent=cohort, title="Kinship care", summary="About families.")

    results = run_search({"q": "kinship"}, backend=DatabaseSearchBackend())

    assert [hit.pk for hit in results.hits] == [in_title.pk, in_text.pk]


def test_status_counts_what_the_index_holds_against_the_site(cohort):
    project = ProjectPageFactory(parent=cohort)
    FindingFactory(page=project)
    IndexEntry.objects.filter(finding__isnull=False).delete()

    report = status()

    assert report["projects"] == (1, 1)
    assert report["findings"] == (0, 1)
    assert report["problems"] == []


# Rebuilding and reporting -----------------------------------------------------------------------


def command(*args):
    out = StringIO()
    call_command("search_index", *args, "--database", stdout=out)
    return out.getvalue()


def test_rebuild_writes_the_index_again_with_progress_and_status_reports_it(cohort):
    project = ProjectPageFactory(parent=cohort, title="Kinship care")
    finding = FindingFactory(page=project, headline="Grandparents felt unheard.")
    IndexEntry.objects.all().delete()
    assert found("kinship") == set()
    assert "out of date" in command("status")

    output = command("rebuild")

    assert "Projects: 1 of 1 indexed" in output
    assert found("kinship") == {("project", project.pk), ("finding", finding.pk)}
    assert found("grandparents") == {("finding", finding.pk)}
    report = command("status")
    assert "Projects: 1 indexed, 1 live and public" in report
    assert "Findings: 1 indexed, 1 live and public" in report
    assert "out of date" not in report and "Problem" not in report


def test_an_interrupted_rebuild_leaves_search_working(cohort, monkeypatch):
    project = ProjectPageFactory(parent=cohort, title="Kinship care")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    # Stopped after the old entries were deleted, before any new one was written.
    monkeypatch.setattr(index, "_entries", interrupted)
    with pytest.raises(KeyboardInterrupt):
        command("rebuild")

    assert found("kinship") == {("project", project.pk)}
    assert status()["projects"] == (1, 1)
    assert status()["problems"] == []


def test_sync_of_the_database_index_is_a_plain_error(db):
    with pytest.raises(CommandError, match="nothing to sync"):
        command("sync")


# Spelling suggestions from the index's words ----------------------------------------------------


def suggestion(query):
    return run_search({"q": query}, backend=DatabaseSearchBackend()).suggestion


def test_a_misspelt_query_is_offered_a_word_of_any_part_of_the_index(cohort):
    project = ProjectPageFactory(parent=cohort, title="Calm classrooms", summary="Behaviours.")
    FindingFactory(
        page=project,
        headline="Staff felt more confident.",
        detail="Training on trauma came first.",
        recommendation="",
    )

    # Neither word is in a title, a headline or a theme's name.
    assert suggestion("truama") == "trauma"
    assert suggestion("behavoiurs") == "behaviours"
    assert suggestion("truama training") == "trauma training"


def test_suggestions_read_the_words_of_the_index_not_the_site(cohort):
    ProjectPageFactory(parent=cohort, title="Kinship care")

    with CaptureQueriesContext(connection) as queries:
        assert suggestion("kinshop") == "kinship"

    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert (index.VOCAB_TABLE if connection.vendor == "sqlite" else index.WORD_TABLE) in sql


def test_words_of_unpublished_draft_and_private_projects_are_never_suggested(cohort):
    published = ProjectPageFactory(parent=cohort, title="Quokka walks", summary="Wombats.")
    assert suggestion("quokko") == "quokka"
    assert suggestion("wombatz") == "wombats"

    published.unpublish()
    live = ProjectPageFactory(parent=cohort, title="Kinship care")
    live.summary = "Numbats."
    live.save_revision()
    ProjectPageFactory(parent=cohort, title="Draft", summary="Platypus.", live=False)
    secret = CohortPageFactory(title="Secret", slug="secret", year=2024)
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    ProjectPageFactory(parent=secret, title="Echidna care")

    for query in ("quokko", "wombatz", "numbatz", "platypis", "echidnah"):
        assert suggestion(query) is None, query
    # The control: a word of a live, public page is still offered.
    assert suggestion("kinshop") == "kinship"


def test_a_short_misspelling_is_offered_a_word_of_its_length(cohort):
    ProjectPageFactory(parent=cohort, title="Letters", summary="About rent.")

    assert suggestion("rnet") == "rent"


def test_a_rebuild_starts_the_words_afresh(cohort):
    project = ProjectPageFactory(parent=cohort, title="Quokka walks")
    IndexEntry.objects.all().delete()
    assert suggestion("quokko") is None

    command("rebuild")
    assert suggestion("quokko") == "quokka"
    project.unpublish()
    command("rebuild")
    assert suggestion("quokko") is None


@pytest.mark.postgres
def test_postgresql_indexes_the_words_by_trigram(cohort):
    assert index.has_trigram_index(connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()


@pytest.mark.postgres
def test_without_pg_trgm_suggestions_still_work_and_a_check_says_why_they_are_slower(cohort):
    from search.checks import trigram_index

    ProjectPageFactory(parent=cohort, title="Kinship care")
    assert trigram_index(None, databases=["default"]) == []
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {index.TRIGRAM_INDEX}")

    assert suggestion("kinshop") == "kinship"
    warnings = trigram_index(None, databases=["default"])
    assert [w.id for w in warnings] == ["fellowship_search.W002"]
    assert "pg_trgm" in warnings[0].msg and "CREATE EXTENSION pg_trgm" in warnings[0].hint
