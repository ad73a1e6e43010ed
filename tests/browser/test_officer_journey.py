import pytest

from organizations.models import Membership
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ward_officer(tree):
    user = UserFactory(username="canbo.anbinh", first_name="Lan", last_name="Trần Thị")
    MembershipFactory(user=user, unit=tree.ward_a, role=Membership.Role.UNIT_OFFICER)
    return user


def log_in(page, username):
    page.goto("/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_ward_officer_logs_in_on_a_phone_and_sees_the_dashboard_in_vietnamese(phone, ward_officer):
    log_in(phone, "canbo.anbinh")

    phone.wait_for_url("**/dashboard/")
    assert phone.locator("html").get_attribute("lang") == "vi"
    assert phone.get_by_role("heading", name="Xin chào, Trần Thị Lan").is_visible()
    assert phone.get_by_role("heading", name="Vai trò của tôi").is_visible()
    assert phone.get_by_text("Cán bộ TĐKT của đơn vị").is_visible()
    assert phone.get_by_role("link", name="Phường An Bình").is_visible()
    assert phone.get_by_role("link", name="Tổ dân phố, thôn, xóm: 1").is_visible()
    # Nothing overflows the 375 px screen sideways.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "officer-dashboard-phone")


def test_wrong_password_on_a_phone_shows_the_vietnamese_error(phone, ward_officer):
    phone.goto("/")
    phone.get_by_label("Tên đăng nhập").fill("canbo.anbinh")
    phone.get_by_label("Mật khẩu").fill("sai-mat-khau")
    phone.get_by_role("button", name="Đăng nhập").click()

    assert phone.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng").is_visible()
    assert phone.get_by_label("Tên đăng nhập").input_value() == "canbo.anbinh"
    screenshot(phone, "login-error-phone")


def test_officer_switches_the_interface_to_english_from_the_phone_menu(phone, ward_officer):
    log_in(phone, "canbo.anbinh")
    phone.wait_for_url("**/dashboard/")

    phone.get_by_role("button", name="Trình đơn").click()
    phone.locator("#main-nav.show").wait_for()  # the menu has finished opening
    with phone.expect_navigation():
        phone.get_by_role("button", name="English").click()

    phone.get_by_role("heading", name="My roles").wait_for()
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.get_by_text("Unit officer").is_visible()
    screenshot(phone, "officer-dashboard-english-phone")
