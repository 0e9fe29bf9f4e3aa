"""The public theme pages show only live, public projects and findings."""

from wagtail.models import PageViewRestriction

import pytest

from core.vocabularies import Confidence, EvidenceType
from projects.models import Finding, ProjectPage
from projects.theme_counts import theme_counts
from tests.factories import CohortPageFactory, FindingFactory, ProjectPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(home):
    return ThemeFactory(
        name="Zero tolerance",
        slug="zero-tolerance",
        description="Whether zero tolerance policies can be trauma aware.",
    )


def tag_finding(finding, *themes):
    finding.themes.add(*themes)
    finding.save()
    return finding


def detail(client, theme):
    response = client.get(f"/themes/{theme.slug}/")
    assert response.status_code == 200
    return response


def test_theme_page_shows_the_curated_description(client, theme):
    assert (
        "Whether zero tolerance policies can be trauma aware."
        in detail(client, theme).content.decode()
    )


def test_theme_page_lists_live_public_projects_and_their_findings(client, theme):
    project = ProjectPageFactory(title="Can zero tolerance be trauma aware?", themes=[theme])
    inherited = FindingFactory(page=project, headline="Staff wanted room for discretion.")
    other = ProjectPageFactory(title="Letters that do no harm")
    own = tag_finding(FindingFactory(page=other, headline="Firm but kind letters worked."), theme)

    response = detail(client, theme)

    assert list(response.context["projects"]) == [project]
    assert set(response.context["findings"]) == {inherited, own}
    html = response.content.decode()
    assert "Can zero tolerance be trauma aware?" in html
    assert f'href="{own.get_url()}"' in html


def test_draft_projects_and_their_findings_never_appear(client, theme):
    draft = ProjectPageFactory(title="A draft project", themes=[theme], live=False)
    tag_finding(FindingFactory(page=draft, headline="A draft finding."), theme)
    assert not ProjectPage.objects.get(pk=draft.pk).live

    response = detail(client, theme)

    assert list(response.context["projects"]) == []
    assert list(response.context["findings"]) == []
    assert "A draft project" not in response.content.decode()
    assert "A draft finding." not in response.content.decode()


def test_unpublished_changes_to_a_live_project_never_appear(client, theme):
    project = ProjectPageFactory(title="Published project", themes=[theme])
    project = ProjectPage.objects.get(pk=project.pk)
    finding = Finding(
        headline="Only in the draft.",
        evidence_type=EvidenceType.SURVEY,
        confidence=Confidence.EMERGING,
    )
    finding.themes.add(theme)
    project.findings.add(finding)
    project.save_revision()

    html = detail(client, theme).content.decode()

    assert "Published project" in html
    assert "Only in the draft." not in html


@pytest.mark.parametrize("restrict", ["project", "cohort"])
def test_private_projects_and_their_findings_never_appear(client, theme, restrict):
    cohort = CohortPageFactory()
    project = ProjectPageFactory(title="A private project", parent=cohort, themes=[theme])
    tag_finding(FindingFactory(page=project, headline="A private finding."), theme)
    PageViewRestriction.objects.create(
        page=project if restrict == "project" else cohort,
        restriction_type=PageViewRestriction.LOGIN,
    )

    response = detail(client, theme)

    assert list(response.context["projects"]) == []
    assert list(response.context["findings"]) == []
    assert "A private" not in response.content.decode()


def test_unknown_theme_is_not_found(client, home):
    assert client.get("/themes/no-such-theme/").status_code == 404


def test_theme_index_lists_themes_with_public_projects_or_findings(client, home):
    on_project = ThemeFactory(name="Belonging", description="Feeling part of something.")
    on_finding = ThemeFactory(name="Zero tolerance")
    only_draft = ThemeFactory(name="Only on a draft")
    ThemeFactory(name="Unused")
    ProjectPageFactory(themes=[on_project])
    tag_finding(FindingFactory(), on_finding)
    ProjectPageFactory(themes=[only_draft], live=False)

    response = client.get("/themes/")

    assert response.status_code == 200
    assert [t.name for t in response.context["themes"]] == ["Belonging", "Zero tolerance"]
    html = response.content.decode()
    assert "Feeling part of something." in html
    assert "Only on a draft" not in html
    assert "Unused" not in html


def test_theme_named_only_on_drafts_has_no_public_page(client, home):
    secret = ThemeFactory(name="A subject still under wraps", slug="under-wraps")
    ProjectPageFactory(themes=[secret], live=False)
    assert client.get("/themes/under-wraps/").status_code == 404


