"""The verification page: authenticator codes, backup codes (each once), the lock after wrong
codes, and nothing kept on a shared device."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from security.models import SecurityEvent
from security.selectors import backup_codes_left
from tests.factories import PASSWORD
from tests.security_2fa.conftest import authenticator, backup_codes, code_of, verify

pytestmark = pytest.mark.django_db


def test_the_verification_page_is_phone_friendly_and_vietnamese(client, secretariat):
    authenticator(secretariat)
    client.force_login(secretariat)

    response = client.get(reverse("security:verify"))

    page = response.text
    assert response.status_code == 200
    assert 'lang="vi"' in page
    assert 'inputmode="numeric"' in page
    assert 'autocomplete="one-time-code"' in page
    assert 'name="backup_code"' in page
    assert "<script" not in page
    assert 'id="bell"' not in page  # no menu before the log-in is finished
    assert "remember" not in page.lower()  # no "trust this device": each session asks
    assert "no-store" in response["Cache-Control"]


def test_an_authenticator_code_opens_the_session_once(client, english, secretariat):
    device = authenticator(secretariat)
    code = code_of(device)
    client.force_login(secretariat)

    assert verify(client, code).status_code == 302
    client.post(reverse("logout"))
    client.force_login(secretariat)
    replayed = verify(client, code)

    assert replayed.status_code == 200
    assert "This code is not right" in replayed.text
    assert client.get(reverse("dashboard")).status_code == 302


def test_verifying_gives_the_session_a_new_key(client, secretariat):
    device = authenticator(secretariat)
    client.force_login(secretariat)
    before = client.session.session_key

    verify(client, code_of(device))

    assert client.session.session_key != before
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_backup_code_works_once(client, english, secretariat):
    authenticator(secretariat)
    codes = backup_codes(secretariat)
    client.force_login(secretariat)

    first = verify(client, codes[3].upper()[:4] + " " + codes[3][4:], backup=True)

    assert first.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    assert backup_codes_left(secretariat) == 9
    client.post(reverse("logout"))
    client.force_login(secretariat)
    again = verify(client, codes[3], backup=True)
    assert again.status_code == 200
    assert "This code is not right" in again.text
    assert verify(client, codes[4], backup=True).status_code == 302


def test_using_a_backup_code_says_how_many_are_left(client, english, secretariat):
    codes = backup_codes(secretariat)
    client.force_login(secretariat)

    response = verify(client, codes[0], backup=True, next_url="/dashboard/")
    page = client.get(response.url).text

    assert "You used a backup code; 9 are left." in page
    assert "Set up an authenticator app" in page


def test_a_user_with_only_backup_codes_sees_the_backup_form_open(client, secretariat):
    backup_codes(secretariat)
    client.force_login(secretariat)

    response = client.get(reverse("security:verify"))

    assert response.context["has_app"] is False
    assert 'id="backup" open' in response.text
    assert 'id="app-form"' not in response.text


def test_five_wrong_codes_lock_the_second_factor_for_fifteen_minutes(client, english, secretariat):
    device = authenticator(secretariat)
    codes = backup_codes(secretariat)
    client.force_login(secretariat)
    # Wrong authenticator codes and wrong backup codes count together.
    for attempt in range(4):
        assert verify(client, "000000").status_code == 200, attempt
    fifth = verify(client, "zzzzzzzz", backup=True)

    right = verify(client, code_of(device))
    backup = verify(client, codes[0], backup=True)

    assert fifth.status_code == 429
    assert right.status_code == backup.status_code == 429
    assert "Too many wrong codes" in right.text
    assert "15 more minutes" in right.text
    assert client.get(reverse("security:verify")).status_code == 429
    assert client.get(reverse("dashboard")).status_code == 302
    assert backup_codes_left(secretariat) == 10  # nothing was checked while locked
    events = SecurityEvent.objects.filter(user=secretariat)
    assert events.filter(kind=SecurityEvent.Kind.OTP_FAILURE).count() == 5
    assert events.filter(kind=SecurityEvent.Kind.OTP_LOCKOUT).count() == 1
    assert events.filter(kind=SecurityEvent.Kind.OTP_REFUSED).count() == 2


def test_the_lock_holds_in_a_new_session_and_ends_after_fifteen_minutes(client, secretariat):
    device = authenticator(secretariat)
    client.force_login(secretariat)
    for _ in range(5):
        verify(client, "000000")
    client.post(reverse("logout"))
    client.force_login(secretariat)
    assert verify(client, code_of(device)).status_code == 429

    SecurityEvent.objects.filter(user=secretariat).update(
        created_at=timezone.now() - datetime.timedelta(minutes=15, seconds=1)
    )

    assert verify(client, code_of(device)).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_right_code_resets_the_count_of_wrong_ones(client, secretariat):
    device = authenticator(secretariat)
    client.force_login(secretariat)
    for _ in range(4):
        verify(client, "000000")
    assert verify(client, code_of(device)).status_code == 302
    client.post(reverse("logout"))
    client.force_login(secretariat)

    for _ in range(4):
        assert verify(client, "000000").status_code == 200

    assert verify(client, code_of(device, steps_ahead=1)).status_code == 302


def test_the_lock_of_one_user_does_not_touch_another(client, secretariat, admin_user):
    authenticator(secretariat)
    other = authenticator(admin_user)
    client.force_login(secretariat)
    for _ in range(5):
        verify(client, "000000")

    client.force_login(admin_user)

    assert verify(client, code_of(other)).status_code == 302


def test_a_password_log_in_then_the_code_reaches_the_page_asked_for(client, secretariat):
    device = authenticator(secretariat)
    assert client.get("/plans/?year=2020").url == "/accounts/login/?next=/plans/%3Fyear%3D2020"

    password = client.post(
        reverse("login"),
        {"username": "thuongtruc", "password": PASSWORD, "next": "/plans/?year=2020"},
        follow=True,
    )
    response = verify(client, code_of(device), next_url=password.context["next"])

    assert (
        password.redirect_chain[-1][0]
        == "/accounts/security/verify/?next=%2Fplans%2F%3Fyear%3D2020"
    )
    assert response.url == "/plans/?year=2020"
    assert client.get(response.url).status_code == 200
