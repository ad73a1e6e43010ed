"""Reading an uploaded award-history workbook into rows, before any meaning is given to them.

Only the file is judged here: is it an unencrypted XLSX of sane size, does it have the sheets
and headers of the template (layout.py)? Cells are returned as openpyxl gives them, text stripped
of surrounding and repeated spaces. Blank rows and the template's example row are skipped.
"""

import io
import warnings
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from awards.imports.layout import (
    COLUMNS,
    EXAMPLE_MARKER,
    GRANT_SHEET,
    RATING_SHEET,
    Column,
    header_key,
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# An XLSX is a zip: refuse one that would unpack to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 50_000
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted XLSX and old .xls files


class WorkbookError(Exception):
    """The file cannot be read as an award-history workbook; the message says why, for the
    user."""


@dataclass(frozen=True)
class SheetRow:
    """One data row: ``row`` is its Excel row number (the header is row 1), ``values`` maps a
    column key (layout.py) to the cell's value (str, int, float, datetime or None)."""

    sheet: str
    row: int
    values: dict[str, object]


@dataclass
class WorkbookRows:
    """The data rows of both sheets; a sheet the file does not have gives no rows."""

    grants: list[SheetRow] = field(default_factory=list)
    ratings: list[SheetRow] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.grants) + len(self.ratings)


def history_workbook_read(*, data: bytes) -> WorkbookRows:
    """Read the rows of ``data``, an XLSX file; raises ``WorkbookError`` when the file is not an
    XLSX, is encrypted, too large, has neither sheet, lacks a column or has no rows."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise WorkbookError(_("The file is larger than 5 MB."))
    if data.startswith(_OLE_SIGNATURE):
        raise WorkbookError(
            _(
                "The file is protected by a password or saved in the old .xls format: "
                "save it as an Excel workbook (.xlsx) without a password."
            )
        )
    book = _open(data)
    try:
        sheets = {header_key(sheet.title): sheet for sheet in book.worksheets}
        found = {name: sheets.get(header_key(name)) for name in (GRANT_SHEET, RATING_SHEET)}
        if not any(found.values()):
            raise WorkbookError(
                _("The file has no sheet named '%(grants)s' or '%(ratings)s': use the template.")
                % {"grants": GRANT_SHEET, "ratings": RATING_SHEET}
            )
        rows = WorkbookRows()
        budget = MAX_ROWS
        for name, sheet in found.items():
            if sheet is None:
                continue
            sheet_rows = _read_sheet(sheet, name, COLUMNS[name], budget)
            budget -= len(sheet_rows)
            if name == GRANT_SHEET:
                rows.grants = sheet_rows
            else:
                rows.ratings = sheet_rows
    finally:
        book.close()
    if not len(rows):
        raise WorkbookError(_("The file has no rows to import."))
    return rows


def _open(data: bytes):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise WorkbookError(_("The file is not an Excel workbook (.xlsx).")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(_("The file is too large once unpacked."))
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it drops (extensions, styles): irrelevant here.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise WorkbookError(_("The file is not an Excel workbook (.xlsx).")) from error


def _read_sheet(sheet, name: str, columns: tuple[Column, ...], budget: int) -> list[SheetRow]:
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
        if header_key(values["number"] or "").startswith(example):
            continue
        if len(rows) == budget:
            raise WorkbookError(
                _("The file has more than %(count)s rows: split it into several files.")
                % {"count": MAX_ROWS}
            )
        rows.append(SheetRow(sheet=name, row=number, values=values))
    return rows


def _cell(line: tuple, position: int | None) -> object:
    if position is None or position >= len(line):
        return None
    value = line[position]
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return value
