"""The Excel writer (reports/writers/xlsx.py): read back with openpyxl."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from common.decree30 import MOTTO, NATION
from reports.tabular import Column, Report, Sheet
from reports.writers import write_report
from reports.writers.xlsx import sheet_names
from tests.reports.conftest import COLUMNS, FORMULA, sample_report


def _workbook(report: Report):
    out = io.BytesIO()
    write_report(report, "xlsx", out)
    return load_workbook(io.BytesIO(out.getvalue()))


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def _row_of(sheet, first_value) -> int:
    """The 1-based number of the first row whose first cell is ``first_value``."""
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if row[0] == first_value:
            return number
    raise AssertionError(f"no row starts with {first_value!r}")


def test_the_first_sheet_starts_with_the_decree_30_header():
    sheet = _workbook(sample_report()).worksheets[0]
    rows = _rows(sheet)
    assert rows[0][0] == "UBND THỊ XÃ SƠN TÂY"
    assert rows[0][2] == NATION
    assert rows[1][0] == "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"
    assert sheet.cell(row=2, column=1).font.b
    assert rows[1][2] == MOTTO
    texts = [row[0] for row in rows if row[0]] + [row[2] for row in rows if row[2]]
    assert "Sơn Tây, ngày 05 tháng 01 năm 2021" in texts
    assert "DANH SÁCH THỬ NĂM 2020" in texts
    assert "(Kèm theo Kế hoạch số 06/KH-HĐTĐKT)" in texts
    assert "Danh sách gồm các cá nhân được đề nghị." in texts
    assert "CHỦ TỊCH" in texts  # the signature block after the table


def test_the_table_has_a_bold_repeated_frozen_header_rows_and_a_bold_total():
    sheet = _workbook(sample_report(rows=5)).worksheets[0]
    header = _row_of(sheet, "STT")
    assert sheet.cell(row=header - 1, column=1).value == "I. CÁ NHÂN"  # the heading above
    assert [c.value for c in sheet[header]] == [c.header for c in COLUMNS]
    assert all(cell.font.b and cell.border.top.style == "thin" for cell in sheet[header])
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.freeze_panes == f"A{header + 1}"
    first = sheet[header + 1]
    assert first[0].value == 1
    assert first[1].value == "Nguyễn Văn 1"
    assert not first[1].font.b
    total = sheet[header + 6]
    assert total[1].value == "Tổng cộng"
    assert total[3].value == sum(n * 1000 for n in range(1, 6)) == 15000
    assert total[1].font.b
    assert total[3].font.b
    # The total agrees with the rows read back.
    assert sum(sheet.cell(row=r, column=4).value for r in range(header + 1, header + 6)) == 15000


def test_numbers_stay_numbers_and_dates_are_real_dates_shown_dd_mm_yyyy():
    sheet = _workbook(sample_report()).worksheets[0]
    row = _row_of(sheet, 1)
    number, date, amount = (sheet.cell(row=row, column=c) for c in (1, 3, 4))
    assert number.data_type == "n"
    assert number.value == 1
    assert isinstance(date.value, datetime.datetime)
    assert date.value.date() == datetime.date(2020, 1, 2)
    assert date.number_format == "dd/mm/yyyy"
    assert amount.value == 1000


def test_formula_text_is_neutralised_and_control_characters_dropped():
    rows = [("=1+1",), ("+84 912",), ("-5 điểm",), ("@SUM(A1)",), ("Tên\x00 có\x07 lỗi",)]
    report = Report(
        title="T", sheets=[Sheet("S", (Column("Ô"),), lambda: iter(rows), count=len(rows))]
    )
    sheet = _workbook(report).worksheets[0]
    header = _row_of(sheet, "Ô")
    values = [sheet.cell(row=header + i, column=1) for i in range(1, 6)]
    assert [c.value for c in values] == ["'=1+1", "'+84 912", "'-5 điểm", "'@SUM(A1)", "Tên có lỗi"]
    assert all(c.data_type == "s" for c in values)


def test_the_sample_formula_row_is_text():
    sheet = _workbook(sample_report()).worksheets[0]
    cell = sheet.cell(row=_row_of(sheet, 2), column=2)
    assert cell.value == "'" + FORMULA
    assert cell.data_type == "s"


def test_several_sheets_each_with_their_table_only_the_first_with_the_header():
    def sheet(name, heading=""):
        return Sheet(name, COLUMNS, lambda: [(1, "A", None, 2)], count=1, heading=heading)

    long_name = "Danh sách khen thưởng cấp cơ sở năm 2020"
    report = sample_report()
    report.sheets = [sheet(long_name), sheet(long_name, "II. TẬP THỂ"), sheet("A/B:C")]
    workbook = _workbook(report)
    assert workbook.sheetnames == [long_name[:31], long_name[:27] + " (2)", "A-B-C"]
    second = _rows(workbook.worksheets[1])
    assert second[0][0] == "II. TẬP THỂ"
    assert second[1] == tuple(c.header for c in COLUMNS)
    assert second[2] == (1, "A", None, 2)
    assert not any(NATION in row for row in second)
    assert workbook.worksheets[1].freeze_panes == "A3"


def test_pages_are_a4_landscape_fitted_to_the_width():
    sheet = _workbook(sample_report()).worksheets[0]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert (sheet.page_setup.fitToWidth or 1) == 1  # 1 is the default, left out
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["A", "a", "A"], ["A", "a (2)", "A (3)"]),
        (["", "x*?"], ["Bảng 1", "x--"]),
        (["[Tổng hợp]"], ["-Tổng hợp-"]),
        (["x" * 40], ["x" * 31]),
    ],
)
def test_sheet_names_are_valid_and_unique(names, expected):
    assert sheet_names(names) == expected
