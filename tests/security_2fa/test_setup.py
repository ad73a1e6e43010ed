"""First log-in of a managing role: the authenticator set-up page, its confirmation with a real
code, the backup codes shown once; and who may replace an authenticator."""

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.models import SecurityEvent
from tests.security_2fa.conftest import authenticator, backup_codes, code_of, log_in, verified

pytestmark = pytest.mark.django_db


def setup_url(next_url: str = "/dashboard/") -> str:
    return f"{reverse('security:setup')}?{urlencode({'next': next_url})}"


def test_first_log_in_leads_through_the_password_to_the_set_up_page(client, secretariat):
    response = log_in(client, secretariat, follow=True)

    assert response.redirect_chain == [
        (reverse("dashboard"), 302),
        (f"{reverse('security:verify')}?{urlencode({'next': '/dashboard/'})}", 302),
        (setup_url(), 302),
    ]
    assert response.status_code == 200
    page = response.text
    assert 'lang="vi"' in page
    assert "<svg" in page  # the QR code is inline SVG
    assert "<script" not in page  # nothing a CSP without 'unsafe-inline' would block
    assert "style=" not in page
    assert 'inputmode="numeric"' in page
    assert 'autocomplete="one-time-code"' in page
    assert "no-store" in response["Cache-Control"]
    device = TOTPDevice.objects.get(user=secretariat)
    assert not device.confirmed
    secret = re.search(r'id="secret">([A-Z2-7 ]+)<', page).group(1)
    assert len(secret.replace(" ", "")) == 32  # 20 random bytes in base 32


def test_the_qr_code_carries_the_key_and_the_issuer(client, secretariat):
    client.force_login(secretariat)

    client.get(setup_url())

    url = TOTPDevice.objects.get(user=secretariat).config_url
    assert url.startswith("otpauth://totp/T%C4%90KT%3Athuongtruc?secret=")
    assert "issuer=T%C4%90KT" in url


def test_reloading_the_set_up_page_keeps_the_same_key(client, secretariat):
    client.force_login(secretariat)

    first = client.get(setup_url()).context["secret"]
    second = client.get(setup_url()).context["secret"]

    assert first == second
    assert TOTPDevice.objects.filter(user=secretariat).count() == 1


def test_a_real_code_confirms_the_app_and_shows_ten_backup_codes_once(client, secretariat):
    client.force_login(secretariat)
    client.get(setup_url())
    device = TOTPDevice.objects.get(user=secretariat)

    response = client.post(setup_url(), {"code": code_of(device), "next": "/dashboard/"})

    assert response.status_code == 200
    shown = [code.replace(" ", "") for code in response.context["codes"]]
    assert len(set(shown)) == 10
    assert all(re.fullmatch(r"[a-z2-7]{8}", code) for code in shown)
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(shown)
    assert "no-store" in response["Cache-Control"]
    assert 'href="/dashboard/"' in response.text
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("dashboard")).status_code == 200
    kinds = set(SecurityEvent.objects.filter(user=secretariat).values_list("kind", flat=True))
    assert {SecurityEvent.Kind.OTP_SETUP, SecurityEvent.Kind.BACKUP_CODES_ISSUED} <= kinds
    # Shown once: the codes are on no other page.
    overview = client.get(reverse("security:overview"))
    assert not any(code in overview.text for code in shown)
    assert overview.context["codes_left"] == 10


def test_a_wrong_code_does_not_confirm_the_app(client, english, secretariat):
    client.force_login(secretariat)
    client.get(setup_url())

    response = client.post(setup_url(), {"code": "000000"})

    assert response.status_code == 200
    assert "This code is not right" in response.text
    assert not TOTPDevice.objects.get(user=secretariat).confirmed
    assert client.get(reverse("dashboard")).status_code == 302
    assert SecurityEvent.objects.filter(
        user=secretariat, kind=SecurityEvent.Kind.OTP_FAILURE, detail__setup=True
    ).exists()


def test_a_code_of_the_wrong_shape_is_refused_without_counting(client, english, secretariat):
    client.force_login(secretariat)
    client.get(setup_url())

    response = client.post(setup_url(), {"code": "12ab"})

    assert "Type the 6 digits your authenticator app shows." in response.text
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.OTP_FAILURE).exists()


def test_the_password_alone_cannot_replace_an_existing_authenticator(client, secretariat):
    old = authenticator(secretariat)
    client.force_login(secretariat)

    response = client.get(setup_url())

    assert response.status_code == 302
    assert response.url.startswith(reverse("security:verify"))
    assert list(TOTPDevice.objects.filter(user=secretariat)) == [old]


def test_the_password_alone_cannot_set_up_over_remaining_backup_codes(client, secretariat):
    backup_codes(secretariat)
    client.force_login(secretariat)

    assert client.get(setup_url()).url.startswith(reverse("security:verify"))
    assert client.post(setup_url(), {"code": "123456"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=secretariat).exists()


def test_a_verified_user_moves_to_a_new_phone(client, secretariat):
    old = authenticator(secretariat)
    verified(client, secretariat, old)
    client.get(reverse("security:setup"))
    new = TOTPDevice.objects.get(user=secretariat, confirmed=False)

    response = client.post(reverse("security:setup"), {"code": code_of(new)})

    assert response.status_code == 200
    assert list(TOTPDevice.objects.filter(user=secretariat)) == [new]
    assert client.get(reverse("dashboard")).status_code == 200


def test_officers_have_no_set_up_page(client, officer_a):
    client.force_login(officer_a)

    assert client.get(setup_url("/plans/")).url == "/plans/"
    assert not TOTPDevice.objects.exists()
