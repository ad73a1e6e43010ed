"""Forms 0604 (bodies) and 0605 (staff) read back from their workbooks."""

import pytest

from organizations.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.reports.statutory.conftest import read_back, workbook_of

pytestmark = pytest.mark.django_db


def test_bodies_are_entered_by_hand_with_the_councils_as_a_reference(tree, secretariat):
    MembershipFactory(unit=tree.district, role=Membership.Role.COUNCIL_MEMBER)
    sheet = read_back(workbook_of("0604", tree.council), depth=1)

    assert sheet.form.cell(row=1, column=1).value == "Biểu số: 0604.N/BNV-TĐKT"
    for code in ("02", "03", "04", "05"):
        assert sheet.cell(code, "Số lượng").coordinate in sheet.highlighted()
    assert sheet.value("01", "Số lượng") == "=SUM(D11,D12,D13,D14)"
    notes = [c.value for line in sheet.form.iter_rows() for c in line if c.value]
    assert any(
        "1 hội đồng" in str(n)
        and "1 tài khoản thành viên" in str(n)
        and "1 tài khoản thường" in str(n)
        for n in notes
    )
    assert sorted(sheet.listed()) == sorted(sheet.highlighted())


def test_staff_are_counted_from_the_accounts_and_their_profile_entered_by_hand(
    tree, secretariat, officer_a
):
    inactive = UserFactory(username="da_nghi", is_active=False)
    MembershipFactory(user=inactive, unit=tree.ward_b, role=Membership.Role.UNIT_OFFICER)
    MembershipFactory(unit=tree.other_ward, role=Membership.Role.UNIT_OFFICER)
    MembershipFactory(unit=tree.district, role=Membership.Role.COUNCIL_MEMBER)
    MembershipFactory(user=officer_a, unit=tree.ward_b, role=Membership.Role.UNIT_OFFICER)
    sheet = read_back(workbook_of("0605", tree.council), depth=2)

    assert sheet.value("01", "Tổng số") == 2  # the secretariat and officer A, once
    female = sheet.cell("01", "Nữ")
    assert female.coordinate in sheet.highlighted()
    assert female.value is None
    assert "hồ sơ cán bộ" in female.comment.text
    for code in ("02", "07", "12", "15"):
        assert sheet.cell(code, "Tổng số").coordinate in sheet.highlighted()
    assert len(sheet.listed()) == 1 + 1 + 14 * 2  # receiving unit, women, 14 rows × 2


def test_an_area_without_staff_has_nothing_to_enter_for_them(tree):
    sheet = read_back(workbook_of("0605", tree.council), depth=2)

    assert sheet.value("01", "Tổng số") == 0
    assert sheet.value("07", "Nữ") == 0
    assert sheet.listed() == ["B2"]  # only the receiving unit
