"""A ``Report`` as an Excel workbook, written by XlsxWriter in constant memory.

Rows go to disk as they are written (XlsxWriter's ``constant_memory`` mode keeps one row in
memory and the rest in temporary files of ``tempfile.gettempdir()``), so 100,000 rows cost no
more memory than ten: every sheet is written top to bottom, sheet after sheet.

The first sheet starts with the Decree 30/2020 header: the issuing bodies over the left half of
the columns, the national title and motto over the right half, the place-and-date line, the
title, the subtitle and the notes. Every sheet then holds its optional heading, a bold bordered
header row (repeated on every printed page, frozen on screen), its rows and an optional bold
total row; the first sheet ends with the signature block. Set in Times New Roman, A4 landscape
fitted to the page width, pages numbered in the footer. Numbers stay numbers, dates are real
dates shown dd/mm/yyyy, text is neutralised against formulas and cleaned of the control
characters Excel refuses (reports/writers/cells.py).
"""

import datetime
import math
import re
import tempfile
from decimal import Decimal

from common.decree30 import MOTTO, NATION
from reports.tabular import Column, Report, Sheet
from reports.writers.cells import EXCEL_TEXT_LIMIT, Counter, clean_text

FONT = "Times New Roman"
SIZE = 12
LINE_HEIGHT = 16  # points for one line of 12 pt text
SHEET_NAME_MAX = 31  # Excel's limit on a sheet's name
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
FOOTER = "&CTrang &P/&N"
A4 = 9  # XlsxWriter's paper code
FILL = "#F2F2F2"  # the header row's background


def sheet_names(names: list[str]) -> list[str]:
    """Valid, unique worksheet names for ``names``, in order: the characters Excel forbids
    (``[ ] : * ? / \\``) replaced by "-", at most 31 characters, a number added to repeats
    ("Danh sách (2)"); "Bảng 1", "Bảng 2"… for empty names. Excel compares names ignoring
    case."""
    result: list[str] = []
    taken: set[str] = set()
    for index, name in enumerate(names, start=1):
        base = SHEET_NAME_FORBIDDEN.sub("-", name or "").strip().strip("'") or f"Bảng {index}"
        candidate, number = base[:SHEET_NAME_MAX], 1
        while candidate.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


def write_xlsx(report: Report, out, progress=None) -> None:
    """Write ``report`` as .xlsx into ``out`` (a binary file open for writing, seekable or not),
    calling ``progress(done, total)`` as rows are written (see the module's docstring)."""
    import xlsxwriter  # loaded only when a workbook is written

    workbook = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "tmpdir": tempfile.gettempdir(),
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    counter = Counter(progress, report.row_count)
    try:
        styles = _Styles(workbook)
        names = sheet_names([sheet.name for sheet in report.sheets])
        for index, (sheet, name) in enumerate(zip(report.sheets, names, strict=True)):
            _SheetWriter(workbook.add_worksheet(name), styles, report, sheet, counter).write(
                first=index == 0
            )
        if not report.sheets:  # a workbook needs a sheet: the header alone
            empty = Sheet(name="", columns=(Column(""), Column("")), rows=tuple)
            _SheetWriter(workbook.add_worksheet("Bảng 1"), styles, report, empty, counter).write(
                first=True, table=False
            )
    finally:
        workbook.close()
    counter.finish()


class _Styles:
    """The workbook's cell formats, made once each and reused."""

    def __init__(self, workbook):
        self.workbook = workbook
        self._made: dict[tuple, object] = {}

    def get(self, **properties):
        key = tuple(sorted(properties.items()))
        if key not in self._made:
            self._made[key] = self.workbook.add_format(
                {"font_name": FONT, "font_size": SIZE, "valign": "top", **properties}
            )
        return self._made[key]

    def cell(self, *, align: str, bold: bool = False, num_format: str = ""):
        """A bordered table cell."""
        properties = {"border": 1, "text_wrap": True, "align": align, "bold": bold}
        if num_format:
            properties["num_format"] = num_format
        return self.get(**properties)


