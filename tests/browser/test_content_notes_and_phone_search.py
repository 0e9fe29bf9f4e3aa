"""Content notes in search results, remembered past the first "Continue", with "Go back" to the
search; and the search page on a phone, results first with the filters folded away."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import ZERO_TOLERANCE

pytestmark = pytest.mark.browser

NOTE = "Discusses violence towards staff"


def test_a_search_result_shows_the_content_note_not_the_text_behind_it(page, artifacts):
    page.goto("/search/?q=zero+tolerance")
    hit = page.locator(
        "li.hit", has=page.get_by_role("heading", name="Can zero tolerance be trauma aware?")
    )
    expect(hit.locator(".content-note--hit")).to_contain_text(f"Content note: {NOTE}")
    hit.screenshot(path=artifacts / "search-hit-content-note.png")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_continuing_into_a_project_is_remembered_by_its_findings(browser, live_site, javascript):
    context = browser.new_context(base_url=live_site, java_script_enabled=javascript)
    try:
        tab = context.new_page()
        tab.goto(ZERO_TOLERANCE)
        tab.get_by_role("link", name="Continue to the project").click()
        tab.locator(".findings .finding h3 a").first.click()
        expect(tab).to_have_url(re.compile(r"/findings/[0-9a-f]+/$"))
        expect(tab.get_by_role("heading", name="Content note")).to_have_count(0)
        expect(tab.locator(".content-note--reminder")).to_contain_text(NOTE)
        expect(tab.get_by_role("heading", name="For practice")).to_be_visible()
    finally:
        context.close()


def test_go_back_from_a_content_note_returns_to_the_search_results(page):
    page.goto("/search/?q=zero+tolerance")
    page.get_by_role("heading", name="Can zero tolerance be trauma aware?").get_by_role(
        "link"
    ).click()
    expect(page.locator(".content-note")).to_contain_text(NOTE)
    page.get_by_role("link", name="Go back to your search results").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=zero\+tolerance$"))


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_on_a_phone_results_come_first_and_the_filters_open_from_a_button(
    browser, live_site, artifacts, javascript
):
    context = browser.new_context(
        base_url=live_site, viewport={"width": 375, "height": 800}, java_script_enabled=javascript
    )
    try:
        tab = context.new_page()
        tab.goto("/search/?q=zero+tolerance")
        theme_filter = tab.get_by_role("group", name="Theme")
        expect(theme_filter).to_be_hidden()
        first = tab.locator("li.hit").first
        expect(first).to_be_in_viewport()
        tab.screenshot(path=artifacts / f"phone-search-{javascript}.png")
        tab.locator("summary", has_text="Filters").click()
        expect(theme_filter).to_be_visible()
        tab.get_by_label(re.compile(r"^Zero tolerance")).check()
        tab.get_by_role("button", name="Apply filters").click()
        expect(tab).to_have_url(re.compile(r"theme=zero-tolerance"))
        expect(tab.locator("summary", has_text="Filters")).to_contain_text("1 chosen")
    finally:
        context.close()


def test_on_a_laptop_the_filters_stand_beside_the_results(page):
    page.goto("/search/?q=zero+tolerance")
    expect(page.get_by_role("group", name="Theme")).to_be_visible()
