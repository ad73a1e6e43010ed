import pytest

from organizations.models import Membership, Unit
from plans.demo import load_sample_plans
from plans.models import Plan
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, MembershipFactory, UnitFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sample_plans():
    """The three sample plans under their historical issuers, as the demo loads them."""
    hanoi = UnitFactory(name="Thành phố Hà Nội", kind=Unit.Kind.PROVINCE, code="01")
    thai_nguyen = UnitFactory(name="Thái Nguyên", kind=Unit.Kind.PROVINCE, code="19")
    town = UnitFactory(name="Thị xã Sơn Tây", kind=Unit.Kind.DISTRICT, parent=hanoi)
    ha_dong = UnitFactory(name="Quận Hà Đông", kind=Unit.Kind.DISTRICT, parent=hanoi)
    UnitFactory(name="Phường Phú Lãm", parent=ha_dong)
    city = UnitFactory(name="Thành phố Thái Nguyên", kind=Unit.Kind.DISTRICT, parent=thai_nguyen)
    UnitFactory(name="Xã Đồng Liên", kind=Unit.Kind.COMMUNE, parent=city)
    UnitFactory(name="Phòng Nội vụ thị xã Sơn Tây", kind=Unit.Kind.DEPARTMENT, parent=town)
    return load_sample_plans()


def test_secretariat_opens_the_plans_sees_deadlines_and_downloads_each_pdf(
    browser, live_server, sample_plans
):
    user = UserFactory(username="thuongtruc")
    for plan in sample_plans:
        MembershipFactory(user=user, unit=plan.issuing_unit, role=Membership.Role.SECRETARIAT)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/")
    page.get_by_label("Tên đăng nhập").fill("thuongtruc")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    assert page.locator(".list-group-item").count() == 3

    for plan in Plan.objects.order_by("pk"):
        page.goto(f"/plans/{plan.pk}/")
        assert page.get_by_role("heading", name=f"Kế hoạch: {plan.title}").is_visible()
        assert page.locator("#timeline li").count() == plan.deadlines.count()
        page.get_by_role("button", name="Tạo bản PDF").click()
        with page.expect_download() as download:
            page.get_by_role("link", name="Tải bản PDF").click()
        assert download.value.suggested_filename.endswith(".pdf")
        assert download.value.path().read_bytes().startswith(b"%PDF")
    screenshot(page, "secretariat-plan-detail")
    context.close()
