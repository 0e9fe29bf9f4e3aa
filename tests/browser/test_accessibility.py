"""Every public page type, with the demo content, has no WCAG 2.2 A or AA violation that axe finds."""

import re

import pytest

from tests.browser.axe import describe, run_axe

pytestmark = pytest.mark.browser

ZERO_TOLERANCE = "/cohorts/class-of-2023/can-zero-tolerance-be-trauma-aware/"

# (name for the screenshot, address, expected status)
PAGES = [
    ("home", "/", 200),
    ("cohort-index", "/cohorts/", 200),
    ("cohort", "/cohorts/class-of-2023/", 200),
    ("project", "/cohorts/class-of-2023/trauma-informed-communications/", 200),
    ("project-content-note", ZERO_TOLERANCE, 200),
    ("project-content-note-continued", f"{ZERO_TOLERANCE}?continue=1", 200),
    ("fellow", "/fellows/hannah-greenwood/", 200),
    ("theme-index", "/themes/", 200),
    ("theme", "/themes/zero-tolerance/", 200),
    ("event-index", "/knowledge-exchange/", 200),
    ("event", "/knowledge-exchange/4th-atr-knowledge-exchange/", 200),
    ("search-results", "/search/?q=letters", 200),
    ("search-filtered", "/search/?theme=zero-tolerance&evidence=focus_groups", 200),
    ("search-no-results", "/search/?q=xylophone", 200),
    ("not-found", "/no-such-page/", 404),
    ("finding-not-found", f"{ZERO_TOLERANCE}findings/nosuchkey/", 404),
]


def check(page, artifacts, name):
    page.screenshot(path=artifacts / f"axe-{name}.png", full_page=True)
    violations = run_axe(page)
    assert not violations, f"axe found problems on {page.url}:\n{describe(violations)}"


@pytest.mark.parametrize("name,address,status", PAGES, ids=[name for name, _, _ in PAGES])
def test_page_has_no_accessibility_violations(page, artifacts, name, address, status):
    response = page.goto(address)
    assert response.status == status
    assert page.locator("h1").count() == 1
    check(page, artifacts, name)


@pytest.mark.parametrize("continued", [False, True], ids=["content-note", "continued"])
def test_finding_page_has_no_accessibility_violations(page, artifacts, continued):
    page.goto(f"{ZERO_TOLERANCE}?continue=1")
    permalink = page.locator(".findings .finding h3 a").first.get_attribute("href")
    assert re.fullmatch(rf"{ZERO_TOLERANCE}findings/[0-9a-f]+/", permalink)
    response = page.goto(f"{permalink}?continue=1" if continued else permalink)
    assert response.status == 200
    check(page, artifacts, "finding-continued" if continued else "finding-content-note")
