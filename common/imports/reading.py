"""Reading an uploaded workbook into rows, before any meaning is given to them.

Only the file is judged here: is it an unencrypted XLSX of sane size (``workbook_open``), does a
sheet have the template's headers (``sheet_read``)? Cells are returned as openpyxl gives them,
text stripped of surrounding and repeated spaces. Blank rows and example rows are skipped.

An import's reader (``awards.imports.reading``, ``registrations.imports.reading``) opens the
file, finds its sheets (``sheet_find``), reads them and refuses a file without rows
(``rows_required``)::

    with workbook_open(data) as book:
        rows = sheet_read(sheet_find(book, SHEET), name=SHEET, columns=COLUMNS)
    return rows_required(rows)
"""

import io
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from common.imports.layout import EXAMPLE_MARKER, Column, header_key
from common.upload_content import zip_archive_check

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# An XLSX is a zip: refuse one that would unpack to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 50_000
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted XLSX and old .xls files


class WorkbookError(Exception):
    """The file cannot be read as the import's workbook; the message says why, for the user."""


@dataclass(frozen=True)
class SheetRow:
    """One data row: ``sheet`` is the template's name of its sheet, ``row`` its Excel row number
    (the header is row 1), ``values`` maps a column key to the cell's value (str, int, float,
    datetime or None)."""

    sheet: str
    row: int
    values: dict[str, object]


@contextmanager
def workbook_open(data: bytes) -> Iterator:
    """The openpyxl workbook (read-only, values not formulas) of ``data``, closed when the
    block ends. Raises ``WorkbookError`` when the file is larger than ``MAX_UPLOAD_BYTES``, is
    encrypted or an old .xls, is not a zip, is a "zip bomb" (``zip_archive_check``: more than
    ``MAX_UNPACKED_BYTES`` unpacked, absurd compression, too many members, nested archives) or
    cannot be opened as XLSX."""
    from openpyxl import load_workbook

    if len(data) > MAX_UPLOAD_BYTES:
        raise WorkbookError(_("The file is larger than 5 MB."))
    if data.startswith(OLE_SIGNATURE):
        raise WorkbookError(
            _(
                "The file is protected by a password or saved in the old .xls format: "
                "save it as an Excel workbook (.xlsx) without a password."
            )
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise WorkbookError(_("The file is not an Excel workbook (.xlsx).")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(_("The file is too large once unpacked."))
    try:  # too many members, absurd compression, archives inside
        zip_archive_check(io.BytesIO(data), max_unpacked=MAX_UNPACKED_BYTES)
    except ValidationError as error:
        raise WorkbookError(" ".join(error.messages)) from error
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it drops (extensions, styles): irrelevant here.
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise WorkbookError(_("The file is not an Excel workbook (.xlsx).")) from error
    try:
        yield book
    finally:
        book.close()


def sheet_find(book, name: str):
    """The sheet of ``book`` titled ``name`` (compared with ``header_key``; of two such
    sheets, the last), or None."""
    return {header_key(sheet.title): sheet for sheet in book.worksheets}.get(header_key(name))


def sheet_read(
    sheet, *, name: str, columns: Sequence[Column], budget: int = MAX_ROWS
) -> list[SheetRow]:
    """The data rows of ``sheet`` (``SheetRow.sheet`` is ``name``), their values keyed by the
    keys of ``columns``, found by header in any order. Skips blank rows and rows whose "number"
    cell starts with ``EXAMPLE_MARKER``. Raises ``WorkbookError`` when a required column is
    missing (naming them) or when there are more than ``budget`` rows (the message says
    ``MAX_ROWS``: a reader of several sheets passes what the earlier sheets left)."""
    sheet.reset_dimensions()  # do not trust the stored size: some programs write it wrong
    lines = sheet.iter_rows(values_only=True)
    header = next(lines, None) or ()
    positions = {header_key(value): i for i, value in enumerate(header) if value is not None}
    index = {column.key: positions.get(header_key(column.header)) for column in columns}
    missing = [c.header for c in columns if c.required and index[c.key] is None]
    if missing:
        raise WorkbookError(
            _("The sheet '%(sheet)s' lacks the columns: %(columns)s. Use the template.")
            % {"sheet": name, "columns": ", ".join(missing)}
        )
    example = header_key(EXAMPLE_MARKER)
    rows = []
    for number, line in enumerate(lines, start=2):
        values = {key: _cell(line, i) for key, i in index.items()}
        if all(value is None for value in values.values()):
            continue
        if header_key(values.get("number") or "").startswith(example):
            continue
        if len(rows) == budget:
            raise WorkbookError(
                _("The file has more than %(count)s rows: split it into several files.")
                % {"count": MAX_ROWS}
            )
        rows.append(SheetRow(sheet=name, row=number, values=values))
    return rows


def rows_required(rows: list[SheetRow]) -> list[SheetRow]:
    """``rows``; raises ``WorkbookError`` when there are none (only the examples, or blank)."""
    if not rows:
        raise WorkbookError(_("The file has no rows to import."))
    return rows


def _cell(line: tuple, position: int | None) -> object:
    if position is None or position >= len(line):
        return None
    value = line[position]
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return value
