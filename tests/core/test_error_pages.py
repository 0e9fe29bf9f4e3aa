"""Error pages explain in plain words and keep the site's layout."""

from django.test import Client


def test_a_request_too_big_to_read_gets_a_page_that_explains(home):
    client = Client(raise_request_exception=False)
    query = "&".join(f"theme=t{i}" for i in range(10_050))
    response = client.get(f"/search/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your request could not be read" in html
    assert "Skip to main content" in html


def test_an_unknown_address_gets_the_helpful_404(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Search projects and findings" in response.content.decode()
