"""A shared draft shows that draft only, and goes nowhere the public looks."""

import pytest

from sharing import links
from tests.factories import FindingFactory

SECRET_TITLE = "Quietly unpublished neighbour"


@pytest.fixture
def neighbour(people):
    """Another fellow's draft in the same cohort, which no link shares."""
    return people.project(
        title=SECRET_TITLE,
        slug="neighbour",
        fellows=[people.same_cohort],
        summary="Nobody has shared this.",
    )


def test_shared_preview_shows_no_other_draft_no_private_notes_and_no_emails(
    client, people, project, neighbour, shared
):
    link, url = shared
    html = client.get(url + "?continue=1").content.decode()
    assert SECRET_TITLE not in html
    assert "Private: ask Ada about the second school." not in html
    for user in people.users.values():
        if user is not None:
            assert user.email not in html
    assert people.mentor.name not in html


def test_shared_preview_is_never_indexed(client, shared):
    link, url = shared
    for response in (client.get(url), client.get("/share/stale-or-wrong/")):
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
        assert response["Referrer-Policy"] == "same-origin"


def test_robots_txt_asks_crawlers_to_keep_out_of_shared_drafts(client, db):
    assert "Disallow: /share/" in client.get("/robots.txt").content.decode()


def test_shared_drafts_reach_no_search_feed_api_or_sitemap(client, people, project, shared):
    link, url = shared
    FindingFactory(page=project, headline="Shared-only finding about letters home.")
    project.save_revision(user=people.users["listed_fellow"])
    link, token = links.create(project, people.users["listed_fellow"], 14)
    client.get(f"/share/{token}/")
    client.post(f"/share/{token}/", {"text": "Looks good."})
    project.refresh_from_db()
    assert not project.live
    public = [
        "/search/?q=exclusion",
        "/api/search/?q=exclusion",
        "/feeds/findings/",
        "/api/v2/pages/?type=projects.ProjectPage&fields=summary",
        "/sitemap-pages.xml",
        "/sitemap-findings.xml",
    ]
    for address in public:
        body = client.get(address).content.decode()
        assert "How schools write to families about exclusion." not in body, address
        assert "Letters that do no harm" not in body, address
        assert "Shared-only finding" not in body, address
        assert token not in body, address


def test_a_link_never_opens_another_project_even_by_its_address(client, neighbour, shared):
    link, url = shared
    # Only /share/<token>/ exists: there is no way to reach another page from a token.
    response = client.get(url + "findings/anything/")
    assert response.status_code == 404
    assert SECRET_TITLE not in response.content.decode()
