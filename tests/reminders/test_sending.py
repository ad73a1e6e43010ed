"""What a reminder looks like to its readers, and what happens when the mail server fails.

Only the outside world is replaced: the clock (``clock``) and the mail server (``mail_server``
raises what a real SMTP server would).
"""

import datetime
import smtplib

import pytest
from django.core import mail
from django.utils import translation

from notifications.delivery import MAX_ATTEMPTS
from notifications.models import Notification
from notifications.services import preference_update
from organizations.models import Membership
from reminders.links import action_path
from reminders.models import Deadline, OverdueDigest, ReminderDispatch
from reminders.services.deadlines import target_mark_done
from reminders.services.dispatch import dispatch
from reminders.services.sending import send_digests, send_reminders
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
MINUS_7W, DAY_AFTER = D(2026, 3, 3), D(2026, 3, 13)
TITLE = "Gửi báo cáo tổng kết công tác thi đua, khen thưởng năm 2025"
SITE = "https://tdkt.sontay.gov.vn"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE + "/"


def message_to(address: str):
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


def html_of(message) -> str:
    ((html, content_type),) = message.alternatives
    assert content_type == "text/html"
    return html


def run(clock, day, hour=9, minute=0):
    clock.set(day, hour, minute)
    return dispatch()


# --- the mail ------------------------------------------------------------------------------


def test_reminder_mail_in_english_has_text_html_and_the_absolute_link(clock, owed, officer_b):
    preference_update(user=officer_b, language="en", mute_reminders=False)
    run(clock, MINUS_7W)
    message = message_to("canbo_b@phuong.example.com")
    link = f"{SITE}/deadlines/units/{owed.target_b.pk}/"
    assert message.subject == f"[TĐKT] Reminder: {TITLE} – due 12/03/2026"
    assert "To the officers of Phường Bình Minh," in message.body
    assert "Your unit still has to do the following by 12/03/2026:" in message.body
    assert "Due date: 12/03/2026 (7 working days before)" in message.body
    assert f"Open it here: {link}" in message.body
    html = html_of(message)
    assert '<html lang="en">' in html
    assert f'href="{link}"' in html
    assert TITLE in html


def test_reminder_mail_in_vietnamese_by_default(clock, owed):
    run(clock, MINUS_7W)
    message = message_to("canbo_a@phuong.example.com")
    with translation.override("vi"):
        due_date = translation.gettext("Due date")
    assert due_date == "Thời hạn"
    assert f"{due_date}: 12/03/2026" in message.body
    assert '<html lang="vi">' in html_of(message)


def test_each_officer_reads_the_reminder_in_his_own_language(clock, owed, tree):
    second = MembershipFactory(
        user=UserFactory(username="canbo_a2", email="pho@phuong.example.com"),
        unit=tree.ward_a,
        role=Membership.Role.UNIT_OFFICER,
    ).user
    preference_update(user=second, language="en", mute_reminders=False)
    run(clock, MINUS_7W)
    row = ReminderDispatch.objects.get(unit=tree.ward_a)
    assert row.recipients == "canbo_a@phuong.example.com, pho@phuong.example.com"
    assert "Due date: 12/03/2026" in message_to("pho@phuong.example.com").body
    assert "Thời hạn: 12/03/2026" in message_to("canbo_a@phuong.example.com").body


def test_overdue_reminder_says_so(clock, owed, officer_b):
    preference_update(user=officer_b, language="en", mute_reminders=False)
    run(clock, DAY_AFTER)
    message = message_to("canbo_b@phuong.example.com")
    assert message.subject == f"[TĐKT] Overdue: {TITLE}"
    assert "The deadline of 12/03/2026 has passed and your unit has not yet done:" in message.body
    assert "(1 day overdue)" in message.body


