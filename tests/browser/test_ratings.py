"""Evidence ratings in Chromium: a finding's rating leads to its explanation, and the editor warns
a fellow about a rating that does not fit as they choose it, before they submit."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import ZERO_TOLERANCE

pytestmark = pytest.mark.browser

FELLOW = ("zara.iqbal@example.org", "demo-fellow")


def test_a_findings_rating_leads_to_what_it_means(page, artifacts):
    page.goto(f"{ZERO_TOLERANCE}?continue=1")
    permalink = page.locator(".findings .finding h3 a").first.get_attribute("href")
    page.goto(f"{permalink}?continue=1")
    rating = page.locator(".finding .rating").first
    expect(rating.locator("img.rating__icon")).to_have_attribute("alt", "")
    link = rating.get_by_role("link", name=re.compile(r"^(Emerging|Moderate|Strong) confidence$"))
    level = link.inner_text().split()[0].lower()
    page.screenshot(path=artifacts / "rating-finding-with-rating.png", full_page=True)

    link.click()

    expect(page).to_have_url(re.compile(rf"/how-to-read-a-finding/#confidence-{level}$"))
    expect(page.locator(f"#confidence-{level}")).to_be_in_viewport()
    page.screenshot(path=artifacts / "rating-key-from-a-finding.png")


def test_finding_rating_on_a_phone(browser, live_site, artifacts):
    context = browser.new_context(
        base_url=live_site, viewport={"width": 375, "height": 812}, locale="en-GB"
    )
    try:
        tab = context.new_page()
        tab.goto(f"{ZERO_TOLERANCE}?continue=1")
        rating = tab.locator(".findings .rating").first
        expect(rating).to_be_visible()
        box = rating.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
        rating.scroll_into_view_if_needed()
        tab.screenshot(path=artifacts / "rating-project-on-a-phone.png")
    finally:
        context.close()


def test_editor_warns_about_a_rating_that_does_not_fit_before_submitting(
    browser, live_site, artifacts
):
    context = browser.new_context(base_url=live_site, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    try:
        tab = context.new_page()
        tab.goto("/admin/login/")
        username, password = FELLOW
        tab.get_by_label("Email address").or_(tab.get_by_label("Username")).first.fill(username)
        tab.get_by_label("Password").fill(password)
        tab.get_by_role("button", name="Sign in").click()
        expect(tab).to_have_url(re.compile(r"/admin/$"))
        tab.goto("/admin/pages/")
        tab.get_by_role("link", name="Explore child pages of 'Class of 2024'").click()
        tab.get_by_role("link", name=re.compile("Add child page")).first.click()
        tab.get_by_role("button", name="Add Finding").click()
        tab.locator("#id_findings-0-evidence_type").select_option(label="Practice reflection")
        confidence = tab.locator("#id_findings-0-confidence")
        confidence.select_option(label="Strong")

        warning = tab.locator("#id_findings-0-confidence-rating-help")
        expect(warning).to_be_visible()
        expect(warning).to_contain_text("'Strong' does not fit evidence from practice reflection")
        expect(confidence).to_have_attribute("aria-describedby", re.compile("rating-help"))
        warning.scroll_into_view_if_needed()
        tab.screenshot(path=artifacts / "rating-editor-warning.png")

        confidence.select_option(label="Moderate")
        expect(warning).to_be_hidden()
    finally:
        context.close()
