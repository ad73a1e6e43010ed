"""The dispatcher: which reminder each unit gets and when, and the secretariat's overdue digest.

The ``owed`` report is due Thursday 12/03/2026 (``DUE``); with the default offsets its
reminders fall on Tue 03/03 (-7w), Mon 09/03 (-3w), Wed 11/03 (-1d), Thu 12/03 (0) and
Fri 13/03 (+1d), each from 08:00.
"""

import datetime

import pytest
from django.core import mail

from notifications.services import preference_update
from plans.models import Plan
from reminders.models import Deadline, DeadlineUnit, OverdueDigest, ReminderDispatch
from reminders.selectors import unreachable_units
from reminders.services.deadlines import target_mark_done
from reminders.services.dispatch import dispatch
from tests.reminders.conftest import DUE

pytestmark = pytest.mark.django_db
D = datetime.date
MINUS_7W, MINUS_3W = D(2026, 3, 3), D(2026, 3, 9)
MINUS_1D, DAY_AFTER = D(2026, 3, 11), D(2026, 3, 13)


@pytest.fixture(autouse=True)
def _no_exception_swallowed(caplog):
    """An exception in a worker is only logged by the hand-over (as if the broker refused the
    batch): fail the test on one."""
    yield
    swallowed = [r.getMessage() for r in caplog.get_records("call") if r.exc_info]
    assert not swallowed


def reminders() -> list[tuple[str, str, str]]:
    return sorted(ReminderDispatch.objects.values_list("unit__name", "offset", "status"))


def run(clock, day: datetime.date, hour: int = 9, minute: int = 0):
    clock.set(day, hour, minute)
    return dispatch()


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_seven_working_days_before_sends_the_minus_7w_reminder(clock, owed):
    result = run(clock, MINUS_7W)
    assert reminders() == [
        ("Phường An Bình", "-7w", "sent"),
        ("Phường Bình Minh", "-7w", "sent"),
    ]
    assert (result.reminders, result.handed_over) == (2, 2)
    assert recipients() == ["canbo_a@phuong.example.com", "canbo_b@phuong.example.com"]
    row = ReminderDispatch.objects.first()
    assert (row.send_on, row.overdue) == (MINUS_7W, False)


def test_nothing_goes_out_before_eight_in_the_morning(clock, owed):
    assert run(clock, MINUS_7W, hour=7, minute=59).reminders == 0
    assert run(clock, MINUS_7W, hour=8).reminders == 2


def test_day_before_sends_only_the_latest_reminder_due(clock, owed):
    run(clock, MINUS_1D)
    assert reminders() == [
        ("Phường An Bình", "-1d", "sent"),
        ("Phường Bình Minh", "-1d", "sent"),
    ]
    assert len(mail.outbox) == 2


def test_day_after_sends_the_overdue_reminder(clock, owed):
    run(clock, DAY_AFTER)
    assert reminders() == [
        ("Phường An Bình", "+1d", "sent"),
        ("Phường Bình Minh", "+1d", "sent"),
    ]
    assert ReminderDispatch.objects.filter(overdue=True).count() == 2


def test_every_reminder_once_when_the_dispatcher_runs_all_day_every_day(clock, owed):
    day = MINUS_7W - datetime.timedelta(days=2)
    while day <= DAY_AFTER + datetime.timedelta(days=3):
        for hour, minute in ((0, 0), (7, 45), (8, 0), (8, 15), (12, 0), (17, 30)):
            run(clock, day, hour, minute)
        day += datetime.timedelta(days=1)
    assert sorted(
        ReminderDispatch.objects.filter(unit=owed.target_a.unit).values_list("send_on", "offset")
    ) == [(MINUS_7W, "-7w"), (MINUS_3W, "-3w"), (MINUS_1D, "-1d"), (DUE, "0"), (DAY_AFTER, "+1d")]
    assert len(mail.outbox) == 10


def test_second_run_sends_nothing(clock, owed):
    run(clock, MINUS_7W)
    result = run(clock, MINUS_7W, hour=15)
    assert (result.reminders, result.handed_over) == (0, 0)
    assert len(mail.outbox) == 2


