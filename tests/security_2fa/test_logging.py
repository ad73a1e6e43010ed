"""The security log: log-in attempts, refused requests and CSRF refusals reach the "security"
logger and the SecurityEvent table, cheaply and without ever breaking a request."""

import logging

import pytest
from django.conf import settings
from django.db import DatabaseError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Plan
from security.models import SecurityEvent
from security.services import security_event_record
from tests.factories import PASSWORD
from tests.security_2fa.conftest import authenticator, backup_codes, code_of, verify

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 14) Mobile Safari"


@pytest.fixture
def plan(tree):
    """A plan of the district, whose council's secretariat alone sets its reminder times."""
    return Plan.objects.create(issuing_unit=tree.district, year=2026, title="Kế hoạch năm 2026")


def post_login(client, username, password):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        headers={"user-agent": BROWSER},
        REMOTE_ADDR="203.0.113.7",
    )


def test_a_successful_log_in_is_recorded_with_address_and_browser(client, caplog, officer_a):
    caplog.set_level(logging.INFO, logger="security")

    post_login(client, "canbo_a", PASSWORD)

    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN_SUCCESS)
    assert (event.user, event.username, event.ip) == (officer_a, "canbo_a", "203.0.113.7")
    assert (event.user_agent, event.method, event.path) == (BROWSER, "POST", "/accounts/login/")
    assert event.created_at is not None
    [record] = [r for r in caplog.records if r.name == "security"]
    assert record.levelno == logging.INFO
    assert "login_success user=canbo_a ip=203.0.113.7" in record.getMessage()


def test_a_failed_log_in_keeps_the_name_typed_and_never_the_password(client, caplog, officer_a):
    caplog.set_level(logging.INFO, logger="security")

    post_login(client, "canbo_a", "mat-khau-sai-123")
    post_login(client, "khong-ai-ca", "mat-khau-sai-456")

    events = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOGIN_FAILURE)
    assert sorted(events.values_list("username", flat=True)) == ["canbo_a", "khong-ai-ca"]
    assert all(event.user is None and event.ip == "203.0.113.7" for event in events)
    stored = str(list(SecurityEvent.objects.values()))
    logged = caplog.text
    for secret in ("mat-khau-sai-123", "mat-khau-sai-456"):
        assert secret not in stored
        assert secret not in logged
    assert all(r.levelno == logging.WARNING for r in caplog.records if r.name == "security")


def test_a_locked_out_log_in_is_recorded_as_such(client, officer_a):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "canbo_a", "sai")

    response = post_login(client, "canbo_a", PASSWORD)

    assert response.status_code == 429
    last = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOGIN_FAILURE).first()
    assert last.detail == {"locked_out": True}
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOGIN_SUCCESS).exists()


def test_codes_right_and_wrong_are_recorded_without_the_code(client, secretariat):
    device = authenticator(secretariat)
    codes = backup_codes(secretariat)
    client.force_login(secretariat)

    verify(client, "000000")
    verify(client, codes[0], backup=True)
    verify(client, code_of(device))

    rows = list(
        SecurityEvent.objects.filter(kind__startswith="otp_")
        .order_by("id")
        .values_list("kind", "detail")
    )
    assert rows == [
        ("otp_failure", {"method": "totp"}),
        ("otp_success", {"method": "backup"}),
    ]
    assert codes[0] not in str(list(SecurityEvent.objects.values()))


def test_a_unit_officer_opening_another_councils_page_is_refused_and_recorded(
    client, caplog, officer_a, plan
):
    caplog.set_level(logging.INFO, logger="security")
    client.force_login(officer_a)
    url = reverse("reminders:plan_offsets", args=[plan.pk])

    response = client.get(url, REMOTE_ADDR="198.51.100.4")

    assert response.status_code == 403
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.FORBIDDEN)
    assert (event.user, event.username, event.ip) == (officer_a, "canbo_a", "198.51.100.4")
    assert (event.method, event.path) == ("GET", url)
    assert event.detail == {"view": "reminders:plan_offsets"}
    assert any(
        r.name == "security" and r.levelno == logging.WARNING and "forbidden" in r.getMessage()
        for r in caplog.records
    )


