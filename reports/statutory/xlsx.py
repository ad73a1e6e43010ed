"""A statutory form as an Excel workbook in the form's own layout (openpyxl, normal mode: the
forms are small).

The first sheet is the form: the title block (form number and circular on the left, reporting
and receiving unit on the right), the title, the period, the table with its header and its
numbered row (A, B, C, 1, 2, …), the notes and the signature block. Cells a person must fill
in are light yellow with a comment saying why; the last sheet, "Ô cần nhập tay", lists each of
them with a link to it, what to enter and why the system cannot.
"""

from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from reports.statutory.layout import (
    CODE,
    LABEL,
    UNIT,
    Manual,
    StatForm,
    Sum,
    header_cells,
    number_cells,
)

CIRCULAR = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ"
MANUAL_SHEET = "Ô cần nhập tay"
MANUAL_FILL = PatternFill(fill_type="solid", start_color="FFFFF2CC", end_color="FFFFF2CC")
MANUAL_NOTE = (
    "Các ô tô màu vàng nhạt cần nhập tay: hệ thống không có đủ dữ liệu để điền; xem trang "
    "«Ô cần nhập tay»."
)
COMMENT_AUTHOR = "Hệ thống TĐKT"
FONT_NAME = "Times New Roman"
NUMBER_FORMAT = "#,##0"

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")


def _font(*, bold: bool = False, italic: bool = False, size: int = 12) -> Font:
    return Font(name=FONT_NAME, bold=bold, italic=italic, size=size)


def sheet_title(form: StatForm) -> str:
    """The form's worksheet name: "Biểu 0601"."""
    return f"Biểu {form.code}"


