"""The evaluation export: its sheets and dictionary, pseudonyms, the identifiable option, the command."""

from io import BytesIO, StringIO
from types import ModuleType
from unittest import mock

from django.core.management import CommandError, call_command

from wagtail.models import ModelLogEntry

import pytest
from openpyxl import load_workbook

from impact import evaluation
from impact.models import EvaluationExport
from reuse.models import FindingUse, OrganisationType
from tests.factories import UserFactory
from tests.impact.conftest import answered


def workbook(identifiable=False):
    book = load_workbook(BytesIO(evaluation.export_bytes(None, identifiable, "admin")))
    return {sheet.title: [[c.value for c in row] for row in sheet.iter_rows()] for sheet in book}


def all_text(sheets):
    return " ".join(str(v) for rows in sheets.values() for row in rows for v in row if v)


@pytest.fixture
def data(completed, fellow):
    answered(completed, fellow, practice_change='=HYPERLINK("http://x")')
    FindingUse.objects.create(
        finding=completed.findings.first(),
        organisation_type=OrganisationType.NHS,
        who="Nurse Jane Doe",
        how_used="In training.",
    )


def test_one_sheet_per_entity_and_a_dictionary_of_every_column(data):
    sheets = workbook()
    assert list(sheets) == [
        "Data dictionary",
        "Projects",
        "Follow-ups",
        "Use reports",
        "Zero-result searches",
        "Citation downloads",
        "Milestones",
        "Check-ins",
    ]
    described = {(row[0], row[1]) for row in sheets["Data dictionary"][1:]}
    for name, rows in sheets.items():
        if name != "Data dictionary":
            for heading in rows[0]:
                assert (name, heading) in described


def test_fellows_are_pseudonymised_by_default_and_the_same_in_every_export(data, fellow):
    first, second = workbook(), workbook()
    text = all_text(first)
    assert "Asha Patel" not in text
    assert "asha.patel@example.org" not in text
    assert "Nurse Jane Doe" not in text
    code = evaluation.pseudonym(fellow.pk)
    assert code in text
    assert first["Follow-ups"][1][2] == second["Follow-ups"][1][2] == code


def test_the_identifiable_export_names_fellows(data):
    text = all_text(workbook(identifiable=True))
    assert "Asha Patel" in text and "asha.patel@example.org" in text


def test_text_that_looks_like_a_formula_is_a_plain_text_cell(data):
    book = load_workbook(BytesIO(evaluation.export_bytes(None, False, "admin")))
    sheet = book["Follow-ups"]
    column = [c.value for c in sheet[1]].index("practice_change")
    cell = sheet.cell(row=2, column=column + 1)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x")'


def test_another_apps_evaluation_module_adds_its_sheets(data):
    extra = evaluation.Sheet(
        "Partners",
        "Partners of each project.",
        [evaluation.Column("partner", "Its name.")],
        lambda identifiable: [["Leeds Mind"]],
    )
    module = ModuleType("partners.evaluation")
    module.SHEETS = [extra]
    config = mock.Mock(name="partners", module=mock.Mock())
    config.name = "partners"
    real = evaluation.apps.get_app_configs()
    with (
        mock.patch.object(evaluation.apps, "get_app_configs", return_value=[*real, config]),
        mock.patch.object(evaluation, "module_has_submodule", lambda m, n: m is config.module),
        mock.patch.object(evaluation, "import_module", return_value=module),
    ):
        sheets = workbook()
    assert sheets["Partners"] == [["partner"], ["Leeds Mind"]]
    assert ["Partners", "partner", "Its name."] in sheets["Data dictionary"]


def run(*args):
    out = StringIO()
    call_command("export_evaluation", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_the_command_writes_the_pseudonymised_workbook(data, tmp_path):
    target = tmp_path / "evaluation.xlsx"
    assert "pseudonymised" in run(str(target))
    assert "Projects" in load_workbook(target).sheetnames
    assert EvaluationExport.objects.get().via == "command"


def test_the_command_refuses_an_identifiable_export_without_a_superuser(data, tmp_path):
    UserFactory(username="plain")
    for args in (["--identifiable"], ["--identifiable", "--user", "plain"]):
        with pytest.raises(CommandError, match="superuser"):
            run(str(tmp_path / "e.xlsx"), *args)
    assert not (tmp_path / "e.xlsx").exists()
    assert not EvaluationExport.objects.exists()


def test_the_commands_identifiable_export_is_logged_against_the_superuser(data, tmp_path):
    admin = UserFactory(username="root", is_superuser=True)
    run(str(tmp_path / "e.xlsx"), "--identifiable", "--user", "root")
    assert ModelLogEntry.objects.get(action=evaluation.LOG_ACTION).user == admin


@pytest.mark.parametrize(
    "name, message", [("e.csv", "must end in .xlsx"), ("no/e.xlsx", "no folder")]
)
def test_the_command_explains_a_bad_path(db, tmp_path, name, message):
    with pytest.raises(CommandError, match=message):
        run(str(tmp_path / name))
