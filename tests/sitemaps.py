"""Reading the site's sitemap in tests: every address it lists, through its index."""

from benchmarks.load.scenario import sitemap_addresses


def sitemap_urls(client):
    """Every address in the sitemap, each of its files fetched with the test client."""

    def fetch(path):
        response = client.get(path)
        assert response.status_code == 200, path
        return response.content

    return sitemap_addresses(fetch)