def write_form_xlsx(form: StatForm, out: BinaryIO) -> None:
    """Write ``form`` as a workbook into ``out`` (a binary file open for writing)."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(form)
    places = _FormSheet(sheet, form).write()
    _manual_sheet(book.create_sheet(MANUAL_SHEET), form, places)
    book.save(out)


class _FormSheet:
    """Lays one form out on ``sheet``; ``write`` returns where each cell to fill in went."""

    def __init__(self, sheet: Worksheet, form: StatForm):
        self.sheet = sheet
        self.form = form
        self.width = len(form.columns)
        self.line = 1
        self.coordinates: dict[tuple[str, str], str] = {}

    def write(self) -> dict:
        sheet = self.sheet
        for index, column in enumerate(self.form.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        places = {}
        receiving = self._title_block()
        if receiving:
            places[None] = receiving
        self._table()
        self._notes()
        self._signature()
        sheet.page_setup.orientation = "landscape" if self.width > 8 else "portrait"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        for (row_key, column_key), coordinate in self.coordinates.items():
            places[(row_key, column_key)] = coordinate
        return places

    # The title block ------------------------------------------------------------------

    def _put(self, first: int, last: int, value, *, font=None, align=_LEFT, height=None):
        """Write ``value`` across columns ``first``..``last`` (1-based) of the current line."""
        sheet = self.sheet
        cell = sheet.cell(row=self.line, column=first, value=value)
        cell.font = font or _font()
        cell.alignment = align
        if last > first:
            sheet.merge_cells(
                start_row=self.line, start_column=first, end_row=self.line, end_column=last
            )
        if height:
            sheet.row_dimensions[self.line].height = height
        return cell

    def _title_block(self) -> str | None:
        """The two columns of the title block, the title, the period and the unit of measure;
        returns the coordinate of the receiving unit when it must be filled in by hand."""
        form, last = self.form, self.width
        right = 2 if last > 1 else 1
        self._put(1, 1, f"Biểu số: {form.number}", font=_font(bold=True))
        self._put(right, last, f"Đơn vị báo cáo: {form.reporting_unit}", align=_CENTER)
        self.line += 1
        self._put(1, 1, CIRCULAR, font=_font(italic=True, size=11), height=32)
        receiving_coordinate = None
        if isinstance(form.receiving_unit, Manual):
            cell = self._put(right, last, "Đơn vị nhận báo cáo: ", align=_CENTER)
            _mark_manual(cell, form.receiving_unit)
            receiving_coordinate = cell.coordinate
        else:
            self._put(right, last, f"Đơn vị nhận báo cáo: {form.receiving_unit}", align=_CENTER)
        self.line += 1
        if form.receipt_day:
            self._put(1, 1, f"Ngày nhận báo cáo: {form.receipt_day}", font=_font(size=11))
            self.line += 1
        self.line += 1
        self._put(1, last, form.title, font=_font(bold=True, size=13), align=_CENTER, height=36)
        self.line += 1
        self._put(1, last, form.period, font=_font(italic=True), align=_CENTER)
        self.line += 1
        if form.measure:
            self._put(1, last, form.measure, font=_font(italic=True), align=_RIGHT)
            self.line += 1
        self.line += 1
        return receiving_coordinate

    # The table ------------------------------------------------------------------------

    def _table(self) -> None:
        sheet, form = self.sheet, self.form
        top = self.line
        depth = form.header_depth
        for cell in header_cells(form.columns):
            row, column = top + cell.row, 1 + cell.column
            target = sheet.cell(row=row, column=column, value=cell.text)
            target.font = _font(bold=True, size=11)
            target.alignment = _CENTER
            if cell.rows > 1 or cell.columns > 1:
                sheet.merge_cells(
                    start_row=row,
                    start_column=column,
                    end_row=row + cell.rows - 1,
                    end_column=column + cell.columns - 1,
                )
        numbers = top + depth
        for text, first, span in number_cells(form.columns):
            target = sheet.cell(row=numbers, column=1 + first, value=text)
            target.font = _font(bold=True, size=11)
            target.alignment = _CENTER
            if span > 1:
                sheet.merge_cells(
                    start_row=numbers,
                    start_column=1 + first,
                    end_row=numbers,
                    end_column=first + span,
                )
        first_line = numbers + 1
        for index, row in enumerate(form.rows):
            for position, column in enumerate(form.columns, start=1):
                self.coordinates[(row.key, column.key)] = (
                    f"{get_column_letter(position)}{first_line + index}"
                )
        for index, row in enumerate(form.rows):
            self._row(first_line + index, row)
        last_line = first_line + len(form.rows) - 1
        for line in sheet.iter_rows(min_row=top, max_row=last_line, min_col=1, max_col=self.width):
            for cell in line:
                cell.border = _BORDER
        sheet.freeze_panes = sheet.cell(row=first_line, column=2)
        self.line = last_line + 2

    def _row(self, line: int, row) -> None:
        sheet, form = self.sheet, self.form
        bold = row.kind in ("total", "section")
        for position, column in enumerate(form.columns, start=1):
            cell = sheet.cell(row=line, column=position)
            cell.font = _font(bold=bold, size=11)
            if column.key == LABEL:
                cell.value = row.label
                cell.alignment = _LEFT
            elif column.key == CODE:
                cell.value = row.code or None
                cell.alignment = _CENTER
            elif column.key == UNIT:
                cell.value = row.unit or None
                cell.alignment = _CENTER
            else:
                self._value(cell, row, column)

    def _value(self, cell, row, column) -> None:
        value = row.cells.get(column.key)
        cell.alignment = _CENTER
        cell.number_format = NUMBER_FORMAT
        if isinstance(value, Manual):
            cell.value = value.value
            _mark_manual(cell, value)
        elif isinstance(value, Sum):
            known = self.form.value(row.key, column.key)
            if known is not None:
                cell.value = known
            else:
                refs = ",".join(self.coordinates[ref] for ref in value.refs)
                cell.value = f"=SUM({refs})"
        else:
            cell.value = value

    # Under the table ------------------------------------------------------------------

    def _notes(self) -> None:
        notes = [*self.form.notes]
        if self.form.manual_count:
            notes.append(MANUAL_NOTE)
        if not notes:
            return
        self._put(1, self.width, "Ghi chú:", font=_font(bold=True, italic=True, size=11))
        self.line += 1
        for note in notes:
            lines = max(1, len(note) // max(40, 12 * self.width) + 1)
            self._put(1, self.width, note, font=_font(italic=True, size=11), height=16 * lines)
            self.line += 1
        self.line += 1

    def _signature(self) -> None:
        """ "Người lập biểu" on the left, the date line and "Thủ trưởng đơn vị" on the right,
        signed by hand."""
        place = f"{self.form.place}, " if self.form.place else "……, "
        right = 2 if self.width > 1 else 1
        self._put(right, self.width, f"{place}ngày … tháng … năm …", font=_font(italic=True))
        self.sheet.cell(row=self.line, column=right).alignment = _CENTER
        self.line += 1
        self._put(1, 1, "NGƯỜI LẬP BIỂU", font=_font(bold=True), align=_CENTER)
        self._put(right, self.width, "THỦ TRƯỞNG ĐƠN VỊ", font=_font(bold=True), align=_CENTER)
        self.line += 1
        self._put(1, 1, "(Ký, họ tên)", font=_font(italic=True), align=_CENTER)
        self._put(
            right, self.width, "(Ký, họ tên, đóng dấu)", font=_font(italic=True), align=_CENTER
        )


def _mark_manual(cell, manual: Manual) -> None:
    """Light yellow, with a comment saying why the system left it to a person."""
    cell.fill = MANUAL_FILL
    text = f"Cần nhập tay. {manual.why}"
    if manual.hint:
        text += f"\n{manual.hint}"
    comment = Comment(text, COMMENT_AUTHOR)
    comment.width, comment.height = 320, 140
    cell.comment = comment


MANUAL_COLUMNS = (
    ("STT", 6),
    ("Ô", 8),
    ("Cần nhập", 60),
    ("Lý do hệ thống không điền được", 60),
    ("Gợi ý từ dữ liệu", 40),
)


def _manual_sheet(sheet: Worksheet, form: StatForm, places: dict) -> None:
    """The list of the cells to fill in by hand, each linked to its cell on the form."""
    for index, (_, width) in enumerate(MANUAL_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    title = sheet.cell(row=1, column=1, value=f"CÁC Ô CẦN NHẬP TAY – BIỂU SỐ {form.number}")
    title.font = _font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(MANUAL_COLUMNS))
    period = sheet.cell(row=2, column=1, value=f"{form.reporting_unit} – {form.period}")
    period.font = _font(italic=True)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(MANUAL_COLUMNS))
    for index, (header, _) in enumerate(MANUAL_COLUMNS, start=1):
        cell = sheet.cell(row=4, column=index, value=header)
        cell.font = _font(bold=True, size=11)
        cell.alignment = _CENTER
        cell.border = _BORDER
    cells = form.manual_cells()
    if not cells:
        none = sheet.cell(row=5, column=1, value="Không có ô nào cần nhập tay.")
        none.font = _font(italic=True)
        sheet.merge_cells(start_row=5, start_column=1, end_row=5, end_column=len(MANUAL_COLUMNS))
        return
    form_sheet = quote_sheetname(sheet_title(form))
    for number, item in enumerate(cells, start=1):
        key = None if item.row is None else (item.row.key, item.column.key)
        coordinate = places[key]
        line = 4 + number
        values = (number, coordinate, item.what, item.manual.why, item.manual.hint)
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=line, column=index, value=value or None)
            cell.font = _font(size=11)
            cell.alignment = _CENTER if index <= 2 else _LEFT
            cell.border = _BORDER
        link = sheet.cell(row=line, column=2)
        link.hyperlink = f"#{form_sheet}!{coordinate}"
        link.font = Font(name=FONT_NAME, size=11, color="FF0563C1", underline="single")
    sheet.freeze_panes = "A5"
