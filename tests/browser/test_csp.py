"""Every public page type and the admin's main screens run under their Content Security Policy
with no violation in Chromium, and their scripts still work."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import PAGES, ZERO_TOLERANCE
from tests.csp import policy_directives

pytestmark = pytest.mark.browser

ADMIN = ("admin", "demo-admin")

# Chromium raises this event in the document for every blocked script, style, frame or image.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline") +
    " at " + event.sourceFile + ":" + event.lineNumber + " " + event.sample
  );
});
"""


class PolicyWatch:
    """Collects CSP violations (events and console errors) and script errors in one tab."""

    def __init__(self, tab):
        self.tab = tab
        self.console = []
        self.script_errors = []
        tab.add_init_script(RECORD_VIOLATIONS)
        tab.on("console", self._console)
        tab.on("pageerror", lambda error: self.script_errors.append(str(error)))

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def violations(self):
        # Reports are dispatched as tasks after the blocked load: let the page settle first.
        self.tab.wait_for_load_state("networkidle")
        events = []
        for frame in self.tab.frames:
            try:
                events += frame.evaluate("window.__cspViolations || []")
            except Exception:  # noqa: BLE001 - a frame that went away has nothing to report
                continue
        return events + self.console

    def assert_clean(self):
        assert self.violations() == []
        assert self.script_errors == []


@pytest.fixture
def watched(page):
    return PolicyWatch(page)


@pytest.fixture
def admin_tab(browser, live_site):
    context = browser.new_context(base_url=live_site, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    watch = PolicyWatch(tab)
    tab.goto("/admin/login/")
    tab.get_by_label("Username").or_(tab.get_by_label("Email address")).first.fill(ADMIN[0])
    tab.get_by_label("Password").fill(ADMIN[1])
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    try:
        yield tab, watch
    finally:
        context.close()


@pytest.mark.parametrize(("name", "address", "status"), PAGES, ids=[p[0] for p in PAGES])
def test_public_page_runs_with_no_policy_violation(watched, page, name, address, status):
    response = page.goto(address)

    assert response.status == status
    assert policy_directives(response.headers["content-security-policy"])["script-src"] == [
        "'self'"
    ]
    watched.assert_clean()


def test_project_page_keeps_its_json_ld_under_the_policy(watched, page):
    page.goto("/cohorts/class-of-2023/trauma-informed-communications/")

    data = page.locator('script[type="application/ld+json"]')
    expect(data).to_have_count(1)
    assert '"@context"' in data.text_content()
    watched.assert_clean()


def test_content_note_continue_link_keeps_the_finding_it_was_opened_for(watched, page):
    page.goto(f"{ZERO_TOLERANCE}#finding-0a1b2c")

    # site.js copies the finding's anchor onto the link past the content note.
    continue_link = page.locator("a[data-continue]")
    expect(continue_link).to_have_attribute("href", re.compile(r"\?continue=1#finding-0a1b2c$"))
    watched.assert_clean()


def test_admin_login_page_runs_with_no_policy_violation(watched, page):
    response = page.goto("/admin/login/")

    assert (
        "'unsafe-inline'"
        in policy_directives(response.headers["content-security-policy"])["script-src"]
    )
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    watched.assert_clean()


def test_admin_dashboard_and_listings_run_with_no_policy_violation(admin_tab):
    tab, watch = admin_tab
    for address in [
        "/admin/",
        "/admin/snippets/",
        "/admin/snippets/projects/theme/",
        "/admin/snippets/cohorts/fellow/",
        "/admin/programme-dashboard/",
    ]:
        response = tab.goto(address)
        assert response.status == 200, address
        expect(tab.locator("main, #main").first).to_be_visible()
    watch.assert_clean()


def test_project_editor_runs_its_scripts_with_no_policy_violation(admin_tab):
    tab, watch = admin_tab
    found = tab.request.get(
        "/api/v2/pages/?type=projects.ProjectPage&slug=trauma-informed-communications"
    ).json()
    page_id = found["items"][0]["id"]

    tab.goto(f"/admin/pages/{page_id}/edit/")

    # The editor's own scripts (tabs, StreamField, choosers) and the writing help both run.
    expect(
        tab.get_by_role("tab", name="Findings").or_(tab.get_by_role("tab").nth(1))
    ).to_be_visible()
    help_text = tab.locator(".writing-help").first
    expect(help_text).to_contain_text(re.compile(r"\d+ words?"))
    summary = tab.get_by_label(re.compile(r"^Summary")).first
    summary.fill("One two three.")
    expect(tab.locator(".writing-help", has_text="3 words").first).to_be_visible()

    # The preview panel frames the page from the admin, which the admin's policy allows.
    tab.get_by_role("button", name="Toggle preview").click()
    preview = tab.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1").first).to_be_visible()
    watch.assert_clean()


def test_finding_page_and_its_use_form_run_with_no_policy_violation(watched, page):
    page.goto(f"{ZERO_TOLERANCE}?continue=1")
    permalink = page.locator(".findings .finding h3 a").first.get_attribute("href")

    assert page.goto(f"{permalink}?continue=1").status == 200
    form = page.locator("form[action^='/used/']")
    expect(form).to_have_count(1)
    assert page.goto(form.get_attribute("action")).status == 200
    expect(page.get_by_role("heading", name="I used this finding")).to_be_visible()
    watched.assert_clean()
