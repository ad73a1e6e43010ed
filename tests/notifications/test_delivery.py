"""Sending a row of mail exactly once: claimed, sent, retried on errors that pass, failed on the
others, and handed to the workers again when the broker or a worker lost it."""

import datetime
import smtplib

import pytest
from django.core import mail

from notifications import delivery
from notifications.models import Notification, OutgoingMail
from notifications.services import mails_recover, mails_send

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def outgoing(**fields) -> OutgoingMail:
    values = {
        "to": "canbo@phuong.example.com",
        "subject": "[TĐKT] Hồ sơ đã được gửi",
        "body": "Nội dung thư",
        "html_body": "<p>Nội dung thư</p>",
        **fields,
    }
    return OutgoingMail.objects.create(**values)


def test_outbox_row_is_sent_with_its_html_part_and_marked_sent(clock):
    row = outgoing()
    assert mails_send(ids=[row.pk]) == 1
    row.refresh_from_db()
    assert (row.status, row.sent_at, row.recipients, row.attempts) == (
        "sent",
        clock.now,
        "canbo@phuong.example.com",
        0,
    )
    (message,) = mail.outbox
    assert (message.subject, message.body, message.to) == (
        "[TĐKT] Hồ sơ đã được gửi",
        "Nội dung thư",
        ["canbo@phuong.example.com"],
    )
    assert message.alternatives[0][0] == "<p>Nội dung thư</p>"


def test_plain_text_row_has_no_html_part():
    row = outgoing(html_body="")
    mails_send(ids=[row.pk])
    assert mail.outbox[0].alternatives == []


def test_row_sent_failed_or_skipped_is_not_sent_again():
    rows = [outgoing(status=status) for status in ("sent", "failed", "skipped")]
    assert mails_send(ids=[row.pk for row in rows]) == 0
    assert not mail.outbox


def test_row_whose_next_attempt_is_later_is_left_alone(clock):
    row = outgoing(attempts=1, next_attempt_at=clock.now + MINUTE)
    assert delivery.deliver(OutgoingMail, row.pk, lambda r: ["x"]) is None
    clock.advance(minutes=1)
    assert delivery.deliver(OutgoingMail, row.pk, lambda r: ["x"]).status == "sent"


def test_row_no_longer_needed_is_skipped():
    row = outgoing()
    assert delivery.deliver(OutgoingMail, row.pk, lambda r: None).status == "skipped"
    row.refresh_from_db()
    assert (row.status, row.sent_at) == ("skipped", None)


def test_transient_error_keeps_the_row_scheduled_then_fails_it_after_the_last_attempt(
    clock, mail_server
):
    mail_server.error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    row = outgoing()
    waits = []
    for _attempt in range(delivery.MAX_ATTEMPTS - 1):
        mails_send(ids=[row.pk])
        row.refresh_from_db()
        assert row.status == "scheduled"
        waits.append(row.next_attempt_at - clock.now)
        clock.now = row.next_attempt_at
    mails_send(ids=[row.pk])
    row.refresh_from_db()
    assert waits == [datetime.timedelta(minutes=m) for m in (5, 15, 45, 135)]
    assert (row.status, row.attempts) == ("failed", delivery.MAX_ATTEMPTS)
    assert row.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert mail_server.attempts == delivery.MAX_ATTEMPTS


def test_transient_error_then_success_clears_the_error(clock, mail_server):
    mail_server.error = ConnectionRefusedError(111, "Connection refused")
    row = outgoing()
    mails_send(ids=[row.pk])
    mail_server.error = None
    clock.advance(minutes=5)
    mails_send(ids=[row.pk])
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, "")
    assert len(mail.outbox) == 1


def test_refused_recipient_fails_the_row_at_once(mail_server):
    mail_server.error = smtplib.SMTPRecipientsRefused(
        {"canbo@phuong.example.com": (550, b"5.1.1 User unknown")}
    )
    row = outgoing()
    mails_send(ids=[row.pk])
    row.refresh_from_db()
    assert (row.status, row.attempts, row.next_attempt_at) == ("failed", 1, None)
    assert row.last_error.startswith("SMTPRecipientsRefused: ")


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (smtplib.SMTPServerDisconnected("closed"), True),
        (smtplib.SMTPConnectError(421, "busy"), True),
        (smtplib.SMTPDataError(451, "4.3.0 try again later"), True),
        (TimeoutError("timed out"), True),
        (ConnectionResetError(104, "reset"), True),
        (smtplib.SMTPDataError(554, "5.7.1 rejected"), False),
        (smtplib.SMTPAuthenticationError(535, "5.7.8 bad credentials"), False),
        (smtplib.SMTPRecipientsRefused({}), False),
        (ValueError("bad address"), False),
    ],
)
def test_is_transient_only_for_errors_that_may_pass(error, transient):
    assert delivery.is_transient(error) is transient


def test_what_send_writes_is_undone_on_error_what_before_writes_is_kept(people):
    lan = people[0]
    row = outgoing()

    def before(locked):
        Notification.objects.create(user=lan, title="Giữ lại")

    def send(locked):
        Notification.objects.create(user=lan, title="Bỏ đi")
        raise smtplib.SMTPServerDisconnected("closed")

    delivery.deliver(OutgoingMail, row.pk, send, before=before)
    assert list(Notification.objects.values_list("title", flat=True)) == ["Giữ lại"]
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("scheduled", 1)


def test_due_rows_are_those_never_queued_or_lost_and_due(clock):
    never = outgoing()
    lost = outgoing(queued_at=clock.now - 11 * MINUTE)
    recent = outgoing(queued_at=clock.now - 9 * MINUTE)
    waiting = outgoing(next_attempt_at=clock.now + MINUTE)
    retry = outgoing(queued_at=clock.now - 20 * MINUTE, next_attempt_at=clock.now - MINUTE)
    outgoing(status="sent")
    due = set(delivery.due_rows(OutgoingMail, now=clock.now))
    assert due == {never, lost, retry}
    assert recent not in due
    assert waiting not in due


class RefusingTask:
    """A Celery task whose broker takes the first message and refuses the next."""

    class app:  # stands for ``task.app``
        class conf:
            task_always_eager = True

    def __init__(self):
        self.calls = []

    def apply_async(self, args):
        self.calls.append(args[0])
        if len(self.calls) == 2:
            raise ConnectionRefusedError(111, "Connection refused")


def test_hand_over_stops_at_the_batch_the_broker_refuses_and_leaves_the_rest_unqueued(
    clock, caplog
):
    rows = [outgoing() for _ in range(6)]
    task = RefusingTask()

    ids = [row.pk for row in rows]
    assert delivery.hand_over(OutgoingMail, ids, task, batch=2) == 2
    assert task.calls == [ids[:2], ids[2:4]]
    queued = dict(OutgoingMail.objects.values_list("pk", "queued_at"))
    assert [queued[pk] for pk in ids] == [clock.now, clock.now, None, None, None, None]
    assert "The broker refused OutgoingMail rows; 4 wait for the next dispatcher run" in caplog.text


def test_mails_recover_hands_over_what_waits_and_sends_it(clock):
    never = outgoing()
    recent = outgoing(queued_at=clock.now - MINUTE)
    assert mails_recover() == 1
    never.refresh_from_db()
    recent.refresh_from_db()
    assert (never.status, recent.status) == ("sent", "scheduled")
    assert len(mail.outbox) == 1
    clock.advance(minutes=10)
    assert mails_recover() == 1
    assert len(mail.outbox) == 2
    assert mails_recover() == 0
