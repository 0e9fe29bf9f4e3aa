"""The import refuses files too large to read safely, with a plain message, and writes nothing."""

import zipfile
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest
from openpyxl import Workbook

from cohorts.models import CohortPage
from projects.models import Theme
from records.importers import ImportFileError, load_path, loading, workbook

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).parent / "data" / "small.json"


def themes_workbook(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.title = "themes"
    sheet.append(["name", "description"])
    for number in range(rows):
        sheet.append([f"Theme {number}", "A theme."])
    book.save(path)
    return path


def test_a_json_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "records.json"
    path.write_text(SMALL.read_text())
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", path.stat().st_size - 1)

    def never(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(loading.json, "load", never)
    with pytest.raises(ImportFileError, match="the import takes files of up to"):
        load_path(path)


def test_the_command_refuses_a_file_over_the_limit_and_writes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "records.json"
    path.write_text(SMALL.read_text())
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 100)

    with pytest.raises(CommandError, match=r"records.json is 0 MB; the import takes files"):
        call_command("import_fellowship", str(path))

    assert not CohortPage.objects.exists()
    assert not Theme.objects.exists()


def test_a_workbook_that_would_unpack_beyond_the_limit_is_refused_before_openpyxl_reads_it(
    tmp_path, monkeypatch
):
    path = tmp_path / "bomb.xlsx"
    # A small archive whose sheet unpacks to 50 MB of one repeated character.
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "a" * (50 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    monkeypatch.setattr(loading, "MAX_UNPACKED_BYTES", 10 * 1024 * 1024)

    def never(*args, **kwargs):
        raise AssertionError("openpyxl opened the workbook")

    monkeypatch.setattr(workbook, "load_workbook", never)
    with pytest.raises(ImportFileError, match="bomb.xlsx would unpack to 50 MB"):
        load_path(path)


def test_a_workbook_with_too_many_rows_is_refused_and_nothing_is_written(tmp_path, monkeypatch):
    path = themes_workbook(tmp_path / "records.xlsx", rows=12)
    monkeypatch.setattr(workbook, "MAX_ROWS", 10)

    with pytest.raises(CommandError, match="more than 10 rows in sheet 'themes'"):
        call_command("import_fellowship", str(path))

    assert not Theme.objects.exists()


def test_a_workbook_within_the_row_limit_imports(tmp_path, monkeypatch):
    path = themes_workbook(tmp_path / "records.xlsx", rows=10)
    monkeypatch.setattr(workbook, "MAX_ROWS", 10)

    data = load_path(path)

    assert len(data["themes"]) == 10


def test_a_workbook_with_too_many_columns_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "records.xlsx"
    book = Workbook()
    book.active.title = "themes"
    book.active.append([f"column {n}" for n in range(8)])
    book.save(path)
    monkeypatch.setattr(workbook, "MAX_COLUMNS", 5)

    with pytest.raises(ImportFileError, match="more than 5 columns in sheet 'themes'"):
        load_path(path)


def test_the_limits_are_documented_in_the_readme():
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    assert f"{loading.MAX_FILE_BYTES // loading.MEGABYTE} MB" in readme
    assert f"{loading.MAX_UNPACKED_BYTES // loading.MEGABYTE} MB" in readme
    assert f"{workbook.MAX_ROWS:,}" in readme
