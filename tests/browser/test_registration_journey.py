"""Registrations in the browser (issue: emulation registrations): an officer registers on a
phone, the cluster leader returns one line and consolidates, the secretariat sees the
overview."""

import pytest

from registrations.models import ClusterList, Registration
from tests.browser.conftest import screenshot
from tests.browser.test_cluster_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_registers_leader_reviews_and_consolidates_secretariat_oversees(phone, demo_world):
    # The officer of Phường Xuân Khanh registers on his phone.
    log_in(phone, "canbo", demo_world["canbo"])
    phone.goto("/registrations/")
    phone.locator("#own a.btn-danger").first.click()
    phone.wait_for_url("**/edit/")
    first = phone.locator(".entry-row").nth(0)
    first.locator(".entry-kind").select_option("collective")
    first.locator("select[name$='-collective']").select_option(label="Phường Xuân Khanh")
    first.locator(".entry-award").select_option("emulation_flag_provincial")
    assert first.locator(".asks-model").is_visible()  # the flag asks for the model to build
    first.locator(".findings [data-severity=blocking]").wait_for()  # … and it is missing
    first.locator("input[name$='-model_name']").fill("Phố văn minh, đô thị xanh")
    first.locator(".findings [data-severity]").first.wait_for()
    phone.locator("#add-line").click()
    second = phone.locator(".entry-row").nth(1)
    assert second.locator(".entry-kind").evaluate("el => el === document.activeElement")
    second.locator(".person-name").fill("Nguyễn Văn An")
    second.locator(".person-year").fill("1984")
    second.locator(".entry-award").select_option("advanced_worker")
    phone.locator("#autosave-status").filter(has_text=":").wait_for()  # "saved at hh:mm:ss"
    registration = Registration.objects.get(unit__name="Phường Xuân Khanh")
    assert registration.entries.count() == 2  # autosaved before any button was pressed
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "registration-form-phone")
    # Reopened, the form holds what was autosaved (and a full-page screenshot leaves Chromium's
    # click coordinates stale, so the page is loaded afresh before clicking).
    phone.reload()
    assert phone.locator(".entry-row").count() == 2
    assert phone.locator(".person-name").nth(1).input_value() == "Nguyễn Văn An"
    phone.locator("button[name=submit]").click()
    phone.wait_for_url(f"**/registrations/{registration.pk}/")
    assert phone.locator("#status").get_attribute("class").count("status-submitted") == 1
    screenshot(phone, "registration-submitted-phone")

    # As cluster leader he returns Trung Hưng's registration with a note on one line.
    trung_hung = Registration.objects.get(unit__name="Phường Trung Hưng")
    line = trung_hung.entries.order_by("order").last()
    phone.goto(f"/registrations/{trung_hung.pk}/")
    phone.locator(f"#note-{line.pk}").fill("Bổ sung tên sáng kiến cụ thể")
    phone.locator("#review-form input[value=return]").check()
    phone.locator("#review-form textarea[name=reason]").fill("Xem lại đăng ký cá nhân")
    phone.locator("#review-form button[type=submit]").click()
    phone.locator("#return-reason").wait_for()
    trung_hung.refresh_from_db()
    assert trung_hung.status == "returned"
    assert trung_hung.entries.get(pk=line.pk).review_note == "Bổ sung tên sáng kiến cụ thể"

    # He accepts his own unit's registration and consolidates the accepted ones.
    phone.goto(f"/registrations/{registration.pk}/")
    phone.locator("#review-form input[value=accept]").check()
    phone.locator("#review-form button[type=submit]").click()
    phone.locator("#status.status-accepted").wait_for()
    cluster = registration.cluster
    phone.goto(f"/registrations/windows/{registration.window_id}/clusters/{cluster.pk}/")
    phone.locator("form[action$='/consolidate/'] button").click()
    phone.locator("#list tbody tr[data-kind]").first.wait_for()
    kinds = phone.locator("#list tbody tr[data-kind]").evaluate_all(
        "rows => rows.map(r => r.dataset.kind)"
    )
    assert kinds == sorted(kinds)  # collectives first, then individuals
    cluster_list = ClusterList.objects.get(cluster=cluster)
    assert {r.unit.name for r in cluster_list.registrations.all()} == {
        "Phường Xuân Khanh",
        "Phường Trung Sơn Trầm",
    }
    screenshot(phone, "registration-cluster-list-phone")

    # The secretariat sees the overview and the units that have not registered.
    log_in(phone, "thuongtruc", demo_world["thuongtruc"])
    phone.goto(f"/registrations/windows/{registration.window_id}/")
    assert phone.locator("#count-returned").inner_text() == "2"
    phone.locator("a[href='?show=not_registered']").click()
    phone.locator("#units tbody tr[data-state=missing]").first.wait_for()
    states = set(
        phone.locator("#units tbody tr").evaluate_all("rows => rows.map(r => r.dataset.state)")
    )
    assert not states & {"submitted", "accepted"}
    screenshot(phone, "registration-overview-phone")
