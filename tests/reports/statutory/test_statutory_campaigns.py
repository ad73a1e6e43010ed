"""Form 0601 (campaigns) read back from its workbook."""

import pytest

from reports.statutory.forms import build_form
from tests.reports.statutory.conftest import YEAR, read_back, workbook_of

pytestmark = pytest.mark.django_db

LOCAL = "Cơ quan, tổ chức, đơn vị"
PROVINCIAL = "Cấp bộ, ban ngành"
CENTRAL = "Cấp Trung ương"


def test_campaigns_of_the_year_are_counted_by_scope_duration_and_method(campaign_year):
    sheet = read_back(workbook_of("0601", campaign_year.council), depth=2)

    assert sheet.form.cell(row=1, column=1).value == "Biểu số: 0601.N/BNV-TĐKT"
    assert "Hội đồng Thi đua – Khen thưởng thị xã" in sheet.form.cell(row=1, column=2).value
    # The council above receives the report.
    assert sheet.form.cell(row=2, column=2).value.endswith("Hội đồng TĐKT thành phố")
    assert any(
        cell.value == "Năm 2020" for line in sheet.form.iter_rows(max_row=10) for cell in line
    )
    # 3 campaigns of the district council and 1 of the ward council (draft, other year, the
    # city's and the other province's left out), plus 2 clusters of the year.
    assert sheet.value("05", LOCAL) == 4
    assert sheet.value("04", LOCAL) == 2
    assert sheet.value("03", PROVINCIAL) == 0  # no provincial council in the area
    assert sheet.value("03", LOCAL) is None  # a cell the form leaves empty
    assert sheet.value("06", LOCAL) == 1  # March–August
    assert sheet.value("07", LOCAL) == 2 + 2  # two regular campaigns without dates, 2 clusters
    assert sheet.value("08", LOCAL) == 1  # 2020–2021
    assert sheet.value("09", LOCAL) == 0
    assert sheet.value("11", LOCAL) == 2  # thematic and periodic
    assert sheet.value("12", LOCAL) == 2 + 2
    # Totals follow the Central Council's column, entered by hand.
    assert sheet.value("01", LOCAL) == 6
    assert sheet.value("01", "Tổng số").startswith("=SUM(")
    assert sheet.value("05", "Tổng số") == 4


def test_the_central_column_is_left_to_a_person_and_listed(campaign_year):
    sheet = read_back(workbook_of("0601", campaign_year.council), depth=2)

    central = sheet.cell("02", CENTRAL)
    assert central.value is None
    assert central.coordinate in sheet.highlighted()
    assert "Trung ương" in central.comment.text
    for code in ("06", "07", "08", "09", "10", "11", "12"):
        assert sheet.cell(code, CENTRAL).coordinate in sheet.highlighted()
    assert sorted(sheet.listed()) == sorted(sheet.highlighted())
    form = build_form("0601", council=campaign_year.council, year=YEAR)
    assert form.manual_count == len(sheet.listed()) == 8


def test_a_campaign_without_dates_leaves_its_duration_to_check(campaign_year):
    from campaigns.models import Campaign

    Campaign.objects.create(
        council=campaign_year.council,
        name="Thi đua chuyên đề chưa có ngày",
        kind=Campaign.Kind.THEMATIC,
        year=YEAR,
        status=Campaign.Status.LAUNCHED,
    )
    sheet = read_back(workbook_of("0601", campaign_year.council), depth=2)

    cell = sheet.cell("06", LOCAL)
    assert cell.value == 1  # what is known stays, the cell is to check
    assert cell.coordinate in sheet.highlighted()
    assert "Thi đua chuyên đề chưa có ngày" in cell.comment.text
    assert sheet.value("05", LOCAL) == 5


def test_another_year_has_none_of_these_campaigns(campaign_year):
    sheet = read_back(workbook_of("0601", campaign_year.council, 2021), depth=2)

    assert sheet.value("05", LOCAL) == 0
    assert sheet.value("04", LOCAL) == 0
    assert sheet.value("01", LOCAL) == 0
