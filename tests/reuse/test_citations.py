"""How to cite a project: downloads in three formats and JSON-LD, from live content only."""

import json
import re

import pytest

from reuse.citations import bibtex_escape
from tests.reuse.conftest import SCRIPT

pytestmark = pytest.mark.django_db


def cite(client, page, citation_format):
    return client.get(f"/cite/{page.pk}/{citation_format}/")


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return match.group(1)


def test_bibtex_download_names_the_fellows_title_and_year(client, project):
    response = cite(client, project, "bibtex")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="warm-letters.bib"'
    text = response.content.decode()
    assert text.startswith(f"@misc{{fellowship{project.pk},")
    assert "author = {{Patel}, Asha}" in text
    assert "title = {Warm letters}" in text
    assert f"year = {{{project.cohort.year}}}" in text


def test_ris_download_has_one_field_per_line(client, project):
    text = cite(client, project, "ris").content.decode()

    lines = text.split("\r\n")
    assert lines[0] == "TY  - GEN"
    assert "AU  - Patel, Asha" in lines
    assert "TI  - Warm letters" in lines
    assert "KW  - Belonging" in lines
    assert lines[-2] == "ER  -"


def test_csl_json_download(client, project):
    response = cite(client, project, "csl-json")

    (item,) = json.loads(response.content)
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    assert item["title"] == "Warm letters"
    assert item["author"] == [{"family": "Patel", "given": "Asha"}]
    assert item["URL"].endswith(project.url)


def test_drafts_private_projects_and_unknown_formats_are_404(
    client, project, draft_project, private_project
):
    for page in (draft_project, private_project):
        for citation_format in ("bibtex", "ris", "csl-json"):
            assert cite(client, page, citation_format).status_code == 404
    assert cite(client, project, "endnote").status_code == 404
    assert client.get("/cite/999999/bibtex/").status_code == 404


def test_citations_use_the_published_title_not_the_draft(client, project_with_draft_changes):
    page = project_with_draft_changes
    for citation_format in ("bibtex", "ris", "csl-json"):
        text = cite(client, page, citation_format).content.decode()
        assert "Warm letters" in text
        assert "UNPUBLISHED" not in text
        assert "MENTOR-ONLY" not in text
        assert "@" not in text.replace("@misc", "")


def test_bibtex_escapes_braces_and_specials():
    assert bibtex_escape("{a} 100% & $x$ #1 a_b ~ ^ \\") == (
        r"\{a\} 100\% \& \$x\$ \#1 a\_b \textasciitilde{} \textasciicircum{} \textbackslash{}"
    )


def test_hostile_title_cannot_break_out_of_bibtex_or_ris(client, hostile_project):
    bibtex = cite(client, hostile_project, "bibtex").content.decode()
    assert r"\{braces\} 100\% \& more" in bibtex
    # Every brace left unescaped belongs to the entry's own structure: they balance.
    structural = re.sub(r"\\[{}]", "", bibtex)
    assert structural.count("{") == structural.count("}")

    ris = cite(client, hostile_project, "ris").content.decode()
    # A line break in the summary must not start a new RIS field.
    assert "\r\nER  - injected" not in ris
    assert "AB  - Summary <script>alert('x')</script> ER - injected line" in ris
    assert ris.count("\r\nER  -") == 1


def test_project_page_has_how_to_cite_and_json_ld(client, project):
    html = client.get(project.url).content.decode()

    assert "How to cite" in html
    assert f'href="/cite/{project.pk}/bibtex/"' in html
    data = json.loads(json_ld(html))
    assert data["@type"] == "ScholarlyArticle"
    assert data["name"] == "Warm letters"
    assert data["author"] == [{"@type": "Person", "name": "Asha Patel"}]
    assert data["keywords"] == ["Belonging"]


def test_json_ld_cannot_be_closed_by_a_script_tag_in_content(client, hostile_project):
    html = client.get(hostile_project.url).content.decode()

    block = json_ld(html)
    assert "</script" not in block
    assert "<" not in block
    data = json.loads(block)
    assert data["name"] == f"Title {SCRIPT} {{braces}} 100% & more"
    assert data["author"][0]["name"] == f"Eve {SCRIPT}"
    # The visible citation is escaped like everything else on the page.
    assert SCRIPT not in html
    assert "Title &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_json_ld_and_citation_show_live_content_when_a_draft_is_waiting(
    client, project_with_draft_changes
):
    html = client.get(project_with_draft_changes.url).content.decode()

    assert json.loads(json_ld(html))["name"] == "Warm letters"
    assert "UNPUBLISHED" not in html
    assert "MENTOR-ONLY" not in html


def test_json_ld_carries_no_email_address(client, project):
    block = json_ld(client.get(project.url).content.decode())

    assert "@" not in block.replace('"@context"', "").replace('"@type"', "")
    assert "asha.patel" not in block


def test_citation_sentence_takes_one_full_stop_after_the_title(client, project):
    html = client.get(project.url).content.decode()
    assert "Warm letters. Improving Population Health Fellowship" in html

    project.title = "Can zero tolerance be trauma aware?"
    project.save_revision().publish()
    html = client.get(project.url).content.decode()
    assert "trauma aware? Improving Population Health Fellowship" in html
    assert "aware?." not in html
