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
from tests.sitemaps import sitemap_urls as read_sitemap


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


def sitemap_addresses(client):
    """Every address the sitemap lists, absolute."""
    return read_sitemap(client)


def public_urls(client, project, publish=True):
    finding = project.findings.first()
    if publish:
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
        *[
            reverse("our_impact_csv", args=[slug])
            for slug in figures.PUBLISHABLE
            if publish or PublishedFigure.objects.filter(figure=slug).exists()
        ],
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


# "Our impact": in the sitemap only while it shows a figure; unpublished figures nowhere public.


def test_our_impact_is_in_the_sitemap_only_while_it_shows_a_figure(client, completed):
    assert not any("/our-impact/" in url for url in sitemap_addresses(client))
    PublishedFigure.objects.create(figure="findings-by-cohort")
    assert "http://localhost/our-impact/" in sitemap_addresses(client)
    PublishedFigure.objects.all().delete()
    assert not any("/our-impact/" in url for url in sitemap_addresses(client))


def test_a_figure_the_team_has_not_published_reaches_no_public_page(client, completed, reviewed):
    from impact.models import UnmetSearch
    from reuse.models import CitationDownloads

    UnmetSearch.objects.create(query="unmet-secret-words", month="2026-01-01", count=9)
    CitationDownloads.objects.create(month="2026-01-01", cited="project", format="ris", count=7)
    PublishedFigure.objects.create(figure="findings-by-cohort")
    hidden = [slug for slug in figures.BUILDERS if slug != "findings-by-cohort"]
    page = client.get(reverse("our_impact")).content.decode()
    assert 'id="findings-by-cohort"' in page  # the control
    for slug in hidden:
        assert f'id="{slug}"' not in page, slug
        assert figures.BUILDERS[slug](False).title not in page, slug
        assert client.get(f"/our-impact/{slug}.csv").status_code == 404, slug
    for url in public_urls(client, completed, publish=False):
        body = client.get(url).content.decode()
        assert "unmet-secret-words" not in body, url
        assert "Citations downloaded" not in body, url


def test_searches_that_found_nothing_cannot_be_published_even_by_a_forged_form(
    programme_team_client, client, db
):
    programme_team_client.post(reverse("impact_publish"), {"figure": ["unmet-searches"]})
    assert not PublishedFigure.objects.exists()
    assert client.get("/our-impact/unmet-searches.csv").status_code == 404
