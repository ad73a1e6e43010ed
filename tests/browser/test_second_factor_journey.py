"""A secretariat member's first log-in on a phone: password, authenticator set-up, backup
codes, dashboard (headless Chromium, tests/browser/conftest.py)."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import screenshot
from tests.factories import PASSWORD
from tests.security_2fa.conftest import code_of


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.TDKT_REQUIRE_2FA = True


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_first_log_in_on_a_phone_sets_up_the_authenticator(phone, secretariat):
    phone.goto("/")
    phone.locator("#id_username").fill("thuongtruc")
    phone.locator("#id_password").fill(PASSWORD)
    phone.get_by_role("button", name="Đăng nhập").click()

    phone.wait_for_url("**/accounts/security/setup/?next=%2Fdashboard%2F")
    assert phone.locator("#qr svg").is_visible()
    assert phone.locator("#id_code").get_attribute("inputmode") == "numeric"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "2fa-setup-phone")
    device = TOTPDevice.objects.get(user=secretariat)
    phone.locator("#id_code").fill(code_of(device))
    phone.locator("#setup-form button[type=submit]").click()

    phone.locator("#backup-codes").wait_for()
    assert phone.locator("#backup-codes li").count() == 10
    screenshot(phone, "2fa-backup-codes-phone")
    phone.locator("a.btn-danger").click()
    phone.wait_for_url("**/dashboard/")
    assert phone.locator("#bell").count() == 1
