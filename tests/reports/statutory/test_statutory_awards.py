"""Forms 0602 (State-level awards) and 0603 (ministry- and province-level awards) read back
from their workbooks."""

import pytest

from reports.statutory.forms import build_form
from tests.reports.statutory.conftest import YEAR, grant, read_back, workbook_of

pytestmark = pytest.mark.django_db

TOTAL = "Tổng số"


def test_state_awards_are_counted_by_form_and_recipient(tree, award_year):
    sheet = read_back(workbook_of("0602", tree.council), depth=4)

    assert sheet.form.cell(row=1, column=1).value == "Biểu số: 0602.N/BNV-TĐKT"
    # 3 orders (the revoked one, the 2019 one and the one outside the area left out),
    # 2 Prime Minister's certificates, a flag, a National Fighter, a prize.
    assert sheet.value("01", TOTAL) == 8
    assert sheet.value("01", "Huân chương", "Cá nhân") == 2
    assert sheet.value("01", "Huân chương", "Tập thể") == 1
    assert sheet.value("01", "Bằng khen của Thủ tướng", "Tập thể") == 1
    assert sheet.value("01", "Bằng khen của Thủ tướng", "Cá nhân") == 1
    assert sheet.value("01", "Cờ thi đua của Chính phủ") == 1
    assert sheet.value("01", "Chiến sĩ thi đua toàn quốc") == 1
    assert sheet.value("01", "Huy chương", "Cá nhân") == 0
    # By recipient.
    assert sheet.value("06", TOTAL) == 3
    assert sheet.value("07", TOTAL) == 1  # the enterprise
    assert sheet.value("07", "Bằng khen của Thủ tướng", "Tập thể") == 1
    assert sheet.value("08", TOTAL) == 0
    assert sheet.value("09", TOTAL) == 5
    # By kind of commendation.
    assert sheet.value("15", TOTAL) == 7
    assert sheet.value("17", TOTAL) == 1
    assert sheet.value("17", "Bằng khen của Thủ tướng", "Cá nhân") == 1
    assert sheet.value("16", TOTAL) == 0


def test_state_award_cells_the_data_cannot_tell_are_highlighted_and_listed(tree, award_year):
    sheet = read_back(workbook_of("0602", tree.council), depth=4)
    highlighted = sheet.highlighted()

    # The catalog holds one "prize": the two prize columns are split by hand.
    prize = sheet.cell("01", "Giải thưởng Hồ Chí Minh")
    assert prize.coordinate in highlighted
    assert prize.value is None
    assert "gộp" in prize.comment.text
    # Who proposed to the Prime Minister is not recorded; where nothing was granted it is 0.
    assert sheet.cell("03", "Huân chương", "Cá nhân").coordinate in highlighted
    assert sheet.value("03", "Huy chương", "Cá nhân") == 0
    assert sheet.value("03", TOTAL).startswith("=SUM(")
    # Categories of individuals, only where individuals were awarded.
    assert sheet.cell("10", "Chiến sĩ thi đua toàn quốc").coordinate in highlighted
    assert sheet.value("10", "Huân chương", "Tập thể") == 0
    # Kinds the system does not record.
    assert sheet.cell("20", "Cờ thi đua của Chính phủ").coordinate in highlighted
    # The receiving unit: no council above the district in this tree.
    assert "B2" in highlighted
    # The last sheet lists each highlighted cell once, with what to enter and why.
    assert sorted(sheet.listed()) == sorted(highlighted)
    assert len(sheet.listed()) == len(set(sheet.listed()))
    rows = list(sheet.manual.iter_rows(min_row=5, values_only=True))
    assert all(row[2] and row[3] for row in rows)
    form = build_form("0602", council=tree.council, year=YEAR)
    assert form.manual_count == len(highlighted)


def test_other_years_and_revoked_grants_are_not_counted(tree, award_year):
    sheet = read_back(workbook_of("0602", tree.council, 2019), depth=4)

    assert sheet.value("01", TOTAL) == 1  # the 2019 order only
    assert sheet.value("01", "Huân chương", "Cá nhân") == 1


def test_a_year_without_state_awards_needs_no_breakdown_by_hand(tree, award_catalog):
    form = build_form("0602", council=tree.council, year=2015)

    cells = form.manual_cells()
    assert [c.what for c in cells] == ["Đơn vị nhận báo cáo (phần đầu biểu)"]
    assert form.value("total", "total") == 0


def test_ministry_and_province_awards_are_counted_by_column(tree, award_year):
    sheet = read_back(workbook_of("0603", tree.council), depth=2)

    assert sheet.form.cell(row=1, column=1).value == "Biểu số: 0603.N/BNV-TĐKT"
    # 3 provincial certificates (the one outside the area left out), a Provincial Fighter, a
    # provincial flag, a commemorative medal; Giấy khen, Advanced Worker, Excellent
    # Collective and the State awards are not counted here.
    assert sheet.value("01", TOTAL) == 6
    assert sheet.value("01", "Bằng khen") == 3
    assert sheet.value("01", "Chiến sĩ thi đua cấp bộ") == 1
    assert sheet.value("01", "Cờ thi đua của bộ") == 1
    assert sheet.value("01", "kỷ niệm chương") == 1
    assert sheet.value("02", TOTAL) == 2
    assert sheet.value("04", "Bằng khen") == 1  # the household
    assert sheet.value("05", TOTAL) == 3
    assert sheet.value("11", TOTAL) == 4
    assert sheet.value("12", "Bằng khen") == 1
    assert sheet.value("15", "kỷ niệm chương") == 1
    assert sheet.cell("06", "Bằng khen").coordinate in sheet.highlighted()
    assert sheet.value("06", "Cờ thi đua của bộ") == 0  # flags go to collectives only
    assert sorted(sheet.listed()) == sorted(sheet.highlighted())


def test_the_province_level_is_read_from_the_rules_in_force(tree, award_year):
    """An award the catalog does not place in a column is counted by its conferring level:
    a province's rule set that makes Giấy khen central puts it among the other State forms."""
    from awards.models import AwardRule
    from tests.awards.factories import AwardFormFactory, RuleSetFactory

    rule_set = RuleSetFactory(province=tree.province, effective_from="2017-01-01")
    merit = AwardFormFactory(code="certificate_of_merit")
    AwardRule.objects.create(
        rule_set=rule_set,
        form=merit,
        conferring_level="central",
        authority="Thử",
        citation="Thử",
    )
    grant(code="certificate_of_merit", unit=tree.ward_b)
    sheet = read_back(workbook_of("0602", tree.council), depth=4)

    assert sheet.value("01", "Các hình thức khen thưởng khác", "Giấy khen", "Tập thể") == 1
    assert sheet.value("01", "Các hình thức khen thưởng khác", "Giấy khen", "Cá nhân") == 1
    assert sheet.value("01", TOTAL) == 10
