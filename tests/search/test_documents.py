"""Turning projects and findings into search documents: no server needed."""

from wagtail.models import PageViewRestriction

import pytest

from core.vocabularies import Confidence, EvidenceType
from search.documents import FindingDocument, IndexingContext, ProjectDocument
from search.indexing import index_definition
from tests.factories import (
    CohortPageFactory,
    FindingFactory,
    ProjectPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    cohort = CohortPageFactory(title="Class of 2023", slug="class-of-2023", year=2023)
    page = ProjectPageFactory(
        parent=cohort,
        title="Kinder letters",
        summary="Rewriting the letters a trust sends.",
        places=["Leeds"],
        mentor_notes="Private: the fellow is struggling with the deadline.",
        body=[
            (
                "section",
                {"heading": "What we changed", "body": "<p>Warm, <b>plain</b> words.</p>"},
            )
        ],
        themes=[ThemeFactory(name="Trauma informed communications")],
    )
    return page


def test_project_document_has_write_up_themes_and_cohort(project):
    document = ProjectDocument.prepare(project).to_dict(include_meta=True)
    source = document["_source"]

    assert document["_id"] == project.pk
    assert source["title"] == "Kinder letters"
    assert "Warm, plain words." in source["body"]
    assert "<b>" not in source["body"]
    assert source["themes"] == ["trauma-informed-communications"]
    assert source["theme_names"] == ["Trauma informed communications"]
    assert (source["cohort"], source["year"]) == ("class-of-2023", 2023)
    assert source["places"] == ["Leeds"]
    assert source["url"] == project.get_url()


def test_mentor_notes_are_never_in_a_project_document(project):
    source = ProjectDocument.prepare(project).to_dict()

    assert "mentor_notes" not in source
    assert "struggling" not in repr(source)


def test_finding_document_carries_its_projects_facets_and_anchor(project):
    finding = FindingFactory(
        page=project,
        headline="Plain letters reduced missed appointments.",
        evidence_type=EvidenceType.INTERVIEWS,
        confidence=Confidence.STRONG,
    )
    finding.themes.add(ThemeFactory(name="Belonging"))
    finding.save()

    source = FindingDocument.prepare(finding, IndexingContext()).to_dict()

    assert source["headline"] == "Plain letters reduced missed appointments."
    assert source["project_title"] == "Kinder letters"
    assert source["themes"] == ["belonging", "trauma-informed-communications"]
    assert (source["evidence_type"], source["confidence"]) == ("interviews", "strong")
    assert (source["cohort"], source["year"], source["places"]) == (
        "class-of-2023",
        2023,
        ["Leeds"],
    )
    assert source["url"] == f"{project.get_url()}#{finding.anchor}"


def test_only_live_public_projects_and_their_findings_are_indexed(project):
    draft = ProjectPageFactory(parent=project.get_parent(), live=False)
    private = ProjectPageFactory(parent=project.get_parent())
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    FindingFactory(page=project)
    FindingFactory(page=draft)
    FindingFactory(page=private)

    assert list(ProjectDocument.get_queryset()) == [project]
    assert {f.page_id for f in FindingDocument.get_queryset()} == {project.pk}


def test_index_definition_uses_british_analysers_with_the_synonyms_file(settings, tmp_path):
    synonyms = tmp_path / "synonyms.txt"
    synonyms.write_text("# sector terms\nVRP, violence reduction partnership\n", encoding="utf-8")
    settings.SEARCH_SYNONYMS_FILE = synonyms

    definition = index_definition(FindingDocument, "test-findings-1").to_dict()
    analysis = definition["settings"]["analysis"]
    headline = definition["mappings"]["properties"]["headline"]

    assert (headline["analyzer"], headline["search_analyzer"]) == (
        "british_english",
        "british_english_search",
    )
    assert analysis["filter"]["sector_synonyms"]["synonyms"] == [
        "VRP, violence reduction partnership"
    ]
    assert analysis["filter"]["british_stemmer"] == {"type": "stemmer", "language": "light_english"}


def test_what_a_rebuild_writes_is_what_the_document_classes_would_serialise(project):
    # Indexing builds each source straight from the field values; the document classes'
    # own serialising is the reference it must match, empty values left out alike.
    bare = ProjectPageFactory(parent=project.get_parent(), title="Bare", places=[], themes=[])
    # As a document sees a page: an old page saved before a summary was required.
    bare.summary, bare.first_published_at = "", None
    everywhere = ProjectPageFactory(
        parent=project.get_parent(), title="Everywhere", places=["West Yorkshire", "Leeds"]
    )
    findings = [
        FindingFactory(page=project, headline="A finding with detail."),
        FindingFactory(page=bare, headline="Bare finding.", detail="", recommendation=""),
        FindingFactory(page=everywhere, headline="Across the region."),
    ]
    findings[0].themes.add(ThemeFactory(name="Belonging"))
    context = IndexingContext()
    FindingDocument.prepare_batch(findings, context)

    for page in (project, bare, everywhere):
        assert ProjectDocument.source(page, context) == ProjectDocument.prepare(page).to_dict()
    for finding in findings:
        expected = FindingDocument.prepare(finding, context).to_dict()
        assert FindingDocument.source(finding, context) == expected
    assert "first_published_at" not in ProjectDocument.source(bare, context)
    assert "West Yorkshire" in " ".join(
        FindingDocument.source(findings[2], context)["project_place_names"]
    )
