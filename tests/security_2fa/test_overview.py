"""The user's security page: his authenticator, his backup codes (renewed, shown once), his
recent activity; and what the check costs each request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from security.selectors import backup_codes_left
from tests.security_2fa.conftest import authenticator, backup_codes, verified, verify

pytestmark = pytest.mark.django_db


def test_the_security_page_shows_the_app_the_codes_left_and_recent_log_ins(
    client, english, secretariat
):
    device = authenticator(secretariat)
    backup_codes(secretariat)
    verified(client, secretariat, device)

    response = client.get(reverse("security:overview"))

    assert response.status_code == 200
    assert response.context["device"] == device
    assert "10 unused codes left." in response.text
    kinds = [event.kind for event in response.context["events"]]
    assert kinds[:3] == ["otp_success", "login_success", "backup_codes_issued"]
    assert "no-store" in response["Cache-Control"]


def test_new_backup_codes_replace_the_old_ones_and_are_shown_once(client, secretariat):
    old = backup_codes(secretariat)
    verified(client, secretariat)

    response = client.post(reverse("security:backup_codes"))

    new = [code.replace(" ", "") for code in response.context["codes"]]
    assert response.status_code == 200
    assert len(set(new)) == 10
    assert set(new).isdisjoint(old)
    assert "no-store" in response["Cache-Control"]
    assert backup_codes_left(secretariat) == 10
    client.post(reverse("logout"))
    client.force_login(secretariat)
    assert verify(client, old[0], backup=True).status_code == 200
    assert verify(client, new[0], backup=True).status_code == 302


def test_renewing_codes_needs_a_verified_session_and_a_post(client, secretariat):
    old = backup_codes(secretariat)
    client.force_login(secretariat)

    assert client.post(reverse("security:backup_codes")).url == reverse("security:verify")
    assert client.get(reverse("security:overview")).url.startswith(reverse("security:verify"))
    assert sorted(old) == sorted(
        secretariat.staticdevice_set.get().token_set.values_list("token", flat=True)
    )
    verified(client, secretariat)
    assert client.get(reverse("security:backup_codes")).status_code == 405


def test_officers_have_no_security_page(client, officer_a):
    client.force_login(officer_a)

    assert client.get(reverse("security:overview")).url == reverse("dashboard")
    assert client.post(reverse("security:backup_codes")).url == reverse("dashboard")


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_check_costs_one_query_for_officers(client, settings, officer_a):
    client.force_login(officer_a)
    url = reverse("notifications:list")

    with_check = queries_for(client, url)
    settings.TDKT_REQUIRE_2FA = False
    without = queries_for(client, url)

    assert with_check == without + 1  # his roles


def test_the_check_costs_nothing_more_once_verified(client, settings, secretariat):
    verified(client, secretariat)
    url = reverse("notifications:list")

    with_check = queries_for(client, url)
    settings.TDKT_REQUIRE_2FA = False
    without = queries_for(client, url)

    # django-otp loads the verified device on every request in both cases (one query).
    assert with_check == without