def test_reminder_is_also_a_notification_under_the_bell(clock, owed, officer_b):
    preference_update(user=officer_b, language="en", mute_reminders=False)
    run(clock, MINUS_7W)
    (note,) = Notification.objects.filter(user=officer_b)
    assert (note.title, note.body, note.url, note.overdue, note.read_at) == (
        f"Due 12/03/2026: {TITLE}",
        "Phường Bình Minh",
        f"/deadlines/units/{owed.target_b.pk}/",
        False,
        None,
    )
    run(clock, DAY_AFTER)
    assert Notification.objects.filter(user=officer_b, overdue=True).get().title == (
        f"Overdue: {TITLE}"
    )


def test_bell_notification_in_the_officers_language(clock, owed, officer_a):
    run(clock, MINUS_7W)
    with translation.override("vi"):
        expected = translation.gettext("Due %(day)s: %(title)s") % {
            "day": "12/03/2026",
            "title": TITLE,
        }
    assert Notification.objects.get(user=officer_a).title == expected


def test_link_leads_to_the_page_that_does_what_is_due(tree, owed, window):
    registration = Deadline(kind=Deadline.Kind.REGISTRATION)
    round_ = Deadline(kind=Deadline.Kind.ROUND)
    document = Deadline(kind=Deadline.Kind.CLUSTER_DOCUMENT, cluster=window.clusters.cluster)
    assert action_path(deadline=registration, target_id=1) == "/registrations/"
    assert action_path(deadline=round_, target_id=1) == "/dossiers/"
    assert action_path(deadline=document, target_id=1) == (
        f"/clusters/{window.clusters.cluster.pk}/"
    )
    assert action_path(deadline=owed.deadline, target_id=owed.target_a.pk) == (
        f"/deadlines/units/{owed.target_a.pk}/"
    )


def test_long_obligation_is_cut_to_fit_under_the_bell(clock, owed, officer_b):
    preference_update(user=officer_b, language="en", mute_reminders=False)
    long_title = "Triển khai thực hiện " + "các phong trào thi đua, " * 20
    Deadline.objects.filter(pk=owed.deadline.pk).update(title=long_title[:500])
    run(clock, MINUS_7W)
    assert set(ReminderDispatch.objects.values_list("status", flat=True)) == {"sent"}
    title = Notification.objects.get(user=officer_b).title
    assert (len(title), title[-1]) == (255, "…")
    assert title.startswith("Due 12/03/2026: Triển khai thực hiện các phong trào thi đua")


# --- rows no longer needed -----------------------------------------------------------------


def test_unit_done_after_the_reminder_was_written_is_skipped(clock, owed, officer_a):
    row = ReminderDispatch.objects.create(
        deadline=owed.deadline, unit=owed.target_a.unit, offset="-7w", send_on=MINUS_7W
    )
    target_mark_done(target=owed.target_a, actor=officer_a)
    assert send_reminders(ids=[row.pk]) == 0
    row.refresh_from_db()
    assert row.status == "skipped"
    assert not mail.outbox
    assert not Notification.objects.exists()


def test_sent_reminder_is_never_sent_again(clock, owed):
    run(clock, MINUS_7W)
    ids = list(ReminderDispatch.objects.values_list("pk", flat=True))
    assert send_reminders(ids=ids) == 0
    assert len(mail.outbox) == 2


# --- the mail server fails -----------------------------------------------------------------


def test_disconnecting_server_leaves_the_reminder_scheduled_and_it_is_retried(
    clock, owed, officer_a, mail_server
):
    mail_server.error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    run(clock, MINUS_7W)
    row = ReminderDispatch.objects.get(unit=owed.target_a.unit)
    assert (row.status, row.attempts, row.next_attempt_at) == (
        "scheduled",
        1,
        clock.now + datetime.timedelta(minutes=5),
    )
    assert row.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert not mail.outbox
    assert Notification.objects.filter(user=officer_a).count() == 1
    mail_server.error = None
    run(clock, MINUS_7W, minute=6)  # handed over ten minutes ago: not yet handed over again
    assert not mail.outbox
    run(clock, MINUS_7W, minute=15)
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, "")
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(user=officer_a).count() == 1


