"""The programme team's summary of a theme ("What we know", "What to try", "Gaps"): shown above the
theme's findings, written and changed by the programme team alone."""

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from core.roles import FELLOWS, MENTORS
from projects.models import Theme
from tests.factories import FindingFactory, ProjectPageFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

SUMMARY = {
    "what_we_know": "Belonging at school protects against the harm of adversity.\n\nIt can be taught.",
    "what_to_try": "A named adult for every pupil who has been excluded.",
    "gaps": "Nothing yet from lived experience in primary schools.",
}


def edit_url(theme):
    return reverse("wagtailsnippets_projects_theme:edit", args=[theme.pk])


@pytest.fixture
def theme(home):
    return ThemeFactory(name="Belonging", slug="belonging")


@pytest.fixture
def project(theme):
    project = ProjectPageFactory(title="Belonging after school", themes=[theme])
    FindingFactory(page=project, headline="Pupils with a named adult came back sooner.")
    return project


def signed_in(client, group):
    user = UserFactory(username=f"someone-{group.lower()}")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


def test_summary_is_shown_above_the_findings_under_its_three_headings(client, theme, project):
    Theme.objects.filter(pk=theme.pk).update(**SUMMARY)

    html = client.get("/themes/belonging/").content.decode()

    summary = html.index("Summary from the programme team")
    assert summary < html.index("What we know") < html.index("What to try") < html.index("Gaps")
    assert html.index("Gaps") < html.index('id="findings-heading"')
    assert "<p>Belonging at school protects against the harm of adversity.</p>" in html
    assert "<p>It can be taught.</p>" in html


def test_empty_parts_of_the_summary_are_left_out(client, theme, project):
    Theme.objects.filter(pk=theme.pk).update(gaps="Nothing on fathers.")

    html = client.get("/themes/belonging/").content.decode()

    assert "Nothing on fathers." in html
    assert "What we know" not in html
    assert "What to try" not in html


def test_a_theme_without_a_summary_shows_no_summary_section(client, theme, project):
    assert (
        "Summary from the programme team" not in client.get("/themes/belonging/").content.decode()
    )


def test_a_summary_gives_a_theme_a_page_before_any_project_is_published(client, theme):
    assert client.get("/themes/belonging/").status_code == 404
    Theme.objects.filter(pk=theme.pk).update(what_to_try="Ask pupils who they trust.")

    assert client.get("/themes/belonging/").status_code == 200


def test_the_programme_team_writes_the_summary(programme_team_client, theme):
    response = programme_team_client.post(
        edit_url(theme), {"name": "Belonging", "slug": "belonging", **SUMMARY}
    )

    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.what_we_know, theme.what_to_try, theme.gaps) == tuple(SUMMARY.values())


@pytest.mark.parametrize("group", [FELLOWS, MENTORS])
def test_fellows_and_mentors_cannot_write_a_summary(client, theme, group):
    client = signed_in(client, group)

    assert client.get(edit_url(theme)).status_code in (302, 403)
    client.post(edit_url(theme), {"name": "Belonging", "slug": "belonging", **SUMMARY})

    theme.refresh_from_db()
    assert (theme.what_we_know, theme.what_to_try, theme.gaps) == ("", "", "")


def test_merging_keeps_the_summary_where_the_target_has_none(theme):
    Theme.objects.filter(pk=theme.pk).update(**SUMMARY)
    theme.refresh_from_db()
    target = ThemeFactory(name="Connection", slug="connection", gaps="Its own gaps.")

    theme.merge_into(target)

    target.refresh_from_db()
    assert target.what_we_know == SUMMARY["what_we_know"]
    assert target.what_to_try == SUMMARY["what_to_try"]
    assert target.gaps == "Its own gaps."
