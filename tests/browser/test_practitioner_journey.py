"""A practitioner's walk through the public site on a phone, in Chromium against the demo site.

A custody sergeant searches, reads what a rating means, narrows the results to findings, sees a
content note in place of the text behind it, opens a finding, copies its link and downloads its
citation, then opens the evidence and gap map and follows a cell to the findings it counts. Every
page on the way has no axe violations, and each step leaves a screenshot in
test-artifacts/practitioner-journey/.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import describe, run_axe

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
QUERY = "zero tolerance"
PROJECT = "Can zero tolerance be trauma aware?"
NOTE = "Discusses violence towards staff"
# A finding of that project; its supporting text sits behind the project's content note.
FINDING = "Staff said 'zero tolerance' meant being backed by their organisation"


@pytest.fixture
def phone(browser, live_site, artifacts):
    """A phone-sized tab that may use the clipboard, and a function that checks and records a step."""
    folder = artifacts / "practitioner-journey"
    folder.mkdir(exist_ok=True)
    context = browser.new_context(
        base_url=live_site, viewport=PHONE, locale="en-GB", accept_downloads=True
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_site)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    steps = []

    def step(name, part=None, full_page=True):
        """No axe violations on the page as it is now, and a screenshot of it (or of ``part``)."""
        steps.append(name)
        violations = run_axe(tab)
        assert not violations, (
            f"axe found problems at '{name}' ({tab.url}):\n{describe(violations)}"
        )
        path = folder / f"{len(steps):02d}-{name}.png"
        if part is None:
            tab.screenshot(path=path, full_page=full_page)
        else:
            part.screenshot(path=path)

    tab.step = step
    try:
        yield tab
    finally:
        context.close()


def results_heading(tab):
    return tab.get_by_role("heading", level=2, name=re.compile(r"^(\d+ results?|No results)"))


def result_count(tab):
    return int(re.match(r"(\d+)", results_heading(tab).inner_text()).group(1))


def search(tab):
    tab.goto("/")
    tab.step("home")
    tab.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    tab.get_by_label("Search for").fill(QUERY)
    tab.get_by_role("button", name="Search", exact=True).click()
    expect(tab).to_have_url(re.compile(r"/search/\?q=zero\+tolerance"))
    # On a phone the first result is on the first screen, the filters folded away above it.
    expect(tab.locator("li.hit").first).to_be_in_viewport()
    expect(tab.get_by_role("group", name="Show")).to_be_hidden()
    tab.step("search-results")


def read_the_rating_key(tab):
    rating = tab.locator("li.hit--finding .rating").first
    expect(rating.locator("img.rating__icon")).to_have_attribute("alt", "")
    link = rating.get_by_role("link", name=re.compile(r"^(Emerging|Moderate|Strong) confidence$"))
    level = link.inner_text().split()[0].lower()
    link.click()
    expect(tab).to_have_url(re.compile(rf"/how-to-read-a-finding/#confidence-{level}$"))
    expect(tab.locator(f"#confidence-{level}")).to_be_in_viewport()
    expect(tab.get_by_role("heading", level=1)).to_have_text("How to read a finding")
    tab.step("rating-key")
    tab.go_back()
    expect(tab).to_have_url(re.compile(r"/search/\?q=zero\+tolerance"))


def show_findings_only(tab):
    tab.locator("summary", has_text="Filters").click()
    show = tab.get_by_role("group", name="Show")
    expect(show).to_be_visible()
    option = show.locator("li", has=tab.locator("input[value='finding']"))
    counted = int(re.search(r"\((\d+)\)", option.inner_text()).group(1))
    option.get_by_label(re.compile(r"^Findings")).check()
    # The filters run to several screens; the button that applies them is still on this one.
    expect(tab.get_by_role("button", name="Apply filters")).to_be_in_viewport()
    tab.step("filters-open", full_page=False)
    tab.get_by_role("button", name="Apply filters").click()
    expect(tab).to_have_url(re.compile(r"kind=finding"))
    expect(tab.locator("summary", has_text="Filters")).to_contain_text("1 chosen")
    # The filter's count and the heading's agree, and nothing but findings is listed.
    assert result_count(tab) == counted
    expect(tab.locator("li.hit--project")).to_have_count(0)
    expect(tab.locator("li.hit--finding").first).to_be_in_viewport()
    tab.step("findings-only")


def see_the_content_note_not_the_text(tab):
    hit = tab.locator("li.hit", has=tab.get_by_role("heading", name=re.compile(re.escape(FINDING))))
    expect(hit).to_have_count(1)
    expect(hit.locator(".content-note--hit")).to_contain_text(f"Content note: {NOTE}")
    # Only the note and the facts: no snippet of what the finding page keeps behind the note.
    expect(hit.locator("p:not(.content-note):not(.meta):not(.rating)")).to_have_count(0)
    hit.scroll_into_view_if_needed()
    tab.step("content-note-in-a-result", part=hit)
    return hit


def open_the_finding(tab, hit):
    results = tab.url
    hit.get_by_role("heading").get_by_role("link").click()
    # A finding in the results opens in its project, behind the project's content note.
    expect(tab).to_have_url(re.compile(r"/can-zero-tolerance-be-trauma-aware/#finding-[0-9a-f]+$"))
    note = tab.locator("section.content-note")
    expect(note).to_contain_text(NOTE)
    # On a phone the note, not the project's facts, is what the reader lands on.
    expect(note).to_be_in_viewport()
    expect(note).to_be_focused()
    back = note.get_by_role("link", name="Go back to your search results")
    expect(back).to_have_attribute("href", re.compile(r"kind=finding"))
    expect(tab.get_by_role("heading", name=re.compile(re.escape(FINDING)))).to_have_count(0)
    tab.step("project-content-note", full_page=False)
    # "Go back" returns to the same filtered results, and the finding is one tap away again.
    back.click()
    assert tab.url == results
    tab.go_back()

    tab.get_by_role("link", name="Continue to the project").click()
    finding = tab.get_by_role("heading", level=3, name=re.compile(re.escape(FINDING)))
    expect(finding).to_be_in_viewport()
    tab.step("project-at-the-finding")

    finding.get_by_role("link").click()
    expect(tab).to_have_url(re.compile(r"/findings/[0-9a-f]+/$"))
    expect(tab.get_by_role("heading", level=1)).to_contain_text(FINDING)
    # Continuing into the project was remembered: a reminder, not the note a second time.
    expect(tab.get_by_role("heading", name="Content note")).to_have_count(0)
    expect(tab.locator(".content-note--reminder")).to_contain_text(NOTE)
    expect(tab.get_by_role("heading", name="For practice")).to_be_visible()
    tab.step("finding")


def copy_and_download_the_citation(tab, live_site):
    section = tab.locator("section.how-to-cite")
    expect(section.get_by_role("heading", name="Share and cite this finding")).to_be_visible()
    permanent = rf"{re.escape(live_site)}/findings/\d+/"
    citation = section.locator(".citation")
    # The project's own year (2023), not the year it reached the site, and the permanent address.
    expect(citation).to_contain_text(re.compile(r"\(2023\)\. "))
    expect(citation).to_contain_text(re.compile(permanent))

    section.get_by_role("link", name="Copy link").click()
    expect(section.get_by_role("status")).to_have_text("Link copied.")
    assert re.fullmatch(permanent, tab.evaluate("navigator.clipboard.readText()"))
    section.scroll_into_view_if_needed()
    tab.step("finding-citation")

    with tab.expect_download() as download:
        section.get_by_role("link", name=re.compile("BibTeX")).click()
    bibtex = download.value.path().read_text()
    assert bibtex.lstrip().startswith("@")
    assert re.search(r"year\s*=\s*[{\"]?2023", bibtex), bibtex
    assert re.search(permanent, bibtex), bibtex


def follow_the_map_to_the_findings(tab):
    tab.get_by_role("contentinfo").get_by_role("link", name="Evidence and gap map").click()
    expect(tab).to_have_url(re.compile(r"/evidence-map/$"))
    expect(tab.locator(".map-wide")).to_be_hidden()
    table = tab.get_by_role("table", name=re.compile(r"^Zero tolerance: \d+ findings"))
    expect(table).to_be_visible()
    assert tab.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    ), "the map scrolls sideways on a phone"
    tab.step("evidence-map")

    cell = table.locator("tbody a").first
    box = cell.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, f"a map cell is a {box} target on a phone"
    count = int(re.match(r"\s*(\d+)", cell.text_content()).group(1))
    cell.click()
    expect(tab).to_have_url(re.compile(r"/search/\?theme=zero-tolerance&evidence=\w+&kind=finding"))
    expect(results_heading(tab)).to_have_text(re.compile(rf"^{count} results?$"))
    expect(tab.locator("li.hit--project")).to_have_count(0)
    expect(tab.locator("li.hit").first).to_be_in_viewport()
    tab.step("map-cell-search")


def test_a_practitioner_on_a_phone_finds_trusts_cites_and_maps_the_evidence(phone, live_site):
    search(phone)
    read_the_rating_key(phone)
    show_findings_only(phone)
    hit = see_the_content_note_not_the_text(phone)
    open_the_finding(phone, hit)
    copy_and_download_the_citation(phone, live_site)
    follow_the_map_to_the_findings(phone)
