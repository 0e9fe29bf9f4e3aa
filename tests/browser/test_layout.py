"""What axe cannot see: keyboard use, small screens, print, and pages without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import PAGES, ZERO_TOLERANCE

pytestmark = pytest.mark.browser


def test_skip_link_is_first_visible_on_focus_and_moves_to_the_content(page):
    page.goto("/cohorts/class-of-2023/")
    skip = page.get_by_role("link", name="Skip to main content")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    # The focus style is the yellow highlight, whatever the browser's own outline.
    assert skip.evaluate("(el) => getComputedStyle(el).backgroundColor") == "rgb(255, 221, 0)"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_links_show_a_visible_focus_style(page):
    page.goto("/")
    link = page.get_by_role("link", name="All themes, with what each one covers")
    link.focus()
    style = link.evaluate(
        "(el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).boxShadow]"
    )
    assert style[0] == "rgb(255, 221, 0)"
    assert "rgb(11, 12, 12)" in style[1]


def test_breadcrumbs_lead_back_up_to_home(page):
    page.goto(f"{ZERO_TOLERANCE}?continue=1")
    page.locator(".findings .finding h3 a").first.click()
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(crumbs.get_by_role("link")).to_have_text(
        ["Home", "Cohorts", "Class of 2023", "Can zero tolerance be trauma aware?"]
    )
    expect(crumbs.locator("[aria-current=page]")).to_have_text("Finding")


def test_a_findings_details_are_one_to_a_row_on_a_wide_screen(page, artifacts):
    # The details were once laid side by side in a wrapping row, values far from their labels.
    page.goto("/cohorts/class-of-2023/trauma-informed-communications/")
    page.locator(".findings .finding h3 a").first.click()
    rows = page.locator(".finding-facts > div")
    expect(rows.locator("dt")).to_have_text(
        ["Participants or records", "Setting", "Fieldwork", "Rated by", "Themes"]
    )
    page.screenshot(path=artifacts / "finding-details.png", full_page=True)
    boxes = [row.bounding_box() for row in rows.all()]
    assert {(box["x"], box["width"]) for box in boxes} == {(boxes[0]["x"], boxes[0]["width"])}
    assert all(a["y"] + a["height"] <= b["y"] for a, b in zip(boxes, boxes[1:], strict=False))


@pytest.mark.parametrize("name,address", [(name, address) for name, address, _ in PAGES])
def test_pages_fit_a_small_phone_screen(browser, live_site, artifacts, name, address):
    context = browser.new_context(base_url=live_site, viewport={"width": 320, "height": 640})
    try:
        tab = context.new_page()
        tab.goto(address)
        overflow = tab.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        tab.screenshot(path=artifacts / f"phone-{name}.png", full_page=True)
        assert overflow <= 0, f"{address} scrolls sideways by {overflow}px on a 320px screen"
    finally:
        context.close()


def test_print_shows_the_content_without_navigation(page, artifacts):
    page.goto(f"{ZERO_TOLERANCE}?continue=1")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".findings")).to_be_visible()
    page.pdf(path=artifacts / "print-project.pdf")


def test_content_note_works_without_javascript(browser, live_site):
    context = browser.new_context(base_url=live_site, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(ZERO_TOLERANCE)
        expect(tab.get_by_role("heading", level=1)).to_have_text(
            "Can zero tolerance be trauma aware?"
        )
        expect(tab.locator(".content-note")).to_contain_text("Discusses violence towards staff")
        # Nothing sensitive is on the page until the reader chooses to continue.
        expect(tab.get_by_role("heading", name="Findings")).to_have_count(0)
        expect(tab.locator(".write-up")).to_have_count(0)
        tab.get_by_role("link", name="Continue to the project").click()
        expect(tab.get_by_role("heading", name="Findings")).to_be_visible()
        expect(tab.locator(".findings .finding")).to_have_count(4)
        expect(tab.locator(".content-note--reminder")).to_be_visible()
    finally:
        context.close()


def test_link_to_a_finding_behind_a_content_note_reaches_the_finding_after_the_note(page):
    page.goto(f"{ZERO_TOLERANCE}?continue=1")
    anchor = page.locator(".findings .finding").nth(2).get_attribute("id")
    # A new visit: continuing is remembered for the rest of one.
    page.context.clear_cookies()
    page.goto(f"{ZERO_TOLERANCE}#{anchor}")
    expect(page.locator(".content-note")).to_be_visible()
    page.get_by_role("link", name="Continue to the project").click()
    expect(page.locator(".finding:target")).to_have_attribute("id", anchor)


def test_project_without_content_note_shows_its_findings_at_once(page):
    page.goto("/cohorts/class-of-2023/trauma-informed-communications/")
    expect(page.locator(".content-note")).to_have_count(0)
    expect(page.locator(".findings .finding")).to_have_count(3)
