"""What the load scenario's practitioners ask for: which addresses, how often, with what searches.

Plain Python with no locust import, so that the test suite can check every address it produces
against the demo content with Django's test client. The addresses come from the site itself (its
sitemap and the search API's facets), so the same scenario runs on the demo content or on a larger
synthetic site.

The mix imitates people arriving after a Knowledge Exchange: they land on the home page, open
cohorts, projects and findings, follow themes, and search, mostly with a few words and sometimes
with a filter or two. A few read the feed or the API.
"""

import random
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

SITEMAP_PATH = "/sitemap.xml"
# The search API with no query answers every facet with its options: themes, cohorts, years,
# places, evidence types, confidence levels and statuses as the site knows them.
FACETS_PATH = "/api/search/"
FACET_NAMES = ("theme", "cohort", "year", "place", "evidence", "confidence", "status")
SITEMAP_NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Wagtail's API answers a find with a redirect to the page's detail, which clients follow.
REDIRECTING_PATHS = ("/api/v2/pages/find/",)

# What practitioners type: topics, places, professions, a synonym ("ACEs"), an American spelling,
# a misspelling and a subject the site does not cover.
QUERIES = (
    "trauma informed",
    "trauma informed letters",
    "zero tolerance",
    "belonging",
    "belonging at school",
    "self-harm",
    "domestic abuse",
    "peer mentors",
    "vicarious trauma",
    "staff wellbeing",
    "police custody",
    "health visitors",
    "ACEs",
    "adverse childhood experiences",
    "behavior in schools",
    "youth workers Bradford",
    "rent arrears",
    "co-production",
    "lived experience",
    "children missing from home",
    "rupture and repair",
    "fire safety visits",
    "general practice",
    "family hubs Leeds",
    "probation",
    "truama",
    "dementia care homes",
)

# How often each kind of request comes up, per 100 requests. Search is about a third of them.
WEIGHTS = {
    "home": 10,
    "cohort": 6,
    "project": 18,
    "finding": 6,
    "fellow": 3,
    "themes": 3,
    "theme": 8,
    "event": 2,
    "search": 26,
    "api search": 10,
    "feed": 3,
    "api v2": 5,
}


@dataclass
class Catalogue:
    """The public addresses and search facet values of the site under load."""

    home: str = "/"
    cohorts: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    fellows: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    facets: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_site(cls, addresses, search_api):
        """Sort the sitemap's addresses by kind and keep the facet values of the search API."""
        catalogue = cls()
        for address in addresses:
            path = urlsplit(address).path
            kind = classify(path)
            if kind is not None:
                getattr(catalogue, kind).append(path)
        catalogue.facets = {
            name: [str(option["value"]) for option in search_api.get("facets", {}).get(name, [])]
            for name in FACET_NAMES
        }
        missing = [
            kind for kind in ("cohorts", "projects", "themes") if not getattr(catalogue, kind)
        ]
        if missing:
            raise ValueError(
                f"The site has no public {', '.join(missing)}: seed it before running the scenario."
            )
        return catalogue

    @property
    def theme_slugs(self):
        return [path.rstrip("/").rsplit("/", 1)[-1] for path in self.themes]


def sitemap_addresses(fetch):
    """Every address the site's sitemap lists, through its index of sections and their pages.

    ``fetch(path)`` returns the bytes at a path of the site (with its query string, ``?p=2``).
    """
    addresses, pending = [], [SITEMAP_PATH]
    while pending:
        root = ElementTree.fromstring(fetch(pending.pop(0)))
        is_index = root.tag == f"{SITEMAP_NAMESPACE}sitemapindex"
        for location in root.iter(f"{SITEMAP_NAMESPACE}loc"):
            address = location.text.strip()
            if is_index:
                parts = urlsplit(address)
                pending.append(parts.path + (f"?{parts.query}" if parts.query else ""))
            else:
                addresses.append(address)
    return addresses


PATTERNS = (
    (re.compile(r"^/cohorts/[^/]+/[^/]+/findings/[^/]+/$"), "findings"),
    (re.compile(r"^/cohorts/[^/]+/[^/]+/$"), "projects"),
    (re.compile(r"^/cohorts/[^/]+/$"), "cohorts"),
    (re.compile(r"^/themes/[^/]+/$"), "themes"),
    (re.compile(r"^/fellows/[^/]+/$"), "fellows"),
    (re.compile(r"^/knowledge-exchange/[^/]+/$"), "events"),
)


def classify(path):
    """The catalogue list a sitemap path belongs to, or None for pages the scenario leaves out."""
    for pattern, kind in PATTERNS:
        if pattern.match(path):
            return kind
    return None


