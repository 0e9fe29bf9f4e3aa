"""Pages announce their Atom feeds so that feed readers find them."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_page_links_the_new_findings_feed(client, project):
    html = client.get("/").content.decode()
    assert 'type="application/atom+xml"' in html
    assert 'href="/feeds/findings/"' in html


def test_a_theme_page_links_its_own_feed(client, project):
    theme = project.themes.first()
    html = client.get(f"/themes/{theme.slug}/").content.decode()
    assert f'href="/feeds/themes/{theme.slug}/"' in html
