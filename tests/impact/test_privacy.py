"""Nothing of a follow-up reaches the public until the programme team reviews it and ticks the part.

Every public way out of the site is read: the project and finding pages, the search page and API,
Wagtail's API, the feeds, the sitemap and "Our impact" with its downloads.
"""

import re

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from impact import figures
from impact.models import FollowUpStatus, PublishedFigure
from tests.impact.conftest import KEPT_BACK, SHOWN, UNREVIEWED, answered


def sitemap_urls(client):
    """The sitemap index and every section it lists (paths only)."""
    urls, queue = [], ["/sitemap.xml"]
    while queue:
        url = queue.pop()
        urls.append(url)
        body = client.get(url).content.decode()
        for loc in re.findall(r"<loc>([^<]+)</loc>", body):
            path = re.sub(r"^https?://[^/]+", "", loc)
            if "sitemap" in path and path not in urls:
                queue.append(path)
    return urls


def public_urls(client, project):
    finding = project.findings.first()
    for figure in figures.PUBLISHABLE:
        PublishedFigure.objects.get_or_create(figure=figure)
    return [
        project.url,
        finding.get_permalink(),
        "/",
        "/search/?q=ward",
        "/search/?q=UNREVIEWED",
        "/api/search/?q=ward",
        "/api/search/?q=partner",
        f"/api/v2/pages/{project.pk}/",
        "/api/v2/pages/?type=projects.ProjectPage&fields=*",
        "/api/v2/pages/?search=ward",
        "/feeds/findings/",
        "/our-impact/",
        *[reverse("our_impact_csv", args=[slug]) for slug in figures.PUBLISHABLE],
        *sitemap_urls(client),
    ]


def test_unreviewed_answers_and_unticked_parts_reach_no_public_page(
    client, completed, unreviewed, reviewed
):
    for url in public_urls(client, completed):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert UNREVIEWED not in body, url
        assert KEPT_BACK not in body, url
    # The control: the reviewed, ticked part is on the project page, so the test can fail.
    page = client.get(completed.url).content.decode()
    assert "What happened next" in page
    assert SHOWN in page


def test_a_reviewed_answer_shows_only_its_ticked_parts_dated(client, completed, reviewed):
    page = client.get(completed.url).content.decode()
    assert SHOWN in page
    assert KEPT_BACK not in page
    assert f'datetime="{reviewed.answered_at:%Y-%m-%d}"' in page
    assert "12 months on" in page


def test_a_reviewed_answer_with_nothing_ticked_shows_no_section(client, completed, fellow):
    answered(completed, fellow, 24, status=FollowUpStatus.REVIEWED, practice_change="Hidden")
    page = client.get(completed.url).content.decode()
    assert "What happened next" not in page
    assert "Hidden" not in page


def test_reviewing_is_what_publishes_a_ticked_part(client, completed, unreviewed):
    assert UNREVIEWED not in client.get(completed.url).content.decode()
    unreviewed.status = FollowUpStatus.REVIEWED
    unreviewed.save()
    assert UNREVIEWED in client.get(completed.url).content.decode()


def test_follow_ups_of_a_private_project_are_not_public(client, completed, reviewed):
    PageViewRestriction.objects.create(page=completed, restriction_type=PageViewRestriction.LOGIN)
    assert SHOWN not in client.get(completed.url).content.decode()
    from impact.models import FollowUp

    assert not FollowUp.objects.public().exists()


def test_follow_ups_of_an_unpublished_project_are_not_public(completed, reviewed):
    from impact.models import FollowUp

    completed.unpublish()
    assert not FollowUp.objects.public().exists()


@pytest.mark.parametrize("public, expected", [(True, 1), (False, 2)])
def test_outcomes_count_only_reviewed_public_parts_on_our_impact(
    completed, unreviewed, reviewed, public, expected
):
    figure = figures.outcomes_by_kind(public=public)
    assert dict(figure.rows)["Changes to practice"] == expected


def test_the_answer_form_is_not_in_the_sitemap(client, completed, unreviewed):
    for url in sitemap_urls(client):
        assert "/follow-up/" not in client.get(url).content.decode()