class _SheetWriter:
    """Writes one worksheet top to bottom (``self.row`` is the next row, 0-based)."""

    def __init__(self, worksheet, styles: _Styles, report: Report, sheet: Sheet, counter):
        self.ws, self.styles, self.report, self.sheet = worksheet, styles, report, sheet
        self.counter = counter
        self.row = 0
        self.widths = [column.width for column in sheet.columns]
        self.span = max(len(sheet.columns), 2)  # header columns (a one-column table: two)
        while len(self.widths) < self.span:
            self.widths.append(16)
        self.left_span = max(1, self.span // 2)

    # --- helpers -----------------------------------------------------------------------------

    def _put(self, first: int, last: int, text: str, style, *, wrap_lines: bool = True) -> None:
        """``text`` over the columns ``first``..``last`` of the current row (merged), the row
        made tall enough for it."""
        text = clean_text(text)[:EXCEL_TEXT_LIMIT]
        if first == last:
            self.ws.write_string(self.row, first, text, style)
        else:
            self.ws.merge_range(self.row, first, self.row, last, text, style)
        if wrap_lines:
            width = max(sum(self.widths[first : last + 1]), 1)
            lines = max(1, math.ceil(len(text) * 1.2 / width))
            if lines > 1:
                self.ws.set_row(self.row, LINE_HEIGHT * lines)

    def _line(self, text: str, style) -> None:
        """A paragraph across the header's columns."""
        self._put(0, self.span - 1, text, style)
        self.row += 1

    # --- parts -------------------------------------------------------------------------------

    def write(self, *, first: bool, table: bool = True) -> None:
        for index, width in enumerate(self.widths):
            self.ws.set_column(index, index, width)
        if first:
            self._header()
        if table:
            self._table()
        if first and self.report.signature:
            self._signature()
        self._page_setup()

    def _header(self) -> None:
        report, get = self.report, self.styles.get
        centered = {"align": "center", "text_wrap": True}
        bodies = [
            (text, get(**centered, bold=bold))
            for text, bold in ((report.parent_issuer, False), (report.issuer, True))
            if text
        ]
        national = [
            (NATION, get(**centered, bold=True)),
            (MOTTO, get(**centered, bold=True, underline=1, font_size=SIZE + 1)),
        ]
        right = (self.left_span, self.span - 1)
        for index in range(max(len(bodies), len(national))):
            if index < len(bodies):
                self._put(0, self.left_span - 1, *bodies[index])
            if index < len(national):
                self._put(*right, *national[index])
            self.row += 1
        self.row += 1
        if report.place_date:
            self._put(*right, report.place_date, get(align="center", italic=True))
            self.row += 1
        self.row += 1
        self._line(report.title, get(**centered, bold=True, font_size=SIZE + 2))
        if report.subtitle:
            self._line(report.subtitle, get(**centered, italic=True))
        self.row += 1
        for note in report.notes:
            self._line(note, get(align="left", text_wrap=True))
        if report.notes:
            self.row += 1

    def _table(self) -> None:
        sheet, styles = self.sheet, self.styles
        columns = sheet.columns
        if sheet.heading:
            self._put(0, max(len(columns), 1) - 1, sheet.heading, styles.get(bold=True))
            self.row += 1
        header = styles.get(
            bold=True, border=1, text_wrap=True, align="center", valign="vcenter", bg_color=FILL
        )
        for index, column in enumerate(columns):
            self.ws.write_string(self.row, index, clean_text(column.header), header)
        self.ws.repeat_rows(self.row)
        self.ws.freeze_panes(self.row + 1, 0)
        self.row += 1
        plain = [self._column_styles(column, bold=False) for column in columns]
        for values in sheet.rows():
            self._row(plain, values)
            self.counter.add()
        if sheet.total is not None:
            self._row([self._column_styles(column, bold=True) for column in columns], sheet.total)

    def _column_styles(self, column: Column, *, bold: bool) -> tuple:
        """(text and number, date, date and time) formats of a column's cells."""
        cell = self.styles.cell
        return (
            cell(align=column.align, bold=bold),
            cell(align="center", bold=bold, num_format=DATE_FORMAT),
            cell(align="center", bold=bold, num_format=DATETIME_FORMAT),
        )

    def _row(self, styles: list[tuple], values) -> None:
        """One table row; ``styles`` as ``_column_styles`` gives them, one per column."""
        ws, row = self.ws, self.row
        size = len(values)
        for index, (style, date_style, datetime_style) in enumerate(styles):
            value = values[index] if index < size else None
            if isinstance(value, str):
                if value:
                    ws.write_string(row, index, clean_text(value)[:EXCEL_TEXT_LIMIT], style)
                else:
                    ws.write_blank(row, index, None, style)
            elif value is None:
                ws.write_blank(row, index, None, style)
            elif isinstance(value, bool):
                ws.write_string(row, index, "Có" if value else "Không", style)
            elif isinstance(value, (int, float)):
                ws.write_number(row, index, value, style)
            elif isinstance(value, Decimal):
                ws.write_number(row, index, float(value), style)
            elif isinstance(value, datetime.datetime):
                if value.tzinfo is not None:
                    from django.utils import timezone

                    value = timezone.localtime(value).replace(tzinfo=None)
                ws.write_datetime(row, index, value, datetime_style)
            elif isinstance(value, datetime.date):
                ws.write_datetime(row, index, value, date_style)
            else:
                ws.write_string(row, index, clean_text(str(value))[:EXCEL_TEXT_LIMIT], style)
        self.row += 1

    def _signature(self) -> None:
        self.row += 1
        style = self.styles.get(align="center", bold=True, text_wrap=True)
        for line in self.report.signature:
            self._put(self.left_span, self.span - 1, line, style)
            self.row += 1

    def _page_setup(self) -> None:
        ws = self.ws
        ws.set_landscape()
        ws.set_paper(A4)
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer(FOOTER)
