"""The import_fellowship command: exit status, problem listing, dry run and progress."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command

import pytest

from cohorts.models import Fellow
from projects.models import ProjectPage

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).parent / "data" / "small.json"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_fellowship", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def test_import_reports_what_it_created():
    out, _ = run(str(SMALL))
    assert "Imported small.json." in out
    assert "projects:  2 created, 0 updated, 0 unchanged" in out
    assert ProjectPage.objects.count() == 2


def test_second_import_says_unchanged():
    run(str(SMALL))
    out, _ = run(str(SMALL))
    assert "projects:  0 created, 0 updated, 2 unchanged" in out
    assert "unchanged" in out.splitlines()[-1]


def test_dry_run_writes_nothing():
    out, _ = run(str(SMALL), "--dry-run")
    assert "Dry run of small.json" in out
    assert "projects:  2 to create, 0 to update, 0 unchanged" in out
    assert ProjectPage.objects.count() == 0
    assert Fellow.objects.count() == 0


def test_missing_file_is_an_error():
    with pytest.raises(CommandError, match="There is no file at"):
        run("/nonexistent/records.json")


def test_other_extensions_are_an_error(tmp_path):
    path = write(tmp_path, "records.csv", "slug,title\n")
    with pytest.raises(CommandError, match=r"records.csv is not a \.json or \.xlsx file"):
        run(str(path))


def test_invalid_json_is_an_error(tmp_path):
    path = write(tmp_path, "records.json", '{"format": "fellowship-import/1",,}')
    with pytest.raises(CommandError, match="records.json is not valid JSON: .* at line 1, column"):
        run(str(path))


def test_wrong_format_is_an_error(tmp_path):
    path = write(tmp_path, "records.json", {"format": "something-else"})
    err = StringIO()
    with pytest.raises(CommandError, match="records.json has 1 problem; nothing was imported"):
        call_command("import_fellowship", str(path), stdout=StringIO(), stderr=err)
    assert "format: must be 'fellowship-import/1' (found 'something-else')" in err.getvalue()


def test_invalid_records_are_listed_and_nothing_is_written(tmp_path):
    doc = json.loads(SMALL.read_text())
    doc["cohorts"][0]["projects"][0]["findings"][0]["confidence"] = "high"
    doc["cohorts"][0]["projects"][1]["status"] = "finished"
    path = write(tmp_path, "records.json", doc)
    err = StringIO()
    with pytest.raises(CommandError, match="has 2 problems; nothing was imported"):
        call_command("import_fellowship", str(path), stdout=StringIO(), stderr=err)
    assert "cohorts[0].projects[0].findings[0].confidence: 'high' is not one of" in err.getvalue()
    assert "cohorts[0].projects[1].status: 'finished' is not one of" in err.getvalue()
    assert ProjectPage.objects.count() == 0


def test_long_imports_show_progress(tmp_path):
    doc = json.loads(SMALL.read_text())
    doc["cohorts"][0]["fellows"] += [
        {"slug": f"fellow-{n}", "name": f"Fellow {n}"} for n in range(118)
    ]
    path = write(tmp_path, "many.json", doc)
    _, err = run(str(path))
    assert err.splitlines() == ["fellows 50/120", "fellows 100/120", "fellows 120/120"]


def test_small_imports_are_quiet_unless_asked(tmp_path):
    _, err = run(str(SMALL))
    assert err == ""
    _, err = run(str(SMALL), "--verbosity", "2")
    assert "projects 1/2" in err.splitlines()
    assert "projects 2/2" in err.splitlines()


def test_the_command_exits_with_status_1_on_a_bad_file(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "import_fellowship", str(tmp_path / "missing.json")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "fellowship.settings.test", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 1
    assert "There is no file at" in result.stderr
