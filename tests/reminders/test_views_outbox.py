"""The outbox (reminders:outbox) and running the dispatcher from it."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from notifications.models import Delivery, OutgoingMail
from reminders.models import OverdueDigest, ReminderDispatch
from tests.reminders.conftest import DUE
from tests.reminders.conftest_ui import (  # noqa: F401 - fixtures by name
    administrator_fixture,
    many_deadlines,
    superuser_fixture,
)

pytestmark = pytest.mark.django_db


def test_outbox_lists_the_reminders_with_counts_per_status(client, tree, administrator):
    (deadline,) = many_deadlines(tree, 1)
    ReminderDispatch.objects.create(
        deadline=deadline,
        unit=tree.ward_a,
        offset="+1d",
        send_on=deadline.due_date,
        overdue=True,
        status=Delivery.Status.FAILED,
        attempts=3,
        last_error="SMTPRecipientsRefused: 550 hộp thư không tồn tại",
    )
    client.force_login(administrator)

    response = client.get(reverse("reminders:outbox"))

    page = response.content.decode()
    assert response.status_code == 200
    reminders = response.context["summary"][0]
    assert reminders["tab"] == "reminders"
    assert {value: count for value, _, count, _ in reminders["counts"]} == {
        "scheduled": 0,
        "sent": 1,
        "failed": 1,
        "skipped": 0,
    }
    assert "550 hộp thư không tồn tại" in page
    assert deadline.title in page
    assert [row.status for row in response.context["page"]] == ["failed", "sent"]  # newest first


def test_outbox_filters_by_status_and_shows_digests_and_mail(client, tree, superuser):
    many_deadlines(tree, 1)
    OverdueDigest.objects.create(council=tree.council, day=DUE, items=4)
    OutgoingMail.objects.create(
        to="canbo_a@phuong.example.com", subject="Hồ sơ đã được tiếp nhận", body="…",
        status=Delivery.Status.FAILED, last_error="Connection refused",
    )  # fmt: skip
    client.force_login(superuser)

    failed_reminders = client.get(reverse("reminders:outbox"), {"status": "failed"})
    digests = client.get(reverse("reminders:outbox"), {"tab": "digests"})
    mails = client.get(reverse("reminders:outbox"), {"tab": "mail", "status": "failed"})

    assert list(failed_reminders.context["page"]) == []
    assert [row.items for row in digests.context["page"]] == [4]
    assert "Hồ sơ đã được tiếp nhận" in mails.content.decode()
    assert "Connection refused" in mails.content.decode()


def test_outbox_is_refused_to_officers_and_the_secretariat(client, officer_a, secretariat):
    for user in (officer_a, secretariat):
        client.force_login(user)

        assert client.get(reverse("reminders:outbox")).status_code == 403
        assert client.post(reverse("reminders:outbox_run")).status_code == 403


@pytest.mark.parametrize("count", [1, 60])
def test_outbox_query_count_does_not_grow(
    client, django_assert_num_queries, tree, administrator, count
):
    many_deadlines(tree, count)
    OutgoingMail.objects.bulk_create(
        OutgoingMail(to=f"u{n}@example.com", subject=f"Thư {n}", body="…") for n in range(count)
    )
    client.force_login(administrator)

    for tab in ("reminders", "mail"):
        # savepoint and release, session, user, admin membership, counts of the three lists,
        # count and page of the list shown
        with django_assert_num_queries(10):
            response = client.get(reverse("reminders:outbox"), {"tab": tab})
        assert len(response.context["page"]) == min(count, 50)


def test_outbox_run_is_for_superusers_only_and_hidden_from_a_councils_administrator(
    client, owed, administrator, clock
):
    clock.set(DUE - datetime.timedelta(days=1), hour=9)  # "-1d" is due: a run would send it
    client.force_login(administrator)

    page = client.get(reverse("reminders:outbox")).content.decode()
    refused = client.post(reverse("reminders:outbox_run"))

    assert 'id="outbox-run"' not in page
    assert refused.status_code == 403
    assert not ReminderDispatch.objects.filter(deadline=owed.deadline).exists()
    assert len(mail.outbox) == 0


def test_outbox_run_sends_the_reminders_due_and_says_what_it_did(client, owed, superuser, clock):
    clock.set(DUE - datetime.timedelta(days=1), hour=9)  # the day before: "-1d" is due
    client.force_login(superuser)
    assert 'id="outbox-run"' in client.get(reverse("reminders:outbox")).content.decode()

    response = client.post(reverse("reminders:outbox_run"), follow=True)

    assert response.status_code == 200
    sent = ReminderDispatch.objects.filter(deadline=owed.deadline)
    assert sorted(sent.values_list("offset", flat=True)) == ["-1d", "-1d"]
    assert {row.status for row in sent} == {"sent"}
    assert len(mail.outbox) == 2
    [message] = list(response.context["messages"])
    assert "2" in str(message)