def test_unit_made_responsible_after_a_reminders_time_gets_the_next_one(clock, owed, tree):
    clock.set(MINUS_7W, hour=10)
    late = DeadlineUnit.objects.create(deadline=owed.deadline, unit=tree.group_a)
    assert late.added_at == clock.now
    dispatch()
    assert ("Tổ dân phố số 1", "-7w", "sent") not in reminders()
    run(clock, MINUS_3W)
    assert ("Tổ dân phố số 1", "-3w", "sent") in reminders()


def test_unit_that_is_done_is_not_reminded(clock, owed, officer_a):
    target_mark_done(target=owed.target_a, actor=officer_a, note="Đã gửi qua văn thư")
    run(clock, MINUS_7W)
    run(clock, DAY_AFTER)
    assert reminders() == [
        ("Phường Bình Minh", "+1d", "sent"),
        ("Phường Bình Minh", "-7w", "sent"),
    ]


def test_reminder_two_days_late_is_still_sent(clock, owed):
    run(clock, D(2026, 3, 5))
    assert {offset for _unit, offset, _status in reminders()} == {"-7w"}


def test_reminder_whose_day_passed_more_than_two_days_ago_is_not_sent(clock, owed):
    assert run(clock, D(2026, 3, 6)).reminders == 0
    assert not mail.outbox


def test_muted_officer_gets_no_reminder_before_but_gets_the_overdue_one(clock, owed, officer_a):
    preference_update(user=officer_a, language="vi", mute_reminders=True)
    run(clock, MINUS_7W)
    assert reminders() == [
        ("Phường An Bình", "-7w", "skipped"),
        ("Phường Bình Minh", "-7w", "sent"),
    ]
    assert recipients() == ["canbo_b@phuong.example.com"]
    mail.outbox.clear()
    run(clock, DAY_AFTER)
    assert recipients() == ["canbo_a@phuong.example.com", "canbo_b@phuong.example.com"]


def test_unit_whose_officers_have_no_address_fails_and_is_listed_unreachable(
    clock, owed, officer_b, tree, settings
):
    officer_b.email = ""
    officer_b.save()
    run(clock, MINUS_7W)
    failed = ReminderDispatch.objects.get(unit=tree.ward_b)
    assert (failed.status, failed.attempts) == ("failed", 1)
    assert failed.last_error.startswith("Unreachable: ")
    assert recipients() == ["canbo_a@phuong.example.com"]
    assert officer_b.notifications.count() == 1  # he still sees it under the bell
    assert unreachable_units(councils=[tree.council], today=MINUS_7W) == [
        (tree.ward_b, [owed.deadline])
    ]


def test_unit_without_any_officer_up_the_tree_fails_with_its_reason(clock, owed, tree):
    owed.target_b.delete()
    lone = DeadlineUnit.objects.create(deadline=owed.deadline, unit=tree.district)
    DeadlineUnit.objects.filter(pk=lone.pk).update(added_at=clock.now - datetime.timedelta(30))
    run(clock, MINUS_7W)
    failed = ReminderDispatch.objects.get(unit=tree.district)
    assert failed.status == "failed"
    assert "TĐKT" in failed.last_error
    assert [unit for unit, _d in unreachable_units(councils=[tree.council], today=DUE)] == [
        tree.district
    ]


def test_unit_without_an_officer_is_reminded_through_the_officer_above(clock, owed, tree):
    owed.target_b.delete()
    group = DeadlineUnit.objects.create(deadline=owed.deadline, unit=tree.group_a)
    DeadlineUnit.objects.filter(pk=group.pk).update(added_at=clock.now - datetime.timedelta(30))
    run(clock, MINUS_7W)
    assert reminders() == [
        ("Phường An Bình", "-7w", "sent"),
        ("Tổ dân phố số 1", "-7w", "sent"),
    ]
    assert recipients() == ["canbo_a@phuong.example.com", "canbo_a@phuong.example.com"]
    assert "Tổ dân phố số 1" in mail.outbox[1].body
    assert unreachable_units(councils=[tree.council], today=DUE) == []


