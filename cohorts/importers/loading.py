"""Reading an import file (JSON or .xlsx) into the document shape."""

import json
import zipfile
from pathlib import Path

from openpyxl.utils.exceptions import InvalidFileException

from cohorts.importers.report import ImportValidationError
from cohorts.importers.workbook import WorkbookReader


class ImportFileError(ImportValidationError):
    """The file cannot be read at all: missing, the wrong kind of file, or not valid JSON."""

    def __init__(self, message):
        super().__init__([message])
        self.args = (message,)


def json_location(path):
    """``cohorts[1].projects[3].findings[0].confidence`` for the path of a value."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "document"


class LoadedDocument(dict):
    """A document read from a file: a plain dict, plus what reading it found.

    ``problems`` are the workbook's own problems (unknown sheets, rows naming a missing parent);
    ``locate`` turns a path into the place a person looks for it (sheet, row and column).
    """

    def __init__(self, data, *, locate=json_location, problems=()):
        super().__init__(data)
        self.locate = locate
        self.problems = list(problems)


def load_path(path):
    """Read ``path`` (``.json`` or ``.xlsx``) into the document dict that ``import_document`` takes."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".xlsx"):
        raise ImportFileError(
            f"{path.name} is not a .json or .xlsx file; the import reads only those two."
        )
    if not path.is_file():
        raise ImportFileError(f"There is no file at {path}.")
    if suffix == ".json":
        try:
            with path.open(encoding="utf-8-sig") as handle:
                data = json.load(handle)
        except UnicodeDecodeError:
            raise ImportFileError(f"{path.name} is not UTF-8 text, so it cannot be JSON.") from None
        except json.JSONDecodeError as error:
            raise ImportFileError(
                f"{path.name} is not valid JSON: {error.msg} at line {error.lineno}, "
                f"column {error.colno}."
            ) from None
        return LoadedDocument(data) if isinstance(data, dict) else data
    reader = WorkbookReader()
    try:
        data = reader.read(path)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise ImportFileError(
            f"{path.name} could not be read as an Excel workbook ({error})."
        ) from None
    return LoadedDocument(data, locate=reader.locate, problems=reader.problems)
