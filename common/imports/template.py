"""Writing an import's downloadable template with openpyxl: bold frozen headers with notes,
grey italic example rows, hidden sheets listing what the drop-downs offer.

An import's template (``awards.imports.template``, ``registrations.imports.template``)::

    book = Workbook()
    sheet_write(book.active, COLUMNS, [{"number": EXAMPLE_MARKER, "full_name": "…"}])
    names = list_sheet_write(book, title="Đơn vị", header=["Tên", "Mã"], rows=…, widths=…)
    list_validation_add(book.active, COLUMNS, "unit", names)
    list_validation_add(book.active, COLUMNS, "gender", inline_list(GENDERS))
    return workbook_bytes(book)
"""

import io
from collections.abc import Iterable, Mapping, Sequence

from common.imports.layout import Column

# Rows that carry the drop-down lists (Excel applies a validation to a fixed range).
VALIDATED_ROWS = 5000
EXAMPLE_COLOUR = "808080"
HEADER_FILL = "DDEBF7"


def sheet_write(sheet, columns: Sequence[Column], examples: Sequence[Mapping[str, object]]) -> None:
    """Write the header row of ``columns`` (bold, filled, with each column's note as a
    comment, frozen) and, from row 2, the ``examples`` (values by column key; grey italics),
    and set the widths; ``Column.text`` columns are formatted as text."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    example_font = Font(italic=True, color=EXAMPLE_COLOUR)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if column.note:
            cell.comment = Comment(column.note, "TĐKT")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.text:
            sheet.column_dimensions[letter].number_format = "@"
        for row, example in enumerate(examples, start=2):
            example_cell = sheet.cell(row=row, column=index, value=example.get(column.key, ""))
            example_cell.font = example_font
    sheet.freeze_panes = "A2"


def list_sheet_write(
    book, *, title: str, header: list[str], rows: Iterable[list], widths: Mapping[str, int]
) -> str:
    """Add the hidden sheet ``title``: ``header``, then ``rows``, columns sized by letter
    (``widths``); return the range of its first column's values, for a drop-down
    (``list_validation_add``)."""
    sheet = book.create_sheet(title)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append(row)
        count += 1
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.sheet_state = "hidden"
    return f"'{title}'!$A$2:$A${max(count, 1) + 1}"


def inline_list(words: Iterable[str]) -> str:
    """A drop-down's formula listing ``words`` themselves (no comma inside a word)."""
    return '"' + ",".join(words) + '"'


def list_validation_add(sheet, columns: Sequence[Column], key: str, formula: str) -> None:
    """A drop-down on the column ``key``, rows 2 to ``VALIDATED_ROWS``, offering ``formula``
    (a range from ``list_sheet_write`` or an ``inline_list``). Other values are allowed: the
    readers also accept codes and abbreviations, and report anything they do not know."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    index = next(i for i, column in enumerate(columns, start=1) if column.key == key)
    letter = get_column_letter(index)
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.showErrorMessage = False
    validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
    sheet.add_data_validation(validation)


def workbook_bytes(book) -> bytes:
    """``book`` saved as XLSX bytes."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
