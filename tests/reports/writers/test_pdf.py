"""The PDF writer (reports/writers/pdf.py): Decree 30 layout, row limit, charts."""

import io

import pytest
from pypdf import PdfReader

from common.decree30 import NATION
from reports.registry import ReportTooLarge
from reports.tabular import Column, Report, Sheet
from reports.writers import PDF_ROW_LIMIT, write_report
from reports.writers.pdf import inline_svg
from tests.reports.conftest import sample_report


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_has_the_header_the_title_the_rows_and_the_total():
    out = io.BytesIO()
    write_report(sample_report(rows=4), "pdf", out)
    data = out.getvalue()
    assert data.startswith(b"%PDF")
    text = _text(data)
    for expected in (NATION, "DANH SÁCH THỬ NĂM 2020", "Nguyễn Văn 4", "Tổng cộng", "02/01/2020"):
        assert expected in text
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape


def test_a_pdf_over_the_limit_is_refused_before_rendering_with_a_vietnamese_message():
    progress = []
    with pytest.raises(ReportTooLarge) as caught:
        write_report(sample_report(rows=PDF_ROW_LIMIT + 1), "pdf", io.BytesIO(), progress)
    message = str(caught.value)
    assert "3.001 dòng" in message
    assert "3.000" in message
    assert "Excel hoặc CSV" in message
    assert "thu hẹp bộ lọc" in message
    assert progress == []  # nothing was read


def test_a_pdf_of_unknown_length_stops_at_the_limit():
    rows = ((number,) for number in range(PDF_ROW_LIMIT + 50))
    report = Report(title="T", sheets=[Sheet("S", (Column("Số"),), lambda: rows, count=None)])
    with pytest.raises(ReportTooLarge, match=r"hơn 3\.000 dòng"):
        write_report(report, "pdf", io.BytesIO())


def test_charts_come_after_the_notes_without_their_scripts():
    svg = (  # like pygal's: a prologue, and a tooltip script linked from the web
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 400 200"><script type="text/javascript" '
        'xlink:href="https://kozea.github.io/pygal.js/2.0.x/pygal-tooltips.min.js"/>'
        "<script>var a = 1;</script>"
        '<rect x="10" y="50" width="80" height="150" fill="#c00"/>'
        '<text x="10" y="40" font-size="16">Chiến sĩ thi đua</text></svg>'
    )
    assert "<script" not in inline_svg(svg)
    report = sample_report(rows=2)
    report.charts = (svg,)
    out = io.BytesIO()
    write_report(report, "pdf", out)  # would raise if the PDF tried to fetch the script
    assert "Chiến sĩ thi đua" in _text(out.getvalue())
