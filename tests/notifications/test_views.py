"""The notification pages: the list, the unread count of the bell, marking read, settings."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification, Preference
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(db):
    return UserFactory(username="canbo_a")


def notify(user, count: int = 1, **fields) -> list[Notification]:
    return Notification.objects.bulk_create(
        Notification(user=user, title=f"Nhắc hạn số {n}", url="/deadlines/", **fields)
        for n in range(count)
    )


def test_notification_list_shows_the_users_notifications_unread_and_overdue_marked(client, user):
    Notification.objects.create(user=user, title="Sắp đến hạn báo cáo", url="/deadlines/")
    Notification.objects.create(
        user=user, title="Quá hạn báo cáo", url="/deadlines/", overdue=True, read_at=timezone.now()
    )
    Notification.objects.create(user=UserFactory(username="khac"), title="Của người khác")
    client.force_login(user)

    response = client.get(reverse("notifications:list"))

    page = response.content.decode()
    assert [n.title for n in response.context["page"]] == [
        "Quá hạn báo cáo",
        "Sắp đến hạn báo cáo",
    ]
    assert page.count("data-unread") == 1
    assert "list-group-item-danger" in page
    assert "Của người khác" not in page
    assert 'href="/deadlines/"' in page


def test_notification_list_does_not_link_outside_the_site(client, user):
    Notification.objects.create(user=user, title="Lạ", url="https://evil.example.com/")
    client.force_login(user)

    page = client.get(reverse("notifications:list")).content.decode()

    assert "evil.example.com" not in page


@pytest.mark.parametrize("count", [2, 70])
def test_notification_list_query_count_does_not_grow(
    client, django_assert_num_queries, user, count
):
    notify(user, count)
    client.force_login(user)

    # savepoint and release, session, user, count, page
    with django_assert_num_queries(6):
        response = client.get(reverse("notifications:list"))

    assert len(response.context["page"]) == min(count, 30)


def test_unread_count_answers_json_without_caching(client, django_assert_num_queries, user):
    notify(user, 3)
    Notification.objects.filter(pk=Notification.objects.first().pk).update(read_at=timezone.now())
    client.force_login(user)

    # savepoint and release, session, user, the count
    with django_assert_num_queries(5):
        response = client.get(reverse("notifications:count"))

    assert json.loads(response.content) == {"unread": 2}
    assert "no-store" in response["Cache-Control"]


def test_unread_count_requires_login(client):
    response = client.get(reverse("notifications:count"))

    assert response.status_code == 302


def test_mark_read_marks_all_the_users_notifications(client, user):
    mine = notify(user, 2)
    other = notify(UserFactory(username="khac"), 1)
    client.force_login(user)

    response = client.post(reverse("notifications:mark_read"))

    assert response.status_code == 302
    assert not Notification.objects.filter(pk__in=[n.pk for n in mine], read_at=None).exists()
    assert Notification.objects.filter(pk=other[0].pk, read_at=None).exists()
    assert json.loads(client.get(reverse("notifications:count")).content) == {"unread": 0}


def test_mark_read_by_get_is_refused(client, user):
    client.force_login(user)

    assert client.get(reverse("notifications:mark_read")).status_code == 405


def test_settings_save_the_language_and_the_muted_reminders(client, user):
    client.force_login(user)

    page = client.get(reverse("notifications:settings")).content.decode()
    response = client.post(
        reverse("notifications:settings"), {"language": "en", "mute_reminders": "on"}
    )

    assert reverse("reminders:calendar") in page
    assert response.status_code == 302
    preference = Preference.objects.get(user=user)
    assert (preference.language, preference.mute_reminders) == ("en", True)


def test_settings_page_does_not_write_a_row_when_read(client, user):
    client.force_login(user)

    client.get(reverse("notifications:settings"))

    assert not Preference.objects.filter(user=user).exists()


def test_settings_with_an_unknown_language_keep_the_choice_and_say_why(client, user):
    client.force_login(user)

    response = client.post(
        reverse("notifications:settings"), {"language": "fr", "mute_reminders": "on"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    assert not Preference.objects.filter(user=user).exists()


def test_bell_is_in_the_navbar_with_the_count_url(client, user):
    client.force_login(user)

    page = client.get(reverse("notifications:list")).content.decode()

    assert f'data-count-url="{reverse("notifications:count")}"' in page
    assert '<span id="bell-count"' in page
    assert "js/bell.js" in page
    assert f'href="{reverse("reminders:list")}"' in page
