"""A fellow's guided path in Chromium: her projects on the dashboard, the mentor's reason at the
top of the editor, the people pickers, and the checklist on the submit step, with no warning
after submitting."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.accounts import FELLOW, MENTOR

pytestmark = pytest.mark.browser

DRAFT = "Asking about adversity in the first thousand days"
REASON = "Please say which health visiting teams took part, and when."


def your_project(tab):
    tab.goto("/admin/")
    panel = tab.locator("section").filter(has=tab.get_by_role("heading", name="Your projects"))
    return panel.locator("tr", has=tab.get_by_role("link", name=DRAFT))


def request_changes_as_mentor(tab, edit_url):
    # Through the editor's own workflow action, as its "Request changes" dialogue posts it; the
    # mentor's screens are not what this test is about.
    tab.goto(edit_url)
    expect(tab.locator("#id_title")).to_have_value(DRAFT)
    extra = json.dumps({"comment": REASON})
    tab.evaluate(
        """([extra]) => {
            const form = document.getElementById("page-edit-form");
            for (const [name, value] of [
                ["action-workflow-action", "true"],
                ["workflow-action-name", "reject"],
                ["workflow-action-extra-data", extra],
            ]) {
                const input = document.createElement("input");
                input.type = "hidden";
                input.name = name;
                input.value = value;
                form.appendChild(input);
            }
            form.submit();
        }""",
        [extra],
    )
    expect(tab).not_to_have_url(re.compile(r"/edit/$"))


def no_warnings(tab):
    expect(tab.locator(".messages .error, .messages .warning")).to_have_count(0)


def test_fellow_follows_her_project_reads_the_reason_and_resubmits_with_the_checklist(
    sign_in, artifacts
):
    fellow = sign_in(FELLOW)
    row = your_project(fellow)
    expect(row).to_contain_text("With your mentor")
    expect(row).to_contain_text("Joanne Whitaker")
    edit_url = row.get_by_role("link", name=DRAFT).get_attribute("href")

    request_changes_as_mentor(sign_in(MENTOR), edit_url)

    row = your_project(fellow)
    expect(row).to_contain_text("Changes requested")
    expect(row).to_contain_text(REASON)
    fellow.screenshot(path=artifacts / "fellowpath-fellow-dashboard.png", full_page=True)

    row.get_by_role("link", name=DRAFT).click()
    banner = fellow.locator("[data-editor-notice]")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(REASON)
    expect(banner).to_contain_text(
        re.compile(r"Joanne Whitaker asked for changes on \d+ \w+ \d{4}")
    )
    checklist = fellow.locator("[data-checklist]").first
    expect(checklist).to_be_visible()
    expect(checklist).to_contain_text("A summary")
    fellow.screenshot(path=artifacts / "fellowpath-editor-banner-checklist.png")

    # The fellows are picked by name; the mentors are shown, not chosen.
    picker = fellow.locator("[data-people-picker]").first
    picker.get_by_label("Search by name").fill("zara")
    expect(picker.get_by_label("Zara Iqbal")).to_be_visible()
    expect(picker.locator("[data-people-picker-option]:visible")).to_have_count(1)
    expect(fellow.locator("[data-read-only-people='mentors']")).to_contain_text("Joanne Whitaker")
    picker.scroll_into_view_if_needed()
    fellow.screenshot(path=artifacts / "fellowpath-people-pickers.png")

    # The submit action is the main button, and opens the checklist before submitting.
    footer = fellow.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name=re.compile(r"^Resubmit to Mentor review")).click()
    dialog = fellow.locator("#submit-checklist-dialog")
    expect(dialog.locator("[data-checklist]")).to_be_visible()
    fellow.screenshot(path=artifacts / "fellowpath-submit-checklist.png")
    dialog.locator("[data-submit-checklist-confirm]").click()

    expect(fellow.locator(".messages")).to_contain_text("submitted")
    no_warnings(fellow)
    fellow.screenshot(path=artifacts / "fellowpath-after-submit.png", full_page=True)
    expect(your_project(fellow)).to_contain_text("With your mentor")
