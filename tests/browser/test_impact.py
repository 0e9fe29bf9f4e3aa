"""Follow-ups and impact in Chromium: a fellow answers from the emailed link; the impact page and
"Our impact" pass axe; screenshots of both and of "What happened next"."""

import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.axe import ROOT, describe, run_axe

pytestmark = pytest.mark.browser

PROGRAMME_TEAM = ("kate.marsden@example.org", "demo-programme")
PROJECT = "/cohorts/class-of-2023/trauma-informed-communications/"
FELLOW_EMAIL = "claire.sutcliffe@example.org"

# Sends the follow-ups now due on the live site's database and prints each email's recipient and
# body; the test settings keep email in memory, so this process is where the email can be read.
SEND = """
from django.core import mail
from impact.follow_ups import send_due_follow_ups
send_due_follow_ups()
for message in mail.outbox:
    print("TO", message.to[0])
    print(message.body)
"""


# The admin scrolls inside its own panel, which a full-page screenshot does not follow.
CONTENT_HEIGHT = """Math.max(...Array.from(document.querySelectorAll("body, main, .content-wrapper"))
    .map((element) => element.scrollHeight))"""


def screenshot(tab, artifacts, name):
    size = tab.viewport_size
    tab.set_viewport_size(
        {"width": size["width"], "height": min(tab.evaluate(CONTENT_HEIGHT), 12000)}
    )
    tab.screenshot(path=artifacts / f"impact-{name}.png", full_page=True)
    tab.set_viewport_size(size)


def check_axe(tab):
    violations = run_axe(tab)
    assert not violations, f"axe found problems on {tab.url}:\n{describe(violations)}"


def emailed_link(live_site_env, email):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SEND],
        cwd=ROOT,
        env=live_site_env,
        capture_output=True,
        text=True,
        check=True,
    )
    # The email for ``email``: from its "TO" line up to the next.
    body = result.stdout.split(f"TO {email}\n", 1)[1].split("\nTO ", 1)[0]
    url = re.search(r"https?://\S+/follow-up/\S+/", body).group()
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def signed_in(browser, live_site):
    context = browser.new_context(base_url=live_site, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.goto("/admin/login/")
    username, password = PROGRAMME_TEAM
    tab.get_by_label("Email address").or_(tab.get_by_label("Username")).first.fill(username)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    yield tab
    context.close()


def test_a_fellow_answers_a_follow_up_from_the_emailed_link(page, live_site_env, artifacts):
    link = emailed_link(live_site_env, FELLOW_EMAIL)
    response = page.goto(link)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What has happened since your project?"
    )
    screenshot(page, artifacts, "follow-up-form")
    check_axe(page)

    # Sending nothing is explained in plain English, on the same page.
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_role("alert")).to_contain_text("Tell us about at least one change")

    page.get_by_label("Changes to practice").fill(
        "Supervision in two more teams now asks about rupture and repair."
    )
    page.get_by_label("People reached").fill("85")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.locator(".error-summary")).to_have_count(0)

    # The link has done its work: opening it again says so, and the answer is not public yet.
    response = page.goto(link)
    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_contain_text("already been answered")
    page.goto("/cohorts/class-of-2023/the-messiness-of-being-humans/")
    expect(page.get_by_text("Supervision in two more teams")).to_have_count(0)


def test_what_happened_next_shows_on_the_project_page(page, artifacts):
    page.goto(PROJECT)
    section = page.locator("section.what-happened-next")
    expect(section.get_by_role("heading", name="What happened next")).to_be_visible()
    expect(section).to_contain_text("12 months on")
    section.scroll_into_view_if_needed()
    section.screenshot(path=artifacts / "impact-what-happened-next-section.png")
    screenshot(page, artifacts, "what-happened-next")
    check_axe(page)


def test_the_impact_page_passes_axe(signed_in, artifacts):
    response = signed_in.goto("/admin/impact/")
    assert response.status == 200
    expect(
        signed_in.get_by_role("heading", name="What changed after the fellowship")
    ).to_be_visible()
    assert signed_in.locator("svg.impact-chart[role=img]").count() >= 6
    screenshot(signed_in, artifacts, "impact-page")
    check_axe(signed_in)


def test_our_impact_passes_axe(page, artifacts):
    response = page.goto("/our-impact/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Our impact")
    expect(page.locator("svg.impact-chart")).to_have_count(2)
    screenshot(page, artifacts, "our-impact")
    check_axe(page)
