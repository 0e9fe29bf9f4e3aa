"""Each finding has a permanent address, citations of its own and schema.org data; citations give
the year of the work and the site's canonical address."""

import json
import re
from datetime import date

from wagtail.models import Site

import pytest

from tests.factories import FindingFactory
from tests.reuse.conftest import SCRIPT, publish

pytestmark = pytest.mark.django_db

FORMATS = ("bibtex", "ris", "csl-json")


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


@pytest.fixture
def finding(project):
    return project.findings.order_by("sort_order").first()


@pytest.fixture
def project_of_2023(project):
    """The live project, done in 2023 and first put on the site in 2026."""
    project.start_date, project.end_date = date(2023, 2, 1), date(2023, 11, 30)
    publish(project)
    project.first_published_at = project.first_published_at.replace(year=2026)
    project.save(update_fields=["first_published_at"])
    return project


def test_a_finding_has_a_permanent_address_that_leads_to_it(client, finding):
    response = client.get(f"/findings/{finding.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"{finding.page.url}findings/{finding.key}/"
    assert finding.headline in client.get(response["Location"]).content.decode()


def test_the_permanent_address_survives_a_new_project_address(client, finding):
    project = finding.page
    project.slug = "kinder-letters"
    publish(project)

    response = client.get(f"/findings/{finding.pk}/", follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"{project.url}findings/{finding.key}/"


def test_findings_of_drafts_and_private_projects_have_no_public_address(
    client, draft_project, private_project
):
    hidden = [FindingFactory(page=draft_project), *private_project.findings.all()]
    for finding in hidden:
        assert client.get(f"/findings/{finding.pk}/").status_code == 404
        for citation_format in FORMATS:
            address = f"/cite/findings/{finding.pk}/{citation_format}/"
            assert client.get(address).status_code == 404


@pytest.mark.parametrize(
    "address",
    [
        "/findings/0/",
        "/findings/99999999/",
        "/findings/99999999999999999999999/",
        "/cite/findings/99999999999999999999999/bibtex/",
        "/findings/abc/",
    ],
)
def test_bad_finding_ids_are_404(client, address):
    assert client.get(address).status_code == 404


def test_unknown_citation_format_of_a_finding_is_404(client, finding):
    assert client.get(f"/cite/findings/{finding.pk}/endnote/").status_code == 404


def test_finding_bibtex_names_the_finding_its_project_and_its_address(client, finding):
    response = client.get(f"/cite/findings/{finding.pk}/bibtex/")

    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="warm-letters-finding-{finding.pk}.bib"'
    )
    text = response.content.decode()
    assert "title = {Warm letters reduced missed appointments.}" in text
    assert "note = {Finding of: Warm letters}" in text
    assert "author = {{Patel}, Asha}" in text
    assert f"\\url{{http://testserver/findings/{finding.pk}/}}" in text


def test_finding_ris_and_csl_json_carry_the_project_as_container(client, finding):
    ris = client.get(f"/cite/findings/{finding.pk}/ris/").content.decode().split("\r\n")
    assert "TI  - Warm letters reduced missed appointments." in ris
    assert "T2  - Warm letters" in ris
    assert f"UR  - http://testserver/findings/{finding.pk}/" in ris

    (item,) = json.loads(client.get(f"/cite/findings/{finding.pk}/csl-json/").content)
    assert item["title"] == "Warm letters reduced missed appointments."
    assert item["container-title"] == "Warm letters"
    assert item["URL"] == f"http://testserver/findings/{finding.pk}/"


def test_citations_give_the_year_of_the_work_not_the_year_it_went_online(client, project_of_2023):
    finding = project_of_2023.findings.first()
    downloads = [
        client.get(f"/cite/{project_of_2023.pk}/bibtex/"),
        client.get(f"/cite/findings/{finding.pk}/bibtex/"),
    ]
    for response in downloads:
        assert "year = {2023}" in response.content.decode()
    (item,) = json.loads(client.get(f"/cite/findings/{finding.pk}/csl-json/").content)
    assert item["issued"] == {"date-parts": [[2023]]}
    ris = client.get(f"/cite/{project_of_2023.pk}/ris/").content.decode()
    assert "PY  - 2023" in ris
    assert "2026" not in ris

    html = client.get(f"/findings/{finding.pk}/", follow=True).content.decode()
    assert "Asha Patel (2023). Warm letters reduced missed appointments." in html


def test_without_dates_a_project_is_cited_with_its_cohorts_year(client, project):
    text = client.get(f"/cite/{project.pk}/bibtex/").content.decode()

    assert f"year = {{{project.cohort.year}}}" in text


def test_citations_use_the_configured_address_not_a_stale_site_record(
    client, settings, project, finding
):
    Site.objects.update(hostname="localhost", port=80)
    settings.WAGTAILADMIN_BASE_URL = "https://fellowship.example.org/"

    for address in (f"/cite/{project.pk}/ris/", f"/cite/findings/{finding.pk}/ris/"):
        text = client.get(address, HTTP_HOST="127.0.0.1:8000").content.decode()
        assert "UR  - https://fellowship.example.org/" in text
        assert "localhost" not in text
        assert "127.0.0.1" not in text


def test_without_a_configured_address_citations_fall_back_to_the_site(client, settings, project):
    Site.objects.update(hostname="hub.example.org", port=443)
    settings.WAGTAILADMIN_BASE_URL = ""

    text = client.get(f"/cite/{project.pk}/ris/").content.decode()

    assert "UR  - https://hub.example.org/" in text


def test_finding_page_shows_copy_link_plain_citation_and_downloads(client, finding):
    html = client.get(f"/findings/{finding.pk}/", follow=True).content.decode()

    permanent = f"http://testserver/findings/{finding.pk}/"
    assert (
        f'<a class="button" href="{permanent}" data-copy-link="{permanent}">Copy link</a>' in html
    )
    assert (
        f"Asha Patel ({finding.page.cohort.year}). Warm letters reduced missed appointments. "
        f"Finding of: Warm letters. Improving Population Health Fellowship, West Yorkshire. "
        f"Available at: {permanent}"
    ) in html
    for citation_format in FORMATS:
        assert f'href="/cite/findings/{finding.pk}/{citation_format}/"' in html
    assert "js/copy-link" in html


def test_finding_page_has_json_ld_of_its_own(client, finding):
    html = client.get(f"/findings/{finding.pk}/", follow=True).content.decode()

    data = json_ld(html)
    assert data["@type"] == "CreativeWork"
    assert data["name"] == "Warm letters reduced missed appointments."
    assert data["url"] == f"http://testserver/findings/{finding.pk}/"
    assert data["isPartOf"]["name"] == "Warm letters"
    assert data["author"] == [{"@type": "Person", "name": "Asha Patel"}]


def test_finding_json_ld_cannot_be_closed_by_content(client, hostile_project):
    finding = hostile_project.findings.first()
    html = client.get(f"/findings/{finding.pk}/", follow=True).content.decode()

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "<" not in block
    assert json.loads(block)["name"] == f"Headline {SCRIPT}"
    assert SCRIPT not in html


def test_json_ld_of_a_finding_behind_a_content_note_leaves_out_its_detail(client, hostile_project):
    finding = hostile_project.findings.first()
    html = client.get(f"/findings/{finding.pk}/", follow=True).content.decode()

    assert "Detail" not in json.dumps(json_ld(html))


def test_finding_citation_takes_one_full_stop_after_a_question(client, finding):
    project = finding.page
    project.title = "Can zero tolerance be trauma aware?"
    publish(project)

    html = client.get(f"/findings/{finding.pk}/", follow=True).content.decode()

    assert "Finding of: Can zero tolerance be trauma aware? Improving Population Health" in html
    assert "aware?." not in html
