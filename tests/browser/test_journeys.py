"""The three journeys of the issue, end to end in Chromium against the live demo site.

(a) A fellow writes a project with themes and two findings and submits it for mentor review.
(b) Its mentor comments and asks for changes with a reason; the fellow edits and resubmits; the
    mentor approves; the programme team signs off, which publishes it.
(c) An anonymous practitioner searches by theme, filters by evidence type and opens a finding.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accounts import FELLOW, MENTOR, PROGRAMME_TEAM

pytestmark = pytest.mark.browser


TITLE = "Warm first contact in family hubs"
SUMMARY = (
    "Families arriving at a family hub for the first time told us what helped them feel "
    "welcome, and staff tried small changes to the first conversation."
)
FINDINGS = [
    ("Parents felt welcome when staff asked what they needed first.", "Interviews", "Moderate"),
    ("A named contact made families more likely to come back.", "Service data", "Emerging"),
]
COMMENT = "Which family hubs? Readers will want to know where this happened."
REASON = "Please say which family hubs took part, and add a content note."


def shot(tab, artifacts, name):
    tab.screenshot(path=artifacts / f"journey-{name}.png", full_page=True)


def add_theme(tab, container, name):
    # Wagtail's tag widget: type a theme and a comma to turn it into a tag.
    field = container.locator(".tagit-new input")
    field.click()
    field.press_sequentially(f"{name},")
    expect(container.locator(".tagit-choice", has_text=name)).to_be_visible()


def choose_action(tab, label):
    """Pick an action from the editor's 'More actions' menu at the foot of the page."""
    footer = tab.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    exact = isinstance(label, str)
    footer.get_by_role("button", name=label, exact=exact).click()


def awaiting_review(tab):
    """The dashboard panel listing the pages waiting for this user's review."""
    tab.goto("/admin/")
    return tab.locator("section, .w-panel, .panel").filter(
        has=tab.get_by_role("heading", name="Awaiting your review")
    )


def open_for_review(tab):
    """The review list opens the draft's review page, where the reviewer decides."""
    awaiting_review(tab).get_by_role("link", name=TITLE).first.click()
    expect(tab.get_by_role("heading", name="Your decision")).to_be_visible()


def open_in_editor(tab):
    tab.get_by_role("link", name="Comment beside the text in the editor").click()
    expect(tab.locator("#id_title")).to_have_value(TITLE)


def acted_on(tab):
    """After a review action the project is no longer waiting for this reviewer."""
    expect(awaiting_review(tab).get_by_role("link", name=TITLE)).to_have_count(0)


def fellow_writes_and_submits_the_project(sign_in, artifacts):
    tab = sign_in(FELLOW)
    tab.goto("/admin/pages/")
    tab.get_by_role("link", name="Explore child pages of 'Class of 2024'").click()
    tab.get_by_role("link", name=re.compile("Add child page")).first.click()
    expect(tab.locator("#id_title")).to_be_visible()

    tab.locator("#id_title").fill(TITLE)
    tab.locator("#id_summary").fill(SUMMARY)
    tab.locator("[data-people-picker]").first.get_by_label("Zara Iqbal").check()
    tab.get_by_label("Leeds").check()
    tab.locator("#id_status").select_option(label="In progress")
    themes = tab.locator("[data-contentpath='themes']")
    add_theme(tab, themes, "Belonging")
    add_theme(tab, themes, "Co-production")

    for index, (headline, evidence, confidence) in enumerate(FINDINGS):
        tab.get_by_role("button", name="Add Finding").click()
        tab.locator(f"#id_findings-{index}-headline").fill(headline)
        tab.locator(f"#id_findings-{index}-evidence_type").select_option(label=evidence)
        tab.locator(f"#id_findings-{index}-confidence").select_option(label=confidence)
    shot(tab, artifacts, "a1-fellow-writes-project")
    tab.get_by_role("button", name="Save draft").click()
    expect(tab).to_have_url(re.compile(r"/edit/$"))

    # Only the programme team assigns mentors.
    team = sign_in(PROGRAMME_TEAM)
    team.goto(tab.url)
    team.locator("[data-people-picker]").nth(1).get_by_label("Joanne Whitaker").check()
    team.get_by_role("button", name="Save draft").click()
    expect(team.locator(".messages")).to_contain_text("updated")

    # The submit action is the fellow's main button; it shows the checklist first.
    tab.reload()
    footer = tab.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name=re.compile("^Submit to Project review")).click()
    tab.locator("#submit-checklist-dialog [data-submit-checklist-confirm]").click()
    expect(tab.locator(".messages")).to_contain_text("submitted")
    expect(tab.locator(".messages .warning, .messages .error")).to_have_count(0)
    shot(tab, artifacts, "a2-fellow-submitted")
    return tab


