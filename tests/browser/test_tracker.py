"""The programme team finds an overdue project on the tracker and opens it; the tracker and a
project's milestones pass axe. Runs against the live demo site, whose class of 2024 is seeded
with a year in progress (demo/tracking.py)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import describe, run_axe

pytestmark = pytest.mark.browser

PROGRAMME_TEAM = ("kate.marsden@example.org", "demo-programme")
LATE_PROJECT = "Somewhere to be"


@pytest.fixture
def team_tab(browser, live_site):
    context = browser.new_context(base_url=live_site, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.goto("/admin/login/")
    username, password = PROGRAMME_TEAM
    tab.get_by_label("Email address").or_(tab.get_by_label("Username")).first.fill(username)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    try:
        yield tab
    finally:
        context.close()


def no_violations(tab):
    violations = run_axe(tab)
    assert not violations, f"axe found problems on {tab.url}:\n{describe(violations)}"


def test_programme_team_finds_an_overdue_project_on_the_tracker_and_opens_it(team_tab, artifacts):
    tab = team_tab
    tab.get_by_role("link", name="Tracker").first.click()
    tab.get_by_role("link", name="Class of 2024").click()
    expect(tab.get_by_role("heading", name="Tracker: Class of 2024")).to_be_visible()
    tab.screenshot(path=artifacts / "tracker.png", full_page=True)
    no_violations(tab)

    tab.get_by_label("Only projects with an overdue milestone").check()
    tab.get_by_role("button", name="Apply filters").click()
    rows = tab.locator("[data-tracker] tbody tr")
    expect(rows.filter(has_text=LATE_PROJECT)).to_have_count(1)
    expect(rows.filter(has_text="Rent arrears")).to_have_count(0)
    late = rows.filter(has_text=LATE_PROJECT)
    expect(late).to_contain_text("Red")
    expect(late).to_contain_text("overdue")
    tab.screenshot(path=artifacts / "tracker-overdue.png", full_page=True)

    late.get_by_role("link", name=re.compile(LATE_PROJECT)).click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text(LATE_PROJECT)
    expect(tab.locator("[data-overdue-summary]")).to_contain_text("Data collection finished")
    expect(tab.locator("[data-milestones]")).to_contain_text("Overdue by 90 days")
    expect(tab.locator("[data-check-ins]")).to_contain_text("Struggling")
    tab.screenshot(path=artifacts / "tracker-project-milestones.png", full_page=True)
    no_violations(tab)
