import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    UserFactory(username="canbo", email="canbo@phuong.example.com")

    response = client.post(reverse("password_reset"), {"email": "canbo@phuong.example.com"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["canbo@phuong.example.com"]
    assert "mật khẩu" in message.subject
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )
    user = get_user_model().objects.get(username="canbo")
    assert user.check_password("Mat-khau-moi-2026")


def test_password_reset_for_an_unknown_address_answers_the_same_and_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "ai-do@example.com"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_change_with_a_wrong_old_password_says_so_and_changes_nothing(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": "sai", "new_password1": "Mat-khau-moi-2026", "new_password2": "khac"},
    )

    assert response.status_code == 200
    assert "Mật khẩu cũ không chính xác" in response.text
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
