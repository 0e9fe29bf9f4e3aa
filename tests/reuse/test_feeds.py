"""Atom feeds of new findings carry live, public findings only, with every text escaped."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import ThemeFactory
from tests.reuse.conftest import SCRIPT

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def titles(client, url):
    return [entry.find(f"{ATOM}title").text for entry in entries(client, url)]


def test_findings_feed_lists_findings_of_live_projects(client, project):
    found = entries(client, "/feeds/findings/")

    assert [e.find(f"{ATOM}title").text for e in found] == [
        "Warm letters reduced missed appointments.",
        "Staff liked writing them.",
    ]
    first = project.findings.get(headline="Warm letters reduced missed appointments.")
    assert found[0].find(f"{ATOM}link").get("href").endswith(first.get_permalink())
    assert found[0].find(f"{ATOM}author/{ATOM}name").text == "Asha Patel"


def test_drafts_private_projects_and_unpublished_changes_stay_out(
    client, project_with_draft_changes, draft_project, private_project
):
    body = client.get("/feeds/findings/").content.decode()
    theme_body = client.get("/feeds/themes/belonging/").content.decode()

    for text in (body, theme_body):
        assert "Warm letters reduced missed appointments." in text
        for secret in ("DRAFT-", "PRIVATE-", "UNPUBLISHED-", "MENTOR-ONLY"):
            assert secret not in text


def test_theme_feed_has_findings_tagged_directly_or_through_their_project(client, project):
    other = ThemeFactory(name="Schools", slug="schools")
    finding = project.findings.get(headline="Staff liked writing them.")
    finding.themes.add(other)
    finding.save()

    assert titles(client, "/feeds/themes/schools/") == ["Staff liked writing them."]
    assert len(titles(client, "/feeds/themes/belonging/")) == 2


def test_unknown_theme_feed_is_404(client, project):
    assert client.get("/feeds/themes/no-such-theme/").status_code == 404


def test_theme_used_only_by_a_draft_has_no_feed(client, draft_project):
    secret = ThemeFactory(name="Secret", slug="secret")
    draft_project.themes.add(secret)
    draft_project.save()

    assert client.get("/feeds/themes/secret/").status_code == 404


def test_markup_in_findings_is_escaped_in_the_feed(client, hostile_project):
    (entry,) = entries(client, "/feeds/findings/")

    # Titles are plain text in Atom: the reader sees the characters as typed.
    assert entry.find(f"{ATOM}title").text == f"Headline {SCRIPT}"
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # The summary is HTML once unwrapped from XML: fellow-written markup must still be escaped.
    assert "<script>" not in summary.text
    assert "&lt;script&gt;" in summary.text
    assert "Detail &lt;script&gt;" in summary.text


def test_no_email_address_appears_in_feeds(client, project, hostile_project):
    for url in ("/feeds/findings/", "/feeds/themes/belonging/"):
        assert "@" not in client.get(url).content.decode()


def test_a_content_note_comes_before_the_findings_text_in_both_feeds(client, project, theme):
    project.content_note = "Discusses childhood neglect."
    project.findings.update(detail="What the carers said.")
    project.save_revision().publish()

    for url in ("/feeds/findings/", f"/feeds/themes/{theme.slug}/"):
        summary = entries(client, url)[0].find(f"{ATOM}summary").text
        note = summary.index("<strong>Content note:</strong> Discusses childhood neglect.")
        assert note < summary.index("What the carers said.")
