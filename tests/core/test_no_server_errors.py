"""No address of the site answers with a 5xx, whatever is put in it.

Every URL pattern is read from the resolver, each of its parts filled with hostile values (huge and
negative numbers, very long slugs, NUL characters), and fetched with malformed query strings: by an
anonymous visitor, and for the admin by a signed-in member of the programme team.
"""

from django.contrib.auth.models import Group
from django.test import Client

import pytest

from tests.factories import UserFactory
from tests.urlwalk import every_route

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
LONG = "a" * 3000
NUL = "a%00b"

# Values for each kind of placeholder, one set per case.
PATH_CASES = {
    "huge-number": {"int": HUGE, "slug": HUGE, "str": HUGE, "path": HUGE, "uuid": HUGE},
    "negative": {"int": "-1", "slug": "-1", "str": "-1", "path": "-1", "uuid": "-1"},
    "long": {"int": "1" * 400, "slug": LONG, "str": LONG, "path": f"{LONG}/{LONG}", "uuid": LONG},
    "nul": {"int": "1%00", "slug": NUL, "str": NUL, "path": f"{NUL}/", "uuid": NUL},
}
# One query string with every parameter the site's views and Wagtail's read, all of them wrong.
EVERYTHING_WRONG = (
    f"page={HUGE}&p=-1&offset={HUGE}&limit={HUGE}&id={HUGE}&child_of=-1&descendant_of={HUGE}"
    f"&q=%22x&search=%22x&search_operator=%00&order=%00&fields=%22&type=a.b&theme={LONG}"
    f"&cohort={HUGE}&year={HUGE}&place=%00&sort=-&status=%FF&ordering=%00&export=csv"
)
QUERIES = [
    f"offset={HUGE}",
    "offset=-1",
    f"limit={HUGE}",
    f"id={HUGE}",
    f"child_of={HUGE}",
    f"descendant_of={HUGE}",
    "search=%22x",
    "search=%00",
    "search=AND",
    "search=(",
    "search=a%22b%22c%22",
    f"search={LONG}",
    "search_operator=xor&search=x",
    "order=%00",
    "type=nonsense",
    "fields=%00",
    "q=%22x",
    "q=%00",
    f"q={LONG}",
    f"page={HUGE}",
    "page=-1",
    f"p={HUGE}",
    "p=-1",
    "theme=%00",
    f"theme={LONG}",
    f"year={HUGE}",
    "year=-1",
    f"cohort={HUGE}",
    "sort=%00",
    "%FF=%FE",
    "q=x&q=y&page=1&page=2",
]
PUBLIC_ENDPOINTS = [
    "/",
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/v2/pages/find/",
    "/api/search/",
    "/search/",
    "/themes/",
    "/feeds/findings/",
    "/sitemap.xml",
    "/sitemap-findings.xml",
]
# Wagtail's page for trying out the 500 page: it fails on purpose, whatever it is sent.
ON_PURPOSE = {"admin/failwhale/"}
ROUTES = [route for route in every_route() if route.text not in ON_PURPOSE]


def is_admin(route):
    return route.text.startswith("admin/")


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.fixture
def programme_team(home):
    user = UserFactory(username="team")
    user.groups.add(Group.objects.get(name="Programme team"))
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def server_errors(client, addresses):
    failures = []
    for address in addresses:
        response = client.get(address)
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {address[:200]}")
    return failures


def addresses_for(route):
    if route.kinds:
        filled = [route.fill(values) for values in PATH_CASES.values()]
    else:
        filled = [route.fill({})]
    return filled + [f"{filled[0]}?{EVERYTHING_WRONG}"]


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.text[:80])
def test_no_address_answers_a_server_error_to_hostile_input(route, anonymous, programme_team):
    addresses = addresses_for(route)
    failures = server_errors(anonymous, addresses)
    if is_admin(route):
        failures += server_errors(programme_team, addresses)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("endpoint", PUBLIC_ENDPOINTS)
def test_public_endpoints_answer_every_malformed_query_without_a_server_error(
    endpoint, anonymous, home
):
    failures = server_errors(anonymous, [f"{endpoint}?{query}" for query in QUERIES])
    assert not failures, "\n".join(failures)


def test_the_walk_covers_public_admin_and_api_addresses():
    texts = {route.text for route in ROUTES}
    assert "cite/<int:page_id>/<str:citation_format>/" in texts
    assert "admin/pages/<int:page_id>/edit/" in texts
    assert "api/v2/pages/" in texts
    assert len(ROUTES) > 200
