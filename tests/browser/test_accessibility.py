"""Every public page type, with the demo content, has no WCAG 2.2 A or AA violation that axe finds."""

import re

import pytest

from tests.browser.axe import describe, run_axe
from tests.browser.pages import PAGES, ZERO_TOLERANCE

pytestmark = pytest.mark.browser


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
    # A new visit, so that the finding asks again: continuing is remembered for one visit.
    page.context.clear_cookies()
    response = page.goto(f"{permalink}?continue=1" if continued else permalink)
    assert response.status == 200
    check(page, artifacts, "finding-continued" if continued else "finding-content-note")
