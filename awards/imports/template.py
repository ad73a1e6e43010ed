"""The downloadable workbook that offices fill in with their award history (layout.py)."""

import datetime
import io

from awards.imports.layout import (
    ACHIEVEMENTS,
    CATALOG_SHEET,
    EXAMPLE_MARKER,
    GENDERS,
    GRANT_COLUMNS,
    GRANT_SHEET,
    RATING_COLUMNS,
    RATING_SHEET,
    RATINGS,
    Column,
)
from awards.models import AwardForm, EmulationTitle

# Rows that carry the drop-down lists (Excel applies a validation to a fixed range).
VALIDATED_ROWS = 5000
EXAMPLE_COLOUR = "808080"


def history_template_build(*, today: datetime.date) -> bytes:
    """The template as XLSX bytes: sheets "Khen thưởng" and "Xếp loại" with bold, frozen
    headers and an example row; a hidden "Danh mục" sheet listing the catalog, which feeds the
    award drop-down. Two queries (titles, forms)."""
    from openpyxl import Workbook

    catalog = [*EmulationTitle.objects.all(), *AwardForm.objects.all()]
    book = Workbook()
    grants = book.active
    grants.title = GRANT_SHEET
    example_award = catalog[0].name_vi if catalog else ""
    example_year = today.year - 1
    _write_sheet(
        grants,
        GRANT_COLUMNS,
        [
            EXAMPLE_MARKER,
            "Nguyễn Văn An",
            1980,
            "Nam",
            "Chuyên viên",
            "Phường Minh Khai",
            "",
            example_award,
            example_year,
            "123/QĐ-UBND",
            f"20/12/{example_year}",
            "Chủ tịch UBND phường Minh Khai",
            "Theo công trạng",
        ],
    )
    ratings = book.create_sheet(RATING_SHEET)
    _write_sheet(
        ratings,
        RATING_COLUMNS,
        [
            EXAMPLE_MARKER,
            "Nguyễn Văn An",
            1980,
            "Phường Minh Khai",
            example_year,
            "Hoàn thành tốt nhiệm vụ",
        ],
    )
    names = _write_catalog(book, catalog)
    _add_list(grants, GRANT_COLUMNS, "award", names)
    _add_list(grants, GRANT_COLUMNS, "gender", _inline(GENDERS))
    _add_list(grants, GRANT_COLUMNS, "achievement", _inline(ACHIEVEMENTS))
    _add_list(ratings, RATING_COLUMNS, "rating", _inline(RATINGS))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_sheet(sheet, columns: tuple[Column, ...], example: list) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if column.note:
            cell.comment = Comment(column.note, "TĐKT")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.key in {"unit", "collective", "decision_number"}:
            # Codes such as "00004" keep their leading zeros when typed.
            sheet.column_dimensions[letter].number_format = "@"
        example_cell = sheet.cell(row=2, column=index, value=example[index - 1])
        example_cell.font = Font(italic=True, color=EXAMPLE_COLOUR)
    sheet.freeze_panes = "A2"


def _write_catalog(book, catalog) -> str:
    """Fill the hidden catalog sheet; return the range of names for the drop-down."""
    sheet = book.create_sheet(CATALOG_SHEET)
    sheet.append(["Tên", "Mã", "Loại", "Dành cho"])
    kinds = {"individual": "cá nhân", "collective": "tập thể", "household": "hộ gia đình"}
    for entry in catalog:
        kind = "Danh hiệu" if isinstance(entry, EmulationTitle) else "Hình thức"
        recipients = ", ".join(kinds.get(k, k) for k in entry.recipient_kinds)
        sheet.append([entry.name_vi, entry.code, kind, recipients])
    sheet.column_dimensions["A"].width = 50
    sheet.column_dimensions["B"].width = 34
    sheet.sheet_state = "hidden"
    return f"'{CATALOG_SHEET}'!$A$2:$A${max(len(catalog), 1) + 1}"


def _inline(words: dict) -> str:
    return '"' + ",".join(words) + '"'


def _add_list(sheet, columns: tuple[Column, ...], key: str, formula: str) -> None:
    """A drop-down on the column ``key``. Other values are allowed: the reader also accepts
    codes and abbreviations, and reports anything it does not know."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    index = next(i for i, column in enumerate(columns, start=1) if column.key == key)
    letter = get_column_letter(index)
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.showErrorMessage = False
    validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
    sheet.add_data_validation(validation)
