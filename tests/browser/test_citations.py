"""Citing and sharing in Chromium: a finding's "Copy link" copies its permanent address (and is a
plain link without JavaScript), and a theme page opens with the programme team's summary."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import describe, run_axe
from tests.browser.pages import ZERO_TOLERANCE

pytestmark = pytest.mark.browser


def first_finding_address(tab):
    tab.goto(f"{ZERO_TOLERANCE}?continue=1")
    return tab.locator(".findings .finding h3 a").first.get_attribute("href")


def no_axe_violations(tab):
    violations = run_axe(tab)
    assert not violations, f"axe found problems on {tab.url}:\n{describe(violations)}"


def test_copy_link_copies_the_findings_permanent_address(browser, live_site, artifacts):
    context = browser.new_context(
        base_url=live_site, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_site)
    try:
        tab = context.new_page()
        tab.goto(f"{first_finding_address(tab)}?continue=1")
        headline = tab.locator("h1").inner_text()
        section = tab.locator("section.how-to-cite")
        expect(section.get_by_role("heading", name="Share and cite this finding")).to_be_visible()
        permanent = rf"{re.escape(live_site)}/findings/\d+/"
        expect(section.locator(".citation")).to_contain_text(re.compile(r"\(20\d\d\)\. "))
        expect(section.locator(".citation")).to_contain_text(re.compile(permanent))
        no_axe_violations(tab)

        section.get_by_role("link", name="Copy link").click()

        expect(section.get_by_role("status")).to_have_text("Link copied.")
        copied = tab.evaluate("navigator.clipboard.readText()")
        assert re.fullmatch(permanent, copied)
        tab.screenshot(path=artifacts / "cite-finding-citation.png", full_page=True)
        tab.goto(copied)
        expect(tab.locator("h1")).to_have_text(headline)
    finally:
        context.close()


def test_copy_link_without_javascript_is_a_link_to_the_permanent_address(
    browser, live_site, artifacts
):
    context = browser.new_context(
        base_url=live_site, viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    try:
        tab = context.new_page()
        tab.goto(f"{first_finding_address(tab)}?continue=1")
        headline = tab.locator("h1").inner_text()

        tab.get_by_role("link", name="Copy link").click()

        expect(tab).to_have_url(re.compile(r"/findings/[0-9a-f]+/$"))
        expect(tab.locator("h1")).to_have_text(headline)
    finally:
        context.close()


def test_theme_page_opens_with_the_programme_teams_summary(page, artifacts):
    page.goto("/themes/belonging/")

    summary = page.locator("section.theme-summary")
    expect(summary.get_by_role("heading", name="What we know")).to_be_visible()
    expect(summary.get_by_role("heading", name="What to try")).to_be_visible()
    expect(summary.get_by_role("heading", name="Gaps")).to_be_visible()
    assert summary.bounding_box()["y"] < page.locator("#findings-heading").bounding_box()["y"]
    page.screenshot(path=artifacts / "cite-theme-summary.png", full_page=True)
    no_axe_violations(page)
