"""Sharing a draft for review in Chromium: the fellow makes a link, a reviewer without an account
reads the draft (axe finds nothing), comments, the fellow reads the comment in the editor and
the mentor on her review page;
then the fellow closes the link and the reviewer is told calmly that it no longer works.

The browser tests share one demo site, and test_review_path.py publishes the demo's draft in
review, which this test shares: this file's name puts it before that one.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accounts import FELLOW, MENTOR
from tests.browser.axe import describe, run_axe

pytestmark = pytest.mark.browser

DRAFT = "Asking about adversity in the first thousand days"
CONTENT_NOTE = "Discusses domestic abuse and childhood neglect."
COMMENT = "The section on asking new parents reads gently. Could you say who supports the health visitors?"


@pytest.fixture
def shots(artifacts):
    """Where each step's screenshot goes: test-artifacts/sharing/."""
    folder = artifacts / "sharing"
    folder.mkdir(parents=True, exist_ok=True)

    def shot(tab, name):
        tab.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    return shot


@pytest.fixture
def contexts(browser, live_site):
    """New browser contexts (each its own cookies), closed at the end of the test."""
    opened = []

    def new(signed_in_as=None):
        context = browser.new_context(
            base_url=live_site, viewport={"width": 1280, "height": 900}, locale="en-GB"
        )
        context.set_default_timeout(30_000)
        opened.append(context)
        tab = context.new_page()
        if signed_in_as:
            username, password = signed_in_as
            tab.goto("/admin/login/")
            tab.get_by_label("Email address").or_(tab.get_by_label("Username")).first.fill(username)
            tab.get_by_label("Password").fill(password)
            tab.get_by_role("button", name="Sign in").click()
            expect(tab).to_have_url(re.compile(r"/admin/$"))
        return tab

    yield new
    for context in opened:
        context.close()


def no_error_messages(tab):
    expect(tab.locator(".messages .error, .messages .warning, .error-summary")).to_have_count(0)


def no_axe_violations(tab):
    violations = run_axe(tab)
    assert not violations, describe(violations)


def share_section(tab):
    return tab.locator("[data-share-for-review]").first


def test_fellow_shares_a_draft_and_reads_the_comment_of_a_reviewer_without_an_account(
    contexts, shots
):
    fellow = contexts(FELLOW)
    fellow.get_by_role("link", name=DRAFT).first.click()
    expect(fellow).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    edit_url = fellow.url
    section = share_section(fellow)
    expect(section).to_contain_text("No comments yet.")
    section.scroll_into_view_if_needed()
    shots(fellow, "01-fellow-editor-share-for-review")

    section.get_by_role("link", name="Share for review", exact=True).click()
    expect(fellow.get_by_role("heading", name="Make a link")).to_be_visible()
    expect(fellow.get_by_label("How many days should the link work?")).to_have_value("14")
    shots(fellow, "02-fellow-make-a-link")
    fellow.get_by_label("Who is it for? (optional)").fill("Leeds Mind reviewer")
    fellow.get_by_role("button", name="Make the link").click()
    expect(fellow.locator(".messages")).to_contain_text("Your link is ready.")
    no_error_messages(fellow)
    link = fellow.locator("[data-new-share-link]").input_value()
    assert re.search(r"/share/[A-Za-z0-9_-]{40,}/$", link), link
    shots(fellow, "03-fellow-link-ready")

    reviewer = contexts()
    response = reviewer.goto(link)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    expect(reviewer.get_by_role("heading", name=DRAFT, level=1)).to_be_visible()
    expect(reviewer.locator(".content-note")).to_contain_text(CONTENT_NOTE)
    expect(reviewer.locator("[data-shared-draft-banner]")).to_contain_text(
        "A draft shared with you for review"
    )
    no_axe_violations(reviewer)
    shots(reviewer, "04-reviewer-content-note-first")

    reviewer.get_by_role("link", name="Continue to the project").click()
    expect(reviewer.get_by_role("heading", name="Findings")).to_be_visible()
    no_axe_violations(reviewer)
    shots(reviewer, "05-reviewer-reads-the-draft")

    reviewer.get_by_label("Your name (optional)").fill("Sam")
    reviewer.get_by_label("Your comment").fill(COMMENT)
    reviewer.get_by_role("button", name="Send comment").click()
    expect(reviewer.get_by_role("status")).to_contain_text("Thank you. Your comment has been sent.")
    no_error_messages(reviewer)
    no_axe_violations(reviewer)
    reviewer.locator("#comment").scroll_into_view_if_needed()
    shots(reviewer, "06-reviewer-comment-sent")

    fellow.goto(edit_url)
    section = share_section(fellow)
    expect(section).to_contain_text(COMMENT)
    expect(section).to_contain_text("Sam (Leeds Mind reviewer)")
    expect(section).to_contain_text("Leeds Mind reviewer: made on")
    section.scroll_into_view_if_needed()
    shots(fellow, "07-fellow-reads-the-comment-in-the-editor")

    # The mentor reads it on her review page, beside her decision.
    mentor = contexts(MENTOR)
    page_id = re.search(r"/pages/(\d+)/edit/", edit_url).group(1)
    mentor.goto(f"/admin/reviews/{page_id}/")
    mentor_section = share_section(mentor)
    expect(mentor_section).to_contain_text(COMMENT)
    expect(mentor_section.get_by_role("link", name=re.compile("^Close this link"))).to_have_count(0)
    no_error_messages(mentor)
    mentor_section.scroll_into_view_if_needed()
    shots(mentor, "08-mentor-reads-the-comment-on-her-review-page")

    section.get_by_role("link", name=re.compile("^Close this link")).click()
    expect(fellow.get_by_role("heading", name="Close this link?")).to_be_visible()
    shots(fellow, "09-fellow-close-the-link")
    fellow.get_by_role("button", name="Close the link").click()
    expect(fellow.locator(".messages")).to_contain_text("The link is closed.")
    no_error_messages(fellow)
    shots(fellow, "10-fellow-link-closed")

    response = reviewer.goto(link)
    assert response.status == 410
    expect(reviewer.get_by_role("heading", name="This link no longer works")).to_be_visible()
    expect(reviewer.locator("main")).to_contain_text("ask Zara Iqbal, who shared it with you")
    expect(reviewer.locator("main")).not_to_contain_text(CONTENT_NOTE)
    no_axe_violations(reviewer)
    shots(reviewer, "11-reviewer-link-no-longer-works")