def mentor_comments_and_requests_changes(sign_in, artifacts):
    tab = sign_in(MENTOR)
    expect(awaiting_review(tab).get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    shot(tab, artifacts, "b1-mentor-dashboard")
    open_for_review(tab)
    open_in_editor(tab)

    summary = tab.locator("[data-contentpath='summary']")
    summary.locator(".w-field__comment-button--add").first.click()
    comment = tab.locator(".comment-form textarea, textarea.comment__input").first
    comment.fill(COMMENT)
    tab.get_by_role("button", name="Comment", exact=True).click()

    # The comment is saved with the decision.
    choose_action(tab, "Request changes")
    dialog = tab.get_by_role("dialog")
    dialog.get_by_label("Reason").fill(REASON)
    shot(tab, artifacts, "b2-mentor-requests-changes")
    dialog.get_by_role("button", name=re.compile("Request changes|Submit|Save")).first.click()
    expect(tab).not_to_have_url(re.compile(r"/edit/$"))
    acted_on(tab)


def fellow_edits_and_resubmits(fellow, artifacts):
    fellow.goto("/admin/")
    fellow.get_by_role("link", name=TITLE).first.click()
    expect(fellow.locator("#id_title")).to_have_value(TITLE)
    # The mentor's reason is at the top of the editor, and in the review history.
    expect(fellow.locator("[data-editor-notice]")).to_contain_text(REASON)
    fellow.get_by_role("button", name="Toggle status").click()
    fellow.get_by_role("button", name="View details").click()
    history = fellow.get_by_role("dialog")
    expect(history.get_by_text(REASON)).to_be_visible()
    shot(fellow, artifacts, "b3-fellow-reads-reason")
    fellow.keyboard.press("Escape")
    expect(history).to_be_hidden()
    # And the mentor's comment on the summary is in the comments panel.
    fellow.get_by_role("button", name="Toggle comments").click()
    # Exactly once: the comment posted again with the mentor's decision is not stored twice.
    expect(fellow.get_by_text(COMMENT)).to_be_visible()
    fellow.locator("#id_summary").fill(
        SUMMARY + " Three family hubs in Leeds took part between May and September."
    )
    fellow.locator("#id_content_note").fill("Mentions families under financial strain.")
    shot(fellow, artifacts, "b4-fellow-edits")
    fellow.get_by_role("navigation", name="Actions (footer)").get_by_role(
        "button", name=re.compile("^Resubmit to Mentor review")
    ).click()
    fellow.locator("#submit-checklist-dialog [data-submit-checklist-confirm]").click()
    expect(fellow.locator(".messages")).to_contain_text("submitted")


def reviewer_approves(tab, artifacts, name, action="Approve"):
    open_for_review(tab)
    shot(tab, artifacts, name)
    tab.get_by_role("button", name=action, exact=True).click()
    expect(tab.locator(".messages .success")).to_be_visible()
    acted_on(tab)


def test_fellow_submits_mentor_asks_for_changes_then_approves_and_programme_team_publishes(
    sign_in, page, artifacts
):
    fellow = fellow_writes_and_submits_the_project(sign_in, artifacts)
    assert page.goto("/cohorts/class-of-2024/warm-first-contact-in-family-hubs/").status == 404

    mentor_comments_and_requests_changes(sign_in, artifacts)
    fellow_edits_and_resubmits(fellow, artifacts)

    mentor = sign_in(MENTOR)
    reviewer_approves(mentor, artifacts, "b5-mentor-approves")
    assert page.goto("/cohorts/class-of-2024/warm-first-contact-in-family-hubs/").status == 404

    team = sign_in(PROGRAMME_TEAM)
    # The last step of the workflow: one "Publish".
    reviewer_approves(team, artifacts, "b6-programme-team-signs-off", "Publish")

    # Published: anyone can read it, with its content note first and both findings after.
    response = page.goto("/cohorts/class-of-2024/warm-first-contact-in-family-hubs/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".content-note")).to_contain_text("financial strain")
    page.get_by_role("link", name="Continue to the project").click()
    for headline, _, _ in FINDINGS:
        expect(page.get_by_role("link", name=headline)).to_be_visible()
    expect(page.get_by_text("Three family hubs in Leeds took part")).to_be_visible()
    shot(page, artifacts, "b7-published-project")


def test_practitioner_searches_by_theme_filters_by_evidence_and_opens_a_finding(page, artifacts):
    page.goto("/")
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label(re.compile(r"^Zero tolerance")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"theme=zero-tolerance"))
    shot(page, artifacts, "c1-search-by-theme")

    page.get_by_label(re.compile(r"^Focus groups")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"evidence=focus_groups"))
    results = page.locator(".search-results li.hit--finding")
    expect(results.first).to_be_visible()
    for text in results.all_inner_texts():
        assert "Focus groups" in text
    shot(page, artifacts, "c2-filtered-by-evidence")

    finding = results.first.get_by_role("heading").get_by_role("link")
    headline = finding.inner_text()
    finding.click()
    # Every project on this theme in the demo has a content note: the reader sees it first.
    expect(page.locator(".content-note")).to_be_visible()
    expect(page.get_by_text(headline, exact=True)).to_have_count(0)
    shot(page, artifacts, "c3-content-note-first")
    page.get_by_role("link", name="Continue to the project").click()
    target = page.locator(".finding:target")
    expect(target).to_contain_text(headline)
    expect(target).to_be_in_viewport()
    shot(page, artifacts, "c4-finding")
