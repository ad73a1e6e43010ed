import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

WRONG_CREDENTIALS_VI = "Vui lòng nhập chính xác"


def without_csrf(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_with_the_right_password_opens_the_dashboard(client):
    UserFactory(username="canbo")

    response = login(client, "canbo", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_wrong_password_shows_a_vietnamese_message_and_keeps_the_username(client):
    UserFactory(username="canbo")

    response = login(client, "canbo", "sai-mat-khau")

    assert response.status_code == 200
    assert WRONG_CREDENTIALS_VI in response.text
    assert 'value="canbo"' in response.text


def test_unknown_account_gets_the_same_answer_as_a_wrong_password(client):
    UserFactory(username="canbo")

    known = login(client, "canbo", "sai-mat-khau")
    unknown = login(client, "khong-ton-tai", "sai-mat-khau")

    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_repeated_failures_lock_the_account_out_even_with_the_right_password(client):
    UserFactory(username="canbo")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "canbo", "sai-mat-khau")

    response = login(client, "canbo", PASSWORD)

    assert response.status_code == 429
    assert "Đăng nhập quá nhiều lần không thành công" in response.text
    assert "_auth_user_id" not in client.session


def test_lockout_of_an_unknown_account_looks_the_same(client):
    UserFactory(username="canbo")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "canbo", "sai-mat-khau")
        login(client, "khong-ton-tai", "sai-mat-khau")

    known = login(client, "canbo", "sai-mat-khau")
    unknown = login(client, "khong-ton-tai", "sai-mat-khau")

    assert known.status_code == unknown.status_code == 429
    assert without_csrf(known.text) == without_csrf(unknown.text)


def test_logout_needs_post_and_ends_the_session(client):
    client.force_login(UserFactory())

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302