def test_a_refusal_costs_one_insert(client, officer_a, plan):
    client.force_login(officer_a)
    url = reverse("reminders:plan_offsets", args=[plan.pk])

    with CaptureQueriesContext(connection) as queries:
        client.get(url)

    inserts = [q["sql"] for q in queries if "security_securityevent" in q["sql"]]
    assert len(inserts) == 1
    assert inserts[0].startswith("INSERT")


def test_pages_that_are_not_refused_write_nothing(client, officer_a):
    client.force_login(officer_a)
    SecurityEvent.objects.all().delete()

    client.get(reverse("dashboard"))
    client.get("/units/999999/")  # a 404 says nothing about permission

    assert not SecurityEvent.objects.exists()


def test_a_form_without_its_csrf_token_is_refused_and_recorded(officer_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer_a)

    response = client.post(reverse("logout"))

    assert response.status_code == 403
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.CSRF_FAILURE)
    assert event.user == officer_a
    assert event.detail["reason"] == "CSRF cookie not set."
    assert event.path == reverse("logout")


def test_the_second_factor_json_answer_is_not_a_recorded_refusal(client, secretariat):
    authenticator(secretariat)
    client.force_login(secretariat)

    response = client.get(reverse("notifications:count"), headers={"accept": "application/json"})

    assert response.status_code == 403
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.FORBIDDEN).exists()


def test_a_failing_log_never_breaks_the_request(client, caplog, monkeypatch, officer_a, plan):
    def broken(self, *args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(SecurityEvent, "save", broken)

    logged_in = post_login(client, "canbo_a", PASSWORD)
    refused = client.get(reverse("reminders:plan_offsets", args=[plan.pk]))
    dashboard = client.get(reverse("dashboard"))

    assert logged_in.status_code == 302
    assert refused.status_code == 403
    assert dashboard.status_code == 200
    assert "could not be stored" in caplog.text


def test_an_address_that_is_not_an_ip_is_left_out_not_fatal(rf, officer_a):
    request = rf.get("/", REMOTE_ADDR="not-an-address")

    event = security_event_record(kind=SecurityEvent.Kind.FORBIDDEN, request=request)

    assert event.pk is not None
    assert event.ip is None


# --- the admin list ------------------------------------------------------------------------------


def test_the_admin_list_is_for_superusers_and_read_only(client, settings, superuser, officer_a):
    settings.TDKT_REQUIRE_2FA = False
    post_login(Client(), "canbo_a", "sai")
    event = SecurityEvent.objects.get()
    client.force_login(superuser)
    changelist = reverse("admin:security_securityevent_changelist")

    listing = client.get(changelist)
    filtered = client.get(changelist, {"kind__exact": "login_failure"})
    detail = client.get(reverse("admin:security_securityevent_change", args=[event.pk]))

    assert listing.status_code == filtered.status_code == detail.status_code == 200
    assert "canbo_a" in listing.text
    assert "203.0.113.7" in listing.text
    assert 'name="_save"' not in detail.text
    assert client.get(reverse("admin:security_securityevent_add")).status_code == 403
    assert (
        client.post(reverse("admin:security_securityevent_delete", args=[event.pk])).status_code
        == 403
    )
    assert SecurityEvent.objects.filter(pk=event.pk).exists()


def test_the_admin_list_is_hidden_from_staff_even_with_every_permission(client, settings, tree):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    settings.TDKT_REQUIRE_2FA = False
    staff = UserFactory(username="nhanvien_quyen", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="security"))
    client.force_login(staff)

    index = client.get(reverse("admin:index"))
    listing = client.get(reverse("admin:security_securityevent_changelist"))

    assert "security_securityevent" not in index.text
    assert listing.status_code == 403