def test_deadlines_own_offsets_replace_the_default(clock, owed):
    owed.deadline.offsets = "-2d, +2d"
    owed.deadline.save()
    assert run(clock, MINUS_7W).reminders == 0
    run(clock, D(2026, 3, 10))
    assert {offset for _unit, offset, _status in reminders()} == {"-2d"}


def test_bare_offsets_count_in_calendar_days_when_the_deadline_says_so(clock, owed):
    owed.deadline.offsets, owed.deadline.counting = "-4", Deadline.Counting.CALENDAR
    owed.deadline.save()
    # 4 calendar days before Thu 12/03 is Sunday 08/03: the reminder goes on Friday 06/03.
    run(clock, D(2026, 3, 6))
    assert {offset for _unit, offset, _status in reminders()} == {"-4d"}


def test_plans_offsets_apply_to_its_deadlines_without_their_own(clock, owed, tree):
    plan = Plan.objects.create(
        issuing_unit=tree.district,
        year=2026,
        title="Kế hoạch năm 2026",
        reminder_offsets="-5w",
    )
    owed.deadline.plan = plan
    owed.deadline.save()
    assert run(clock, MINUS_7W).reminders == 0
    run(clock, D(2026, 3, 5))
    assert {offset for _unit, offset, _status in reminders()} == {"-5w"}


def test_extension_moves_a_units_reminders(clock, owed):
    owed.target_b.due_date = D(2026, 3, 19)
    owed.target_b.save()
    run(clock, DAY_AFTER)
    assert reminders() == [("Phường An Bình", "+1d", "sent")]
    run(clock, D(2026, 3, 18))
    assert ("Phường Bình Minh", "-1d", "sent") in reminders()


# --- overdue digest ------------------------------------------------------------------------


def test_overdue_digest_once_a_day_lists_the_overdue_units(clock, owed, secretariat, tree):
    result = run(clock, DAY_AFTER)
    digest = OverdueDigest.objects.get()
    assert (result.digests, digest.council, digest.day) == (1, tree.council, DAY_AFTER)
    assert (digest.status, digest.items, digest.recipients) == ("sent", 2, "thuongtruc@example.com")
    (message,) = [m for m in mail.outbox if m.to == ["thuongtruc@example.com"]]
    assert "Phường An Bình" in message.body
    assert "Phường Bình Minh" in message.body
    assert owed.deadline.title in message.body
    assert run(clock, DAY_AFTER, hour=16).digests == 0
    assert OverdueDigest.objects.count() == 1


def test_overdue_digest_leaves_out_units_that_are_done(clock, owed, secretariat, officer_b):
    target_mark_done(target=owed.target_b, actor=officer_b)
    run(clock, DAY_AFTER)
    (message,) = [m for m in mail.outbox if m.to == ["thuongtruc@example.com"]]
    assert "Phường An Bình" in message.body
    assert "Phường Bình Minh" not in message.body
    assert OverdueDigest.objects.get().items == 1


def test_no_digest_before_the_due_date_passes(clock, owed, secretariat):
    assert run(clock, DUE, hour=17).digests == 0


def test_no_digest_on_sunday_and_monday_only_from_eight(clock, owed, secretariat):
    assert run(clock, D(2026, 3, 15), hour=10).digests == 0
    assert run(clock, D(2026, 3, 16), hour=7).digests == 0
    assert run(clock, D(2026, 3, 16), hour=8).digests == 1
    assert list(OverdueDigest.objects.values_list("day", flat=True)) == [D(2026, 3, 16)]


def test_digest_every_working_day_while_units_are_overdue(clock, owed, secretariat):
    for day in (DAY_AFTER, D(2026, 3, 14), D(2026, 3, 16), D(2026, 3, 17)):
        run(clock, day)
    assert sorted(OverdueDigest.objects.values_list("day", flat=True)) == [
        DAY_AFTER,
        D(2026, 3, 16),
        D(2026, 3, 17),
    ]


def test_no_digest_for_a_deadline_overdue_more_than_thirty_days(clock, owed, secretariat):
    assert run(clock, DUE + datetime.timedelta(days=33)).digests == 0
