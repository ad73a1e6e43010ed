"""The demo's managing accounts get backup codes that log them in with 2FA on."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from security.demo import load_demo_second_factors
from security.selectors import backup_codes_left

pytestmark = pytest.mark.django_db


def test_demo_managing_accounts_get_backup_codes_that_log_them_in(client, demo_world):
    codes = load_demo_second_factors()

    assert list(codes) == ["quantri", "thuongtruc"]
    assert all(len(set(user_codes)) == 10 for user_codes in codes.values())
    response = client.post(
        reverse("login"), {"username": "thuongtruc", "password": demo_world["thuongtruc"]}
    )
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302
    verified = client.post(reverse("security:verify"), {"backup_code": codes["thuongtruc"][0]})
    assert verified.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_loading_again_replaces_the_codes(demo_world):
    first = load_demo_second_factors()
    second = load_demo_second_factors()

    assert set(first["quantri"]).isdisjoint(second["quantri"])
    assert backup_codes_left(get_user_model().objects.get(username="quantri")) == 10
