"""Personal data and unpublished text never reach the public: a crawl of the demo site.

The demo is seeded, then given text that must stay private: a draft (with a new finding) on a
live project, a password-protected project, a project never published, mentor notes on a
published project and a report of a finding's use. Every public address reachable from the home
page, the sitemap, the feeds, the API and search is then fetched, and none may show an email
address or any of that text.
"""

import json
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from wagtail.models import PageViewRestriction, Site

import pytest

from cohorts.models import CohortPage, Fellow, Mentor
from core.vocabularies import Confidence, EvidenceType
from projects.models import Finding, ProjectPage
from reuse.models import FindingUse, ModerationStatus

MAX_URLS = 500
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# The site publishes no contact address; one the programme chooses to publish goes here.
ALLOWED_EMAILS = set()
SAME_HOSTS = {"", "testserver", "localhost", "127.0.0.1", "127.0.0.1:8000"}
# Not pages: the admin (sign-in only), asset files and document downloads.
SKIPPED_PREFIXES = ("/admin", "/static/", "/media/", "/documents/")
LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"'#]+)""")
XML_LOCATION = re.compile(r"<(?:loc|id|link)>\s*([^<\s]+)\s*</")

DRAFT_SUMMARY = "Quokka-draft-summary-5e1 not yet published"
DRAFT_FINDING = "Quokka-draft-finding-7c2 added in a draft"
PRIVATE_TEXT = "Quokka-private-page-3a9 behind a password"
NEVER_PUBLISHED = "Quokka-never-published-8d4 saved but not published"
MENTOR_NOTE = "Quokka-mentor-note-2b6 about the fellow"
USE_REPORT = "Quokka-use-report-9f0 from a school nurse"
GUESSED_SLUGS = ["private-project", "never-published"]
MARKERS = [DRAFT_SUMMARY, DRAFT_FINDING, PRIVATE_TEXT, NEVER_PUBLISHED, MENTOR_NOTE, USE_REPORT]


def add_private_text():
    live = ProjectPage.objects.live().public().order_by("pk")
    cohort = CohortPage.objects.live().first()

    # A draft on a live project, with a finding that only the draft has.
    drafted = live[0].get_latest_revision_as_object()
    drafted.summary = DRAFT_SUMMARY
    drafted.findings.add(
        Finding(
            headline=DRAFT_FINDING,
            detail=DRAFT_FINDING,
            evidence_type=EvidenceType.INTERVIEWS,
            confidence=Confidence.EMERGING,
        )
    )
    drafted.save_revision()

    # Mentor notes published with a live project.
    noted = live[1].get_latest_revision_as_object()
    noted.mentor_notes = MENTOR_NOTE
    noted.save_revision().publish()

    # A published project that only people with the password may read.
    private = cohort.add_child(
        instance=ProjectPage(
            title=PRIVATE_TEXT, slug="private-project", summary=PRIVATE_TEXT, live=True
        )
    )
    private.save_revision().publish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )

    # A project saved but never published.
    draft_only = cohort.add_child(
        instance=ProjectPage(
            title=NEVER_PUBLISHED, slug="never-published", summary=NEVER_PUBLISHED, live=False
        )
    )
    draft_only.save_revision()

    # A practitioner's report, approved so that it is counted, whose words stay private.
    finding = Finding.objects.filter(page=live[2]).first()
    FindingUse.objects.create(
        finding=finding,
        who=USE_REPORT,
        organisation_type="school",
        how_used=USE_REPORT,
        status=ModerationStatus.APPROVED,
    )


def links_in(response, text):
    content_type = response.get("Content-Type", "")
    if "json" in content_type:
        found = []

        def walk(value):
            if isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, str) and value.startswith(("http://", "https://", "/")):
                found.append(value)

        walk(json.loads(text))
        return found
    if "xml" in content_type:
        return XML_LOCATION.findall(text) + LINK.findall(text)
    if "html" in content_type:
        return LINK.findall(text)
    return []


def local_address(base, link):
    parts = urlsplit(urljoin(base, link.replace("&amp;", "&")))
    if parts.scheme not in ("", "http", "https") or parts.netloc not in SAME_HOSTS:
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def api_listings(client):
    """Every page of each API listing, by offset, with all fields."""
    addresses = []
    for endpoint in ("pages", "images", "documents"):
        total = client.get(f"/api/v2/{endpoint}/").json()["meta"]["total_count"]
        for offset in range(0, total, 20):
            addresses.append(f"/api/v2/{endpoint}/?offset={offset}&fields=*")
    return addresses


