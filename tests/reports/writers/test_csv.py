"""The CSV writer (reports/writers/csv.py)."""

import csv
import io

from reports.tabular import Column, Report, Sheet
from reports.writers import write_report
from tests.reports.conftest import COLUMNS, FORMULA, sample_report


def _csv(report: Report) -> bytes:
    out = io.BytesIO()
    write_report(report, "csv", out)
    assert not out.closed  # left open for the caller
    return out.getvalue()


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_is_utf8_with_a_bom_header_then_rows_then_total():
    data = _csv(sample_report(rows=3))
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Nguyễn Văn 1".encode() in data
    rows = _rows(data)
    assert rows[0] == [c.header for c in COLUMNS]
    assert rows[1] == ["1", "Nguyễn Văn 1", "02/01/2020", "1000"]
    assert rows[3][0] == "3"
    assert rows[4] == ["", "Tổng cộng", "", "6000"]
    assert len(rows) == 5


def test_every_text_cell_is_neutralised():
    texts = ["=1+1", "+84", "-x", "@A1", "\tTab", "\rCR", "bình thường"]
    report = Report(
        title="T", sheets=[Sheet("S", (Column("=Tiêu đề"),), lambda: [(t,) for t in texts])]
    )
    rows = _rows(_csv(report))
    assert rows[0] == ["'=Tiêu đề"]
    assert [r[0] for r in rows[1:]] == [
        "'=1+1",
        "'+84",
        "'-x",
        "'@A1",
        "'\tTab",
        "'\rCR",
        "bình thường",
    ]


def test_the_sample_formula_is_neutralised_but_negative_numbers_stay_numbers():
    report = Report(
        title="T",
        sheets=[Sheet("S", (Column("A"), Column("B")), lambda: [(FORMULA, -5)])],
    )
    assert _rows(_csv(report))[1] == ["'" + FORMULA, "-5"]


def test_several_sheets_make_sections_named_and_separated_by_a_blank_line():
    first = Sheet("Cá nhân", (Column("Tên"),), lambda: [("An",), ("Bình",)], count=2)
    second = Sheet("Tập thể", (Column("Đơn vị"), Column("Số")), lambda: [("Phường A", 3)])
    rows = _rows(_csv(Report(title="T", sheets=[first, second])))
    assert rows == [
        ["Cá nhân"],
        ["Tên"],
        ["An"],
        ["Bình"],
        [],
        ["Tập thể"],
        ["Đơn vị", "Số"],
        ["Phường A", "3"],
    ]
