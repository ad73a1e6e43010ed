"""The forms as PDF: the same figures as the workbook, the cells to fill in numbered and
listed after the table."""

import io
import re

import pytest
from pypdf import PdfReader

from reports.registry import exporter_of
from reports.statutory.forms import build_form
from reports.statutory.pdf import write_form_pdf
from tests.reports.statutory.conftest import YEAR

pytestmark = pytest.mark.django_db


def pdf_text(form) -> list[str]:
    out = io.BytesIO()
    write_form_pdf(form, out)
    data = out.getvalue()
    assert data.startswith(b"%PDF")
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def test_the_pdf_prints_the_form_and_the_cells_to_fill_in(tree, award_year):
    form = build_form("0603", council=tree.council, year=YEAR)
    pages = pdf_text(form)
    text = " ".join(pages)

    assert "Biểu số: 0603.N/BNV-TĐKT" in pages[0]
    assert "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ" in pages[0]
    assert "Năm 2020" in pages[0]
    assert "NGƯỜI LẬP BIỂU" in text
    assert "CÁC Ô CẦN NHẬP TAY" in text
    first = form.manual_cells()[0]
    assert first.what in text.replace("\n", " ")
    assert f"({form.manual_count})" in text


def test_the_exporter_writes_the_pdf(tree, secretariat, award_year):
    exporter = exporter_of("statutory_0602")
    params = exporter.authorize(secretariat, {"council": tree.council.pk, "year": "2020"})
    out = io.BytesIO()

    exporter.render(user=secretariat, params=params, fmt="pdf", out=out, progress=lambda *a: None)

    assert out.getvalue().startswith(b"%PDF")
    assert exporter.filename(params, "pdf") == "bieu-0602-N-BNV-2020.pdf"
