"""Reading an import file (JSON or .xlsx) into the document shape, within size limits.

The limits (README, "Import and export") keep one file from filling the server's memory: a JSON
file is refused by its size before it is read, and a workbook (a zip archive, which can unpack to
a thousand times its size) by the sizes its archive declares before openpyxl opens it. Python's
zipfile never unpacks more than an entry declares, so a false declaration cannot get past this.
The row limit is applied while the sheets are read (``workbook.MAX_ROWS``).
"""

import json
import zipfile
from pathlib import Path

from openpyxl.utils.exceptions import InvalidFileException

from records.importers.report import ImportValidationError
from records.importers.workbook import MAX_ROWS, WorkbookReader, WorkbookTooLarge

MEGABYTE = 1024 * 1024
# A full export of the programme's records is well under 5 MB as JSON or as a workbook.
MAX_FILE_BYTES = 20 * MEGABYTE
# What a workbook may unpack to: its XML is several times the size of the same records as JSON.
MAX_UNPACKED_BYTES = 200 * MEGABYTE


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
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"{path.name} is {size / MEGABYTE:.0f} MB; the import takes files of up to "
            f"{MAX_FILE_BYTES // MEGABYTE} MB. Split the records across several files."
        )
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
        check_unpacked_size(path)
        data = reader.read(path)
    except WorkbookTooLarge as error:
        raise ImportFileError(f"{path.name} {error}") from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise ImportFileError(
            f"{path.name} could not be read as an Excel workbook ({error})."
        ) from None
    return LoadedDocument(data, locate=reader.locate, problems=reader.problems)


def check_unpacked_size(path):
    """Refuse a workbook whose archive declares more than ``MAX_UNPACKED_BYTES`` of contents."""
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(entry.file_size for entry in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookTooLarge(
            f"would unpack to {unpacked / MEGABYTE:.0f} MB; the import takes workbooks that "
            f"unpack to at most {MAX_UNPACKED_BYTES // MEGABYTE} MB (and {MAX_ROWS:,} rows a "
            "sheet). Split the records across several files."
        )
