"""The public evidence and gap map on a laptop and a phone, by keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import describe, run_axe

pytestmark = pytest.mark.browser

MAP = "/evidence-map/"


def sideways_overflow(tab):
    return tab.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("address", [MAP, f"{MAP}?by=place"])
def test_map_on_a_phone_is_a_table_per_theme_that_fits_the_screen(
    browser, live_site, artifacts, address
):
    context = browser.new_context(base_url=live_site, viewport={"width": 375, "height": 800})
    try:
        tab = context.new_page()
        tab.goto(address)
        expect(tab.locator(".map-wide")).to_be_hidden()
        themes = tab.locator(".map-narrow table.map-theme")
        expect(themes.first).to_be_visible()
        expect(
            tab.get_by_role("table", name=re.compile(r"^Zero tolerance: \d+ findings"))
        ).to_be_visible()
        tab.screenshot(path=artifacts / f"phone-map-{address.count('place')}.png", full_page=True)
        assert sideways_overflow(tab) <= 0, "the map scrolls sideways on a 375px phone"
        assert not run_axe(tab), describe(run_axe(tab))
    finally:
        context.close()


def test_map_on_a_laptop_shows_every_column_without_cutting_any_off(browser, live_site):
    context = browser.new_context(base_url=live_site, viewport={"width": 1366, "height": 768})
    try:
        tab = context.new_page()
        tab.goto(MAP)
        table = tab.locator(".map-table")
        expect(table).to_be_visible()
        expect(tab.locator(".map-narrow")).to_be_hidden()
        last = table.locator("thead th").last
        expect(last).to_have_text("All")
        box = last.bounding_box()
        assert box["x"] + box["width"] <= 1366
        region = tab.locator(".map-wide")
        assert region.evaluate("(el) => el.scrollWidth <= el.clientWidth")
        assert sideways_overflow(tab) <= 0
    finally:
        context.close()


def test_a_cell_is_reached_by_keyboard_and_opens_the_filtered_search(browser, live_site):
    context = browser.new_context(base_url=live_site, viewport={"width": 1366, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(MAP)
        # From the "By place" switch, the next stops are the key's link and then the map's cells.
        tab.get_by_role("link", name="By place").focus()
        for _ in range(3):
            tab.keyboard.press("Tab")
        focused = tab.locator(":focus")
        expect(focused).to_have_attribute("href", re.compile(r"^/search/\?theme=[\w-]+&evidence="))
        name = focused.evaluate("(el) => el.textContent")
        count = int(re.match(r"\s*(\d+)", name).group(1))
        tab.keyboard.press("Enter")
        expect(tab).to_have_url(re.compile(r"/search/\?theme=[\w-]+&evidence=\w+"))
        expect(tab.get_by_role("heading", level=2, name=re.compile(r"^\d+ results?"))).to_have_text(
            re.compile(rf"^{count} result")
        )
    finally:
        context.close()