class Scenario:
    """Draws the next request of a practitioner: ``(name, path)``, where the name groups requests
    of one kind in the figures."""

    def __init__(self, catalogue, rng=None):
        self.catalogue = catalogue
        self.rng = rng or random.Random()
        self.kinds = [kind for kind in WEIGHTS if self._available(kind)]
        self.weights = [WEIGHTS[kind] for kind in self.kinds]

    def _available(self, kind):
        lists = {
            "cohort": self.catalogue.cohorts,
            "project": self.catalogue.projects,
            "finding": self.catalogue.findings,
            "fellow": self.catalogue.fellows,
            "theme": self.catalogue.themes,
            "event": self.catalogue.events,
        }
        return bool(lists.get(kind, True))

    def next_request(self):
        kind = self.rng.choices(self.kinds, self.weights)[0]
        return kind, getattr(self, "_" + kind.replace(" ", "_"))()

    def _home(self):
        return self.catalogue.home

    def _cohort(self):
        # The cohort index is one of the cohort pages people open.
        return self.rng.choice(["/cohorts/", *self.catalogue.cohorts])

    def _project(self):
        return self.rng.choice(self.catalogue.projects)

    def _finding(self):
        return self.rng.choice(self.catalogue.findings)

    def _fellow(self):
        return self.rng.choice(self.catalogue.fellows)

    def _themes(self):
        return "/themes/"

    def _theme(self):
        return self.rng.choice(self.catalogue.themes)

    def _event(self):
        return self.rng.choice(["/knowledge-exchange/", *self.catalogue.events])

    def _search(self):
        return "/search/?" + urlencode(self.search_parameters(), doseq=True)

    def _api_search(self):
        return "/api/search/?" + urlencode(self.search_parameters(), doseq=True)

    def _feed(self):
        if self.rng.random() < 0.5:
            return "/feeds/findings/"
        return f"/feeds/themes/{self.rng.choice(self.catalogue.theme_slugs)}/"

    def _api_v2(self):
        if self.rng.random() < 0.5:
            return "/api/v2/pages/?type=projects.ProjectPage&fields=summary&limit=20"
        return "/api/v2/pages/find/?" + urlencode({"html_path": self._project()})

    def search_parameters(self):
        """A search as people make them: mostly words alone, sometimes with filters or by facet."""
        roll = self.rng.random()
        parameters = {}
        if roll < 0.85:
            parameters["q"] = self.rng.choice(QUERIES)
        if roll >= 0.5:
            # A quarter add one filter, a tenth two, and the rest browse by filters alone.
            count = 2 if 0.75 <= roll < 0.85 else 1
            for name in self.rng.sample(self._filterable(), min(count, len(self._filterable()))):
                parameters[name] = self.rng.choice(self.catalogue.facets[name])
        if self.rng.random() < 0.1:
            parameters["sort"] = "newest"
        return parameters

    def _filterable(self):
        return [name for name in FACET_NAMES if self.catalogue.facets.get(name)]

    def every_request(self):
        """One address of each shape the scenario can produce: every page type, every query,
        every filter, each feed and API call, for checking them all without a load run."""
        catalogue = self.catalogue
        paths = [("home", catalogue.home), ("cohort", "/cohorts/"), ("themes", "/themes/")]
        paths += [("event", "/knowledge-exchange/")]
        for kind, items in (
            ("cohort", catalogue.cohorts),
            ("project", catalogue.projects),
            ("finding", catalogue.findings),
            ("fellow", catalogue.fellows),
            ("theme", catalogue.themes),
            ("event", catalogue.events),
        ):
            paths += [(kind, path) for path in items[:1]]
        paths += [("search", "/search/?" + urlencode({"q": query})) for query in QUERIES]
        for name in self._filterable():
            query = urlencode({"q": QUERIES[0], name: catalogue.facets[name][0]})
            paths += [("search", f"/search/?{query}"), ("api search", f"/api/search/?{query}")]
        theme = urlencode({"theme": catalogue.theme_slugs[0], "sort": "newest"})
        paths += [("search", f"/search/?{theme}"), ("api search", f"/api/search/?{theme}")]
        paths += [
            ("feed", "/feeds/findings/"),
            ("feed", f"/feeds/themes/{catalogue.theme_slugs[0]}/"),
        ]
        paths += [
            ("api v2", "/api/v2/pages/?type=projects.ProjectPage&fields=summary&limit=20"),
            ("api v2", "/api/v2/pages/find/?" + urlencode({"html_path": catalogue.projects[0]})),
        ]
        return paths


def main(argv=None):
    """Print the addresses of a running site's sitemap, one a line: ``scenario.py HOST``.

    The run script saves them before the measurement starts, so that reading a large sitemap is
    not part of it. Requests say they came through HTTPS, as the site's proxy would.
    """
    import sys
    import urllib.request

    host = (argv if argv is not None else sys.argv[1:])[0].rstrip("/")

    def fetch(path):
        request = urllib.request.Request(host + path, headers={"X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.read()

    for address in sitemap_addresses(fetch):
        print(address)


if __name__ == "__main__":
    main()
