"""Reading an uploaded registration workbook into rows, before any meaning is given to them.

The checks of ``common.imports.reading`` apply: an unencrypted XLSX of at most 5 MB, not a "zip
bomb", at most 50,000 rows, the template's headers. The sheet is the one named "Đăng ký thi
đua", else the workbook's first sheet (a user who pasted the rows into a new workbook). Blank
rows and the example rows are skipped; cells come as openpyxl gives them, text stripped of
surrounding and repeated spaces.
"""

from django.utils.translation import gettext as _

from common.imports.reading import (
    SheetRow,
    WorkbookError,
    rows_required,
    sheet_find,
    sheet_read,
    workbook_open,
)
from registrations.imports.layout import COLUMNS, SHEET


def registration_workbook_read(*, data: bytes) -> list[SheetRow]:
    """The data rows of ``data``, an XLSX file (``SheetRow.values`` keyed by layout.COLUMNS'
    keys); raises ``WorkbookError`` when the file is not an XLSX, is encrypted, too large,
    lacks a column or has no rows."""
    with workbook_open(data) as book:
        sheet = sheet_find(book, SHEET) or next(iter(book.worksheets), None)
        if sheet is None:
            raise WorkbookError(
                _("The file has no sheet named '%(sheet)s': use the template.") % {"sheet": SHEET}
            )
        rows = sheet_read(sheet, name=SHEET, columns=COLUMNS)
    return rows_required(rows)
