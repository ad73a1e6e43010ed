"""Two-step verification switched on (the suite's settings switch it off), the users of every
role, and helpers that compute real authenticator codes.

Roles: ``secretariat`` (district council), ``admin_user`` (administrator of the province),
``staff_user`` (staff, no membership), ``superuser``; not asked: ``officer_a`` (ward A),
``member`` (council member of the district).
"""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from organizations.models import Membership
from security.services import backup_codes_issue
from tests.factories import PASSWORD, MembershipFactory, UserFactory

LANGUAGE_COOKIE = "django_language"


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    """Two-step verification on (config/settings/test.py turns it off for the rest)."""
    settings.TDKT_REQUIRE_2FA = True


@pytest.fixture
def admin_user(tree):
    return MembershipFactory(
        user=UserFactory(username="quantri_tinh"), unit=tree.province, role=Membership.Role.ADMIN
    ).user


@pytest.fixture
def staff_user(db):
    return UserFactory(username="nhanvien", is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(username="sieuquantri", is_staff=True, is_superuser=True)


@pytest.fixture
def member(tree):
    return MembershipFactory(
        user=UserFactory(username="hoidong"),
        unit=tree.district,
        role=Membership.Role.COUNCIL_MEMBER,
    ).user


@pytest.fixture
def english(client):
    """The client reads the pages in English (message assertions independent of catalogues)."""
    client.cookies[LANGUAGE_COOKIE] = "en"
    return client


def authenticator(user) -> TOTPDevice:
    """A confirmed authenticator app for ``user``."""
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def code_of(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The 6-digit code the device's app shows now (or ``steps_ahead`` 30-second steps later,
    still within the one-step tolerance: a code already used cannot be used again)."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{value:0{device.digits}d}"


def backup_codes(user) -> list[str]:
    return backup_codes_issue(user=user)


def log_in(client, user, **extra):
    """Log in through the log-in page with the factories' password."""
    return client.post(
        reverse("login"), {"username": user.get_username(), "password": PASSWORD}, **extra
    )


def verify(client, code: str, *, next_url: str = "", backup: bool = False):
    field = "backup_code" if backup else "code"
    return client.post(reverse("security:verify"), {field: code, "next": next_url})


def verified(client, user, device: TOTPDevice | None = None):
    """``client`` logged in as ``user`` and past the second factor with ``device`` (by default
    a new authenticator)."""
    client.force_login(user)
    response = verify(client, code_of(device or authenticator(user)))
    assert response.status_code == 302, response
    return client
