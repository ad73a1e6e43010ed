import pytest

from organizations.models import Membership, Unit
from plans.models import Plan
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, MembershipFactory, UnitFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_secretariat_writes_and_issues_a_plan_on_a_phone(phone):
    hanoi = UnitFactory(name="Thành phố Hà Nội", kind=Unit.Kind.PROVINCE, code="01")
    town = UnitFactory(name="Thị xã Sơn Tây", kind=Unit.Kind.DISTRICT, parent=hanoi)
    UnitFactory(name="Phường Xuân Khanh", parent=town)
    user = UserFactory(username="thuongtruc")
    MembershipFactory(user=user, unit=town, role=Membership.Role.SECRETARIAT)
    page = phone
    page.goto("/")
    page.get_by_label("Tên đăng nhập").fill("thuongtruc")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto("/plans/")

    page.get_by_role("link", name="Lập kế hoạch mới").click()
    page.wait_for_url("**/plans/new/")
    assert fits_the_screen(page)
    page.get_by_label("Số, ký hiệu").fill("01/KH-HĐTĐKT")
    page.get_by_label("Ngày ban hành", exact=True).fill("05/01/2021")
    page.get_by_label("Năm thực hiện kế hoạch").fill("2021")
    page.get_by_label("Trích yếu").fill("Công tác thi đua, khen thưởng năm 2021")
    page.get_by_role("button", name="Tạo bản dự thảo").click()

    assert page.get_by_role("heading", name="Sửa kế hoạch").is_visible()
    page.locator("#sections-row-1").get_by_label("Đề mục").fill("I. MỤC ĐÍCH, YÊU CẦU")
    row = page.locator("#schedule-row-1")
    row.get_by_label("Nội dung thực hiện").fill("Tổ chức Hội nghị tổng kết")
    row.get_by_label("Đơn vị thực hiện").fill("Phường Xuân Khanh")
    row.get_by_label("Thời hạn", exact=True).fill("30/01/2021")
    assert fits_the_screen(page)
    screenshot(page, "secretariat-plan-edit-phone")
    page.get_by_role("button", name="Lưu", exact=True).click()

    assert page.get_by_role("heading", name="Kế hoạch: Công tác thi đua").is_visible()
    assert page.locator("#timeline li").count() == 1
    page.get_by_role("button", name="Ban hành kế hoạch").click()
    assert page.get_by_text("Đã ban hành kế hoạch.").is_visible()
    assert "Dự thảo → Đã ban hành" in page.locator("#history").inner_text()
    assert fits_the_screen(page)
    screenshot(page, "secretariat-plan-issued-phone")
    plan = Plan.objects.get()
    assert plan.status == Plan.Status.ISSUED
    assert [u.name for u in plan.schedule_tasks.get().executing_units.all()] == [
        "Phường Xuân Khanh"
    ]
