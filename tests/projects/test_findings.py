"""Findings keep their address and never leak from drafts or private projects."""

from wagtail.models import PageViewRestriction

from projects.models import Finding, ProjectPage
from tests.factories import FindingFactory, ProjectPageFactory


def test_finding_key_survives_revisions_and_reordering(home):
    project = ProjectPageFactory()
    first = FindingFactory(page=project, headline="First finding.", sort_order=0)
    second = FindingFactory(page=project, headline="Second finding.", sort_order=1)
    keys = {first.pk: first.key, second.pk: second.key}

    project = ProjectPage.objects.get(pk=project.pk)
    findings = list(project.findings.all())
    findings[0].headline = "First finding, reworded."
    findings[0].sort_order, findings[1].sort_order = 1, 0
    project.findings = findings
    project.save_revision().publish()

    project = ProjectPage.objects.get(pk=project.pk)
    assert {f.pk: f.key for f in project.findings.all()} == keys
    assert [f.headline for f in project.findings.all()] == [
        "Second finding.",
        "First finding, reworded.",
    ]


def test_finding_urls_point_at_the_project_page(home, client):
    finding = FindingFactory()
    assert finding.get_url() == f"{finding.page.url}#finding-{finding.key}"
    response = client.get(finding.get_permalink())
    assert response.status_code == 200
    assert finding.headline in response.content.decode()


def test_public_findings_exclude_drafts_and_private_projects(home, client):
    live = FindingFactory(headline="Live finding.")
    draft_project = ProjectPageFactory(live=False)
    draft = FindingFactory(page=draft_project, headline="Draft finding.")
    private_project = ProjectPageFactory()
    private = FindingFactory(page=private_project, headline="Private finding.")
    PageViewRestriction.objects.create(
        page=private_project, restriction_type=PageViewRestriction.LOGIN
    )

    assert list(Finding.objects.public()) == [live]
    assert client.get(draft.get_permalink()).status_code == 404
    assert client.get(private.get_permalink()).status_code == 302  # to the login page
    home_html = client.get("/").content.decode()
    assert "Live finding." in home_html
    assert "Draft finding." not in home_html
    assert "Private finding." not in home_html


def test_unpublished_changes_to_a_live_project_stay_off_the_public_page(home, client):
    project = ProjectPageFactory(summary="The published summary.")
    project.summary = "A draft summary that is not ready."
    project.save_revision()
    html = client.get(project.url).content.decode()
    assert "The published summary." in html
    assert "not ready" not in html


def test_mentor_notes_are_never_shown_publicly(home, client):
    project = ProjectPageFactory(mentor_notes="Private: the fellow is struggling this month.")
    html = client.get(project.url).content.decode()
    assert "struggling" not in html
