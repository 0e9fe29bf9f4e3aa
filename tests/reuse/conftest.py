"""Projects in every state the public must or must not see, for the reuse tests."""

from wagtail.models import PageViewRestriction

import pytest

from projects.models import Finding
from tests.factories import FellowFactory, FindingFactory, ProjectPageFactory, ThemeFactory

SCRIPT = "<script>alert('x')</script>"


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def theme(home):
    return ThemeFactory(name="Belonging", slug="belonging")


@pytest.fixture
def project(home, theme):
    """A live, public project with a fellow whose email is private, one theme and two findings."""
    fellow = FellowFactory(name="Asha Patel", email="asha.patel@example.org")
    page = ProjectPageFactory(
        title="Warm letters",
        slug="warm-letters",
        summary="Plain, kind letters about missed appointments.",
        mentor_notes="MENTOR-ONLY remark about the write-up.",
        fellows=[fellow],
        themes=[theme],
    )
    FindingFactory(page=page, headline="Warm letters reduced missed appointments.")
    FindingFactory(page=page, headline="Staff liked writing them.")
    return publish(page)


@pytest.fixture
def draft_project(home, theme):
    page = ProjectPageFactory(
        title="DRAFT-PROJECT never published", live=False, themes=[theme], fellows=[]
    )
    FindingFactory(page=page, headline="DRAFT-FINDING of an unpublished project.")
    page.save_revision()
    return page


@pytest.fixture
def private_project(home, theme):
    page = publish(ProjectPageFactory(title="PRIVATE-PROJECT for staff", themes=[theme]))
    FindingFactory(page=page, headline="PRIVATE-FINDING behind a login.")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def project_with_draft_changes(project):
    """The live project, with a newer draft that changes its title and adds a finding."""
    draft = project.specific
    draft.title = "UNPUBLISHED-TITLE of the draft"
    draft.summary = "UNPUBLISHED-SUMMARY of the draft"
    draft.findings.add(
        Finding(
            headline="UNPUBLISHED-FINDING only in the draft.",
            evidence_type="survey",
            confidence="emerging",
        )
    )
    draft.save_revision()
    project.refresh_from_db()
    assert project.has_unpublished_changes
    return project


@pytest.fixture
def hostile_project(home):
    """A live project whose every text field holds markup, braces and line breaks."""
    fellow = FellowFactory(name=f"Eve {SCRIPT}", email="eve@example.org")
    theme = ThemeFactory(name=f"Theme {SCRIPT}", slug="hostile-theme")
    page = ProjectPageFactory(
        title=f"Title {SCRIPT} {{braces}} 100% & more",
        slug="hostile",
        summary=f"Summary {SCRIPT}\nER  - injected line",
        content_note=f"Note {SCRIPT}",
        fellows=[fellow],
        themes=[theme],
    )
    FindingFactory(
        page=page,
        headline=f"Headline {SCRIPT}",
        detail=f"Detail {SCRIPT}",
        recommendation=f"Recommendation {SCRIPT}",
    )
    return publish(page)
