"""The summary export: the workbook read back with openpyxl holds the page's totals, the CSV
and the PDF say the same, and the exporter is registered for the job machinery."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports.registry import exporter_of
from reports.summary.exporters import filename, render, summary_report, title
from reports.summary.selectors import annual_summary
from reports.writers import write_report
from tests.reports.summary.conftest import YEAR

SHEETS = [
    "Tổng hợp",
    "Phong trào",
    "Theo danh hiệu",
    "Hồ sơ",
    "Xếp hạng cụm",
    "Khen thưởng",
    "Chưa đăng ký",
]
TODAY = datetime.date(2021, 1, 5)


def table(sheet, first_header: str) -> tuple[list, list[list]]:
    """The header row starting with ``first_header`` and the rows under it (to the end)."""
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(rows) if row and row[0] == first_header)
    body = [row for row in rows[start + 1 :] if any(cell not in (None, "") for cell in row)]
    return rows[start], body


@pytest.fixture
def workbook(world):
    world.grow(3)
    summary = annual_summary(council=world.council, year=YEAR, grant_limit=0)
    out = io.BytesIO()
    write_report(summary_report(summary, today=TODAY), "xlsx", out)
    out.seek(0)
    return openpyxl.load_workbook(out, read_only=True)


def test_workbook_has_a_sheet_per_section(workbook):
    assert workbook.sheetnames == SHEETS


def test_workbook_totals_per_title_match_the_data(workbook):
    header, rows = table(workbook["Theo danh hiệu"], "STT")

    assert header[1] == "Danh hiệu, hình thức khen thưởng"
    lines = {row[1]: row for row in rows if row[0] not in (None, "")}
    assert lines["Lao động tiên tiến"][3:7] == [0, 5, 5, 4]  # 2 + 3 extra registered, granted
    assert lines["Tập thể lao động tiên tiến"][3:7] == [1, 0, 1, 1]
    assert lines["Giấy khen"][5:7] == [1, 2]
    total = rows[-1]
    assert total[1] == "Tổng cộng"
    assert total[5:7] == [7, 7]
    assert total[7] == pytest.approx(100.0)


def test_workbook_overview_dossiers_grants_and_missing_units(workbook, world):
    _, overview = table(workbook["Tổng hợp"], "STT")
    figures = {row[1]: row[2] for row in overview if isinstance(row[0], int)}
    assert figures["Phong trào thi đua đã phát động"] == 2
    assert figures["Đơn vị phải đăng ký thi đua"] == 5
    assert figures["Đơn vị đã đăng ký thi đua"] == 4
    assert figures["Lượt được khen thưởng"] == 7
    assert figures["Khen thưởng bị hủy"] == 1

    _, dossiers = table(workbook["Hồ sơ"], "STT")
    assert dossiers[-1][1:] == ["Tổng cộng", 5, 6]

    _, grants = table(workbook["Khen thưởng"], "STT")
    assert len(grants) == 8  # 5 of the world + 3 extra wards, the revoked one included
    revoked = [row for row in grants if row[1] == "Lê Văn Hùng"]
    assert revoked[0][8].startswith("Đã hủy")
    assert isinstance(revoked[0][6], datetime.datetime)  # a real date in Excel

    _, missing = table(workbook["Chưa đăng ký"], "STT")
    assert [row[1] for row in missing] == [world.tree.ward_b.name]

    _, ranking = table(workbook["Xếp hạng cụm"], "Cụm, khối thi đua")
    assert ranking[0][:4] == ["Cụm thi đua số 1", 1, world.tree.ward_a.name, 95.5]


def test_workbook_header_is_the_councils(workbook):
    first = [cell for row in workbook["Tổng hợp"].iter_rows(values_only=True) for cell in row]
    assert "BÁO CÁO TỔNG HỢP CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2020" in first
    assert "Thử, ngày 05 tháng 01 năm 2021" in first
    assert "TM. HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG" in first
    assert "CHỦ TỊCH" in first


def test_csv_and_pdf_say_the_same(world, secretariat):
    params = {"council": world.council.pk, "year": YEAR}

    out = io.BytesIO()
    render(user=secretariat, params=params, fmt="csv", out=out, progress=None)
    text = out.getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert any(row[:2] == ["1", "Lao động tiên tiến"] for row in rows)
    assert any("Nguyễn Thị Lan" in row for row in rows)

    out = io.BytesIO()
    render(user=secretariat, params=params, fmt="pdf", out=out, progress=None)
    pdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages)
    assert "BÁO CÁO TỔNG HỢP CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2020" in pdf
    assert "Được khen thưởng" in pdf  # the chart's legend, drawn in the PDF
    assert "CHỦ TỊCH" in pdf


def test_exporter_is_registered_with_a_title_and_an_ascii_filename(world):
    exporter = exporter_of("summary")
    params = {"council": world.council.pk, "year": YEAR, "unit": world.tree.ward_a.pk}

    assert exporter.formats == ("xlsx", "csv", "pdf")
    assert world.tree.ward_a.name in title(params)
    assert filename(params, "xlsx") == "tong-ket-2020-phuong-an-binh.xlsx"


def test_export_buttons_ask_for_a_job_with_the_pages_choices(
    client, world, secretariat, media, django_capture_on_commit_callbacks
):
    from reports.models import ExportJob

    client.force_login(secretariat)
    page = client.get(reverse("reports:summary_page"), {"year": YEAR}).content.decode()
    assert 'data-export-buttons="summary"' in page

    url = reverse("reports:job_new", args=["summary", "xlsx"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"year": str(YEAR), "unit": [str(world.tree.ward_b.pk)] * 2})

    job = ExportJob.objects.get()
    job.refresh_from_db()
    assert response.status_code == 302
    assert job.params == {"council": world.council.pk, "year": YEAR, "unit": world.tree.ward_b.pk}
    assert job.status == "ready"
    assert job.filename == "tong-ket-2020-phuong-binh-minh.xlsx"


def test_an_officer_cannot_export_the_council(client, world, officer_a):
    client.force_login(officer_a)
    url = reverse("reports:job_new", args=["summary", "pdf"])

    assert client.post(url, {"council": str(world.council.pk)}).status_code == 403
