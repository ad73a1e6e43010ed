"""A ``layout.Document`` as an Excel workbook (.xlsx), written with openpyxl.

The first sheet starts with the Decree 30/2020 header: the issuing bodies over the left half of
the columns, the national title and motto over the right half, the place-and-date line, the title
and subtitle (merged across the table), then the notes; every sheet then holds its tables (a bold
header row with borders, repeated on every printed page; section rows merged across, in bold;
total rows in bold) and the first sheet ends with the closing lines and the signature block. Set
in Times New Roman, A4 landscape, fitted to the page width. Numbers stay numbers; dates are real
dates shown dd/mm/yyyy; text a spreadsheet could run as a formula is neutralised
and control characters Excel refuses are dropped (reports.writers.cells.clean_text).
"""

import datetime
import io
import math

from awards.history_export import DATE_FORMAT
from common.decree30 import MOTTO, NATION
from registrations.exports.layout import Document, Table
from reports.writers.cells import clean_text

FONT = "Times New Roman"
SIZE = 12
LINE_HEIGHT = 16  # points for one line of 12 pt text
SHEET_TITLE_MAX = 31  # Excel's limit on a sheet's name


def document_xlsx(document: Document) -> bytes:
    """The document as .xlsx bytes (see the module's docstring for the layout)."""
    from openpyxl import Workbook  # heavy: loaded only when a workbook is written

    workbook = Workbook()
    workbook.remove(workbook.active)
    for index, name in enumerate(document.sheets):
        tables = [table for table in document.tables if table.sheet == name]
        _Sheet(workbook.create_sheet(title=name[:SHEET_TITLE_MAX]), document, tables).write(
            first=index == 0
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cell_text(value):
    """``value`` as a cell holds it: text without the control characters Excel refuses and
    neutralised against formulas (None when empty); numbers and dates unchanged."""
    if isinstance(value, str):
        return clean_text(value) or None
    return value


class _Sheet:
    """Writes one worksheet row by row (``self.row`` is the next row to write)."""

    def __init__(self, sheet, document: Document, tables: list[Table]):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.sheet, self.document, self.tables = sheet, document, tables
        self.row = 1
        self.columns = max(len(table.columns) for table in tables)
        self.widths = [0] * self.columns
        for table in tables:
            for index, column in enumerate(table.columns):
                self.widths[index] = max(self.widths[index], column.width)
        self.font = Font(name=FONT, size=SIZE)
        self.bold = Font(name=FONT, size=SIZE, bold=True)
        self.italic = Font(name=FONT, size=SIZE, italic=True)
        self.motto_font = Font(name=FONT, size=SIZE + 1, bold=True, underline="single")
        self.title_font = Font(name=FONT, size=SIZE + 2, bold=True)
        thin = Side(style="thin")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.fill = PatternFill("solid", start_color="F2F2F2")
        self.alignment = Alignment
        self.left_span = max(1, self.columns // 2)

    # --- helpers -----------------------------------------------------------------------------

    def _width(self, first: int, last: int) -> int:
        return sum(self.widths[first - 1 : last])

    def _put(
        self,
        column: int,
        value,
        font=None,
        *,
        last: int | None = None,
        align="left",
        wrap=True,
        height_for: str = "",
    ):
        """Write ``value`` at (self.row, column), merged up to column ``last``; ``height_for``
        is text whose wrapped lines set the row's height (merged cells do not grow)."""
        cell = self.sheet.cell(row=self.row, column=column, value=cell_text(value))
        cell.font = font or self.font
        cell.alignment = self.alignment(horizontal=align, vertical="top", wrap_text=wrap)
        if last and last > column:
            self.sheet.merge_cells(
                start_row=self.row, start_column=column, end_row=self.row, end_column=last
            )
        if height_for:
            # Bold capitals and Times New Roman run wider than Excel's width unit.
            lines = math.ceil(len(height_for) * 1.25 / max(self._width(column, last or column), 1))
            current = self.sheet.row_dimensions[self.row].height or LINE_HEIGHT
            self.sheet.row_dimensions[self.row].height = max(current, LINE_HEIGHT * max(lines, 1))
        return cell

    def _line(self, text: str, font=None, *, align="center"):
        """A paragraph across the whole sheet."""
        self._put(1, text, font, last=self.columns, align=align, height_for=text)
        self.row += 1

    # --- parts -------------------------------------------------------------------------------

    def write(self, *, first: bool) -> None:
        if first:
            self._header()
        else:
            self._line(self.document.title, self.bold)
            self.row += 1
        for table in self.tables:
            self._table(table)
        if first:
            self._closing()
        self._page_setup()

    def _header(self) -> None:
        doc, left, right_first = self.document, self.left_span, self.left_span + 1
        bodies = [
            (text, font)
            for text, font in ((doc.parent_issuer, self.font), (doc.issuer, self.bold))
            if text
        ]
        national = [(NATION, self.bold), (MOTTO, self.motto_font)]
        for (body, body_font), (nation, nation_font) in _pairs(bodies, national):
            if body:
                self._put(1, body, body_font, last=left, align="center", height_for=body)
            if nation:
                self._put(
                    right_first,
                    nation,
                    nation_font,
                    last=self.columns,
                    align="center",
                    height_for=nation,
                )
            self.row += 1
        self.row += 1
        self._put(right_first, doc.place_date, self.italic, last=self.columns, align="center")
        self.row += 2
        self._line(doc.title, self.title_font)
        if doc.subtitle:
            self._line(doc.subtitle, self.italic)
        self.row += 1
        for note in doc.notes:
            self._line(note, align="left")
        if doc.notes:
            self.row += 1

    def _table(self, table: Table) -> None:
        if table.heading:
            self._put(1, table.heading, self.bold, last=self.columns, height_for=table.heading)
            self.row += 1
        header_row = self.row
        for index, column in enumerate(table.columns, start=1):
            cell = self._put(index, column.header, self.bold, align="center")
            cell.alignment = self.alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border, cell.fill = self.border, self.fill
        self.row += 1
        if len(self.tables) == 1:  # the header row is printed again on every page
            self.sheet.print_title_rows = f"{header_row}:{header_row}"
        width = len(table.columns)
        for row in table.rows:
            if row.kind == "section":
                self._put(1, row.cells[0], self.bold, last=width)
                for index in range(1, width + 1):
                    self.sheet.cell(row=self.row, column=index).border = self.border
            else:
                font = self.bold if row.kind == "total" else self.font
                for index, (column, value) in enumerate(
                    zip(table.columns, row.cells, strict=True), start=1
                ):
                    cell = self._put(index, value, font, align=column.align)
                    cell.border = self.border
                    if isinstance(value, datetime.date):
                        cell.number_format = DATE_FORMAT
            self.row += 1
        self.row += 1

    def _closing(self) -> None:
        doc = self.document
        for text in doc.closing:
            self._line(text, align="left")
        self.row += 1
        right_first = self.left_span + 1
        for title in doc.signature:
            self._put(right_first, title, self.bold, last=self.columns, align="center")
            self.row += 1
        if doc.signature_note:
            self._put(
                right_first, doc.signature_note, self.italic, last=self.columns, align="center"
            )
            self.row += 1

    def _page_setup(self) -> None:
        from openpyxl.utils import get_column_letter

        for index, width in enumerate(self.widths, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        setup = self.sheet.page_setup
        setup.orientation = "landscape"
        setup.paperSize = self.sheet.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = 1, 0
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True
        self.sheet.print_options.horizontalCentered = True


def _pairs(left: list, right: list) -> list[tuple]:
    """Zip two lists of (text, font), padding the shorter one with ("", None)."""
    size = max(len(left), len(right))
    pad = [("", None)]
    return list(
        zip(left + pad * (size - len(left)), right + pad * (size - len(right)), strict=True)
    )
