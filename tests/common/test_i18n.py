import datetime

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_pages_are_vietnamese_by_default(client):
    response = client.get(reverse("login"))

    assert '<html lang="vi">' in response.text
    assert "Đăng nhập" in response.text


def test_language_switch_turns_the_interface_english_and_back(client):
    switched = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("login")}, follow=True
    )

    assert '<html lang="en">' in switched.text
    assert "Log in to TĐKT" in switched.text

    back = client.post(
        reverse("set_language"), {"language": "vi", "next": reverse("login")}, follow=True
    )
    assert "Đăng nhập" in back.text


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_show_as_day_month_year_in_every_language(client, tree, secretariat, language):
    UnitFactory(
        name="Phường Giải Thể",
        parent=tree.district,
        established_on=datetime.date(2008, 8, 1),
        dissolved_on=datetime.date(2025, 7, 1),
    )
    client.force_login(secretariat)
    client.post(reverse("set_language"), {"language": language})

    response = client.get(reverse("organizations:unit_list"), {"q": "giai the"})

    assert "01/07/2025" in response.text


def test_a_browser_set_to_english_still_gets_vietnamese_until_the_user_switches(client):
    response = client.get(reverse("login"), headers={"accept-language": "en-US,en;q=0.9"})

    assert '<html lang="vi">' in response.text
    assert response.headers["Content-Language"] == "vi"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_entered_as_day_month_year_in_every_language(language):
    with translation.override(language):
        assert forms.DateField().clean("03/01/2020") == datetime.date(2020, 1, 3)