def test_reminder_fails_after_the_last_attempt_waiting_longer_each_time(clock, owed, mail_server):
    mail_server.error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    clock.set(MINUS_7W, hour=9)
    tried_at, attempts = [], 0
    while clock.now.hour < 18:
        dispatch()
        row = ReminderDispatch.objects.get(unit=owed.target_a.unit)
        if row.attempts > attempts:
            attempts = row.attempts
            tried_at.append(f"{clock.now:%H:%M}")
        clock.advance(minutes=15)
    # Waits of 5, 15, 45 and 135 minutes, met by the dispatcher's quarter-hour runs.
    assert tried_at == ["09:00", "09:15", "09:30", "10:15", "12:30"]
    assert (row.status, row.attempts, row.sent_at) == ("failed", MAX_ATTEMPTS, None)
    assert mail_server.attempts == 2 * MAX_ATTEMPTS
    assert not mail.outbox


def test_refused_recipient_fails_the_reminder_at_once(clock, owed, mail_server):
    mail_server.error = smtplib.SMTPRecipientsRefused(
        {"canbo_a@phuong.example.com": (550, b"5.1.1 User unknown")}
    )
    run(clock, MINUS_7W)
    run(clock, MINUS_7W, hour=12)
    row = ReminderDispatch.objects.get(unit=owed.target_a.unit)
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error.startswith("SMTPRecipientsRefused: ")
    assert mail_server.attempts == 2


# --- the overdue digest --------------------------------------------------------------------


def test_digest_mail_in_the_secretarys_language_with_the_council_link(
    clock, owed, secretariat, tree
):
    preference_update(user=secretariat, language="en", mute_reminders=False)
    run(clock, DAY_AFTER)
    message = message_to("thuongtruc@example.com")
    assert message.subject == "[TĐKT] 2 overdue obligations on 13/03/2026"
    assert f"To the secretariat of {tree.council.name}," in message.body
    assert "On 13/03/2026 these units have not yet done what was due:" in message.body
    assert f"{TITLE} – due 12/03/2026" in message.body
    assert "  - Phường An Bình\n" in message.body
    link = f"{SITE}/deadlines/councils/{tree.council.pk}/"
    assert link in message.body
    html = html_of(message)
    assert f'href="{link}"' in html
    assert "<li>Phường Bình Minh</li>" in html


def test_digest_shows_a_units_extension(clock, owed, secretariat):
    owed.target_b.due_date = D(2026, 3, 12)  # not later than the deadline: not an extension
    owed.target_b.save()
    preference_update(user=secretariat, language="en", mute_reminders=False)
    run(clock, DAY_AFTER)
    assert "extended until" not in message_to("thuongtruc@example.com").body
    mail.outbox.clear()
    owed.target_b.due_date = D(2026, 3, 16)
    owed.target_b.save()
    run(clock, D(2026, 3, 17))
    assert "  - Phường Bình Minh (extended until 16/03/2026)" in (
        message_to("thuongtruc@example.com").body
    )


def test_digest_with_nothing_overdue_any_more_is_skipped(clock, owed, secretariat, tree):
    digest = OverdueDigest.objects.create(council=tree.council, day=DAY_AFTER)
    owed.target_a.done_at = owed.target_b.done_at = clock.now
    owed.target_a.save()
    owed.target_b.save()
    assert send_digests(ids=[digest.pk]) == 0
    digest.refresh_from_db()
    assert digest.status == "skipped"
    assert not mail.outbox


def test_digest_without_a_secretariat_address_fails(clock, owed, tree):
    run(clock, DAY_AFTER)
    digest = OverdueDigest.objects.get()
    assert (digest.status, digest.attempts, digest.items) == ("failed", 1, 2)
    assert digest.last_error.startswith("Unreachable: ")