def crawl(client, start):
    seen, queue, fetched = set(start), deque(start), {}
    while queue:
        address = queue.popleft()
        response = client.get(address)
        content_type = response.get("Content-Type", "")
        text = (
            "" if content_type.startswith("image/") else response.content.decode(errors="replace")
        )
        fetched[address] = (response.status_code, text)
        for link in links_in(response, text) if response.status_code == 200 else []:
            local = local_address(f"http://testserver{address}", link)
            if local and local not in seen and len(seen) < MAX_URLS:
                seen.add(local)
                queue.append(local)
    return fetched


@pytest.fixture(scope="module")
def crawl_result(django_db_setup, django_db_blocker):
    """Seed and crawl once for the module (it takes seconds), then roll it all back."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", "--force", verbosity=0)
            add_private_text()
            client = Client()
            searches = [
                *(f"/search/?q={marker.split()[0]}" for marker in MARKERS),
                *(f"/api/search/?q={marker.split()[0]}" for marker in MARKERS),
                "/search/?q=school",
                "/api/search/?q=school",
                "/api/search/?q=trauma&page=2",
            ]
            # Addresses a visitor could guess: the private and unpublished pages themselves.
            guessed = [
                *(page.url for page in ProjectPage.objects.filter(slug__in=GUESSED_SLUGS)),
                *(
                    f"/api/v2/pages/{pk}/"
                    for pk in ProjectPage.objects.values_list("pk", flat=True)
                ),
            ]
            start = [
                "/",
                "/sitemap.xml",
                "/feeds/findings/",
                *api_listings(client),
                *searches,
                *guessed,
            ]
            yield crawl(client, start)
            transaction.set_rollback(True)
        # The rolled-back site would otherwise linger in Wagtail's cache for later tests.
        Site.clear_site_root_paths_cache()


@pytest.fixture
def crawled(crawl_result, db):
    return crawl_result


def private_emails():
    addresses = set(get_user_model().objects.exclude(email="").values_list("email", flat=True))
    addresses |= set(Fellow.objects.exclude(email="").values_list("email", flat=True))
    addresses |= set(Mentor.objects.values_list("email", flat=True))
    return {address.lower() for address in addresses}


def test_crawl_reaches_every_kind_of_public_address(crawled):
    paths = list(crawled)

    assert len(paths) >= 100
    for expected in ("/cohorts/", "/themes/", "/fellows/", "/knowledge-exchange/", "/feeds/"):
        assert any(path.startswith(expected) for path in paths), expected
    assert any(re.match(r"/api/v2/pages/\d+/$", path) for path in paths)
    assert any("/findings/" in path for path in paths)
    assert any(path.startswith("/cite/") for path in paths)
    assert all(status < 500 for status, _ in crawled.values())
    [private] = [text for path, (_, text) in crawled.items() if path.endswith("/private-project/")]
    assert "password" in private.lower()
    [unpublished] = [status for path, (status, _) in crawled.items() if "/never-published/" in path]
    assert unpublished == 404


def test_no_public_address_shows_an_email_address(crawled):
    emails = private_emails()
    assert len(emails) > 5  # the demo's fellows, mentors and accounts

    shown = {
        (path, match)
        for path, (_, text) in crawled.items()
        for match in EMAIL.findall(text)
        if match not in ALLOWED_EMAILS
    }
    assert shown == set()
    # Also in a form the pattern could miss, such as an address split by markup.
    leaked = {(path, e) for path, (_, text) in crawled.items() for e in emails if e in text.lower()}
    assert leaked == set()


def test_no_public_address_shows_drafts_private_pages_or_mentor_notes(crawled):
    leaked = {
        (path, marker)
        for path, (_, text) in crawled.items()
        for marker in MARKERS
        if marker in text
    }

    assert leaked == set()


def test_the_private_text_really_is_in_the_database(crawled):
    # Without this, a marker that failed to save would let the crawl pass for the wrong reason.
    project = ProjectPage.objects.live().public().order_by("pk").first()
    assert DRAFT_SUMMARY in str(project.get_latest_revision().content)
    assert DRAFT_FINDING in str(project.get_latest_revision().content)
    assert ProjectPage.objects.get(slug="private-project").live
    assert ProjectPage.objects.filter(mentor_notes=MENTOR_NOTE, live=True).exists()
    assert ProjectPage.objects.filter(title=NEVER_PUBLISHED, live=False).exists()
    assert FindingUse.objects.filter(how_used=USE_REPORT).exists()