def test_theme_with_a_description_has_a_page_before_any_project_is_published(client, theme):
    response = detail(client, theme)
    assert "No published projects on this theme yet." in response.content.decode()


def test_theme_page_shows_findings_fifty_at_a_time(client, theme):
    project = ProjectPageFactory(title="A broad project", themes=[theme])
    FindingFactory.create_batch(53, page=project)

    first = detail(client, theme)
    second = client.get(f"/themes/{theme.slug}/?page=2")

    assert len(first.context["findings"]) == 50
    assert "Findings 1 to 50 of 53" in first.content.decode()
    assert 'href="?page=2#findings-heading" rel="next"' in first.content.decode()
    assert second.status_code == 200
    assert len(second.context["findings"]) == 3
    assert 'href="?page=1#findings-heading" rel="prev"' in second.content.decode()
    shown = {f.pk for f in first.context["findings"]} | {f.pk for f in second.context["findings"]}
    assert len(shown) == 53


@pytest.mark.parametrize("page", ["0", "99", "two"])
def test_theme_page_number_out_of_range_shows_a_page_of_findings(client, theme, page):
    FindingFactory(page=ProjectPageFactory(themes=[theme]), headline="The one finding.")
    response = client.get(f"/themes/{theme.slug}/?page={page}")
    assert response.status_code == 200
    assert "The one finding." in response.content.decode()


def test_theme_index_counts_each_public_project_and_finding_once(client, home):
    theme = ThemeFactory(name="Belonging")
    project = ProjectPageFactory(themes=[theme])
    tag_finding(FindingFactory(page=project), theme)
    tag_finding(FindingFactory(page=ProjectPageFactory(themes=[theme])), theme)
    FindingFactory(page=project)
    ProjectPageFactory(themes=[theme], live=False)

    response = client.get("/themes/")

    [shown] = response.context["themes"]
    # The untagged finding of a tagged project is on the theme, as the theme page lists it.
    assert (shown.project_count, shown.finding_count) == (2, 3)
    assert "2 projects, 3 findings</p>" in response.content.decode()


def test_theme_counts_agree_on_the_index_and_the_theme_page(client, theme):
    """The index once said "4 projects, 0 findings" of a theme whose page listed 9."""
    tagged = ProjectPageFactory(title="Tagged project", themes=[theme])
    FindingFactory.create_batch(3, page=tagged)
    tag_finding(FindingFactory(page=tagged), theme)  # on the theme twice over, counted once
    untagged = ProjectPageFactory(title="Untagged project")
    tag_finding(FindingFactory(page=untagged), theme)
    FindingFactory(page=untagged)  # not on the theme
    draft = ProjectPageFactory(themes=[theme], live=False)
    tag_finding(FindingFactory(page=draft), theme)
    private = ProjectPageFactory(themes=[theme])
    FindingFactory(page=private)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    [indexed] = client.get("/themes/").context["themes"]
    page = detail(client, theme)

    assert len(page.context["projects"]) == indexed.project_count == 1
    assert page.context["findings"].paginator.count == indexed.finding_count == 5
    assert page.context["counts"] == theme_counts([theme])[theme.pk]
    assert (page.context["counts"].projects, page.context["counts"].findings) == (1, 5)
    assert "1 project, 5 findings." in page.content.decode()


def test_theme_page_shows_the_strongest_findings_first(client, theme):
    first = ProjectPageFactory(title="A first project", themes=[theme])
    second = ProjectPageFactory(title="B second project", themes=[theme])
    emerging = FindingFactory(page=first, confidence=Confidence.EMERGING, headline="Emerging.")
    moderate = FindingFactory(page=first, confidence=Confidence.MODERATE, headline="Moderate.")
    strong_later = FindingFactory(page=second, confidence=Confidence.STRONG, headline="Strong B.")
    strong = FindingFactory(page=first, confidence=Confidence.STRONG, headline="Strong A.")

    response = detail(client, theme)

    assert list(response.context["findings"]) == [strong, strong_later, moderate, emerging]
    html = response.content.decode()
    assert html.index("Strong A.") < html.index("Strong B.") < html.index("Emerging.")


def test_theme_page_shows_each_findings_rating_with_a_link_to_the_key(client, theme):
    FindingFactory(
        page=ProjectPageFactory(themes=[theme]),
        evidence_type=EvidenceType.FOCUS_GROUPS,
        confidence=Confidence.MODERATE,
    )
    html = detail(client, theme).content.decode()
    assert 'href="/how-to-read-a-finding/#confidence-moderate">Moderate confidence</a>' in html
    assert "Evidence: Focus groups." in html
    assert 'src="/static/img/rating-moderate.svg" alt=""' in html
