"""The demo's deadlines around today: what ``canbo`` sees and is reminded of, the secretariat's
digest, idempotence, and the ``send_reminders`` command."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from common.models import StateChange
from reminders.demo import DEMO_DEADLINES, load_demo_reminders, reference_day
from reminders.models import Deadline, DeadlineUnit, OverdueDigest, ReminderDispatch
from reminders.selectors import upcoming_for_user
from reminders.services.dispatch import dispatch
from tests.reminders.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    """The demo's reference day: today, or the last working day when today is a day off."""
    return reference_day(timezone.localdate())


@pytest.fixture
def demo(demo_world, day):
    return load_demo_reminders(now=at(day, 7))


def user(username: str):
    return get_user_model().objects.get(username=username)


def test_demo_gives_canbo_upcoming_deadlines_labelled_as_demo_data(demo, day):
    rows = upcoming_for_user(user=user("canbo"), today=day)
    demo_rows = [row for row in rows if row.deadline.kind == Deadline.Kind.OTHER]
    assert {row.unit.name for row in demo_rows} == {"Phường Xuân Khanh"}
    assert len(demo_rows) == 3
    assert all(row.deadline.title.endswith("(minh họa)") for row in demo_rows)
    assert [row.light.state for row in demo_rows] == ["overdue", "soon", "later"]
    # The real ones: cluster no. 1's registration and its leader's documents, extended.
    assert {row.deadline.kind for row in rows if row not in demo_rows} == {
        Deadline.Kind.REGISTRATION,
        Deadline.Kind.CLUSTER_DOCUMENT,
    }
    assert len(demo.deadlines) == len(DEMO_DEADLINES)
    assert {d.created_by.username for d in demo.deadlines} == {"thuongtruc"}


def test_demo_marks_a_few_units_done_by_their_officers(demo):
    done = DeadlineUnit.objects.filter(deadline__in=demo.deadlines, done_at__isnull=False)
    assert sorted(done.values_list("unit__name", "done_by__username")) == [
        ("Phường Trung Hưng", "canbo_trunghung"),
        ("Phường Trung Sơn Trầm", "canbo_trungsontram"),
        ("Phường Viên Sơn", "canbo_vienson"),
        ("Trường THCS Phú Lãm", "canbo_phulam"),
    ]
    notes = done.values_list("done_note", flat=True)
    assert all(note.startswith("Dữ liệu minh họa") for note in notes)


def test_demo_lists_the_units_reminders_cannot_reach(demo):
    names = [unit.name for unit, _deadlines in demo.unreachable]
    assert "Phường Xuân Khanh" not in names
    assert "Trường THCS Phú Lãm" not in names  # through canbo_phulam, the ward's officer
    assert "Phường Lê Lợi" in names
    assert "Xã Đồng Liên" in names
    assert len(names) == 12  # 11 of Sơn Tây's 15 wards and communes, and Đồng Liên


def test_dispatch_today_reminds_canbo_and_writes_the_digest(demo, day):
    result = dispatch(now=at(day, 9))
    sent = ReminderDispatch.objects.filter(unit__name="Phường Xuân Khanh")
    assert sorted(sent.values_list("offset", "status")) == [
        ("+1d", "sent"),
        ("-1d", "sent"),
        ("-7w", "sent"),
    ]
    assert len([m for m in mail.outbox if m.to == ["canbo@example.com"]]) == 3
    phu_lam = ReminderDispatch.objects.filter(deadline__council__unit__name="Phường Phú Lãm")
    assert set(phu_lam.values_list("offset", "status")) == {("-3w", "sent")}
    assert phu_lam.count() == 5  # the school that marked it done is not reminded
    digest = OverdueDigest.objects.get()
    assert (digest.council.unit.name, digest.day, digest.status) == ("Thị xã Sơn Tây", day, "sent")
    assert digest.items == 14  # every ward and commune but Trung Hưng, which is done
    unreachable = ReminderDispatch.objects.filter(status="failed")
    assert unreachable.filter(unit__name="Phường Lê Lợi").exists()
    assert result.reminders == ReminderDispatch.objects.count()


def test_second_load_creates_nothing(demo, day):
    counts = (Deadline.objects.count(), DeadlineUnit.objects.count(), StateChange.objects.count())
    again = load_demo_reminders(now=at(day, 8))
    assert [d.pk for d in again.deadlines] == [d.pk for d in demo.deadlines]
    assert (
        Deadline.objects.count(),
        DeadlineUnit.objects.count(),
        StateChange.objects.count(),
    ) == counts


# --- manage.py send_reminders --------------------------------------------------------------


def test_send_reminders_command_runs_the_dispatcher_and_prints_counts(demo, day):
    out = io.StringIO()
    call_command("send_reminders", "--now", f"{day:%d/%m/%Y} 09:00", stdout=out)
    text = out.getvalue()
    written = ReminderDispatch.objects.count()
    assert f"Bộ nhắc hạn chạy lúc {day:%d/%m/%Y} 09:00: {written} thư nhắc hạn mới, 1 thư " in text
    sent = ReminderDispatch.objects.filter(status="sent").count()
    assert f"Thư nhắc hạn của lần chạy này: {sent} đã gửi" in text
    assert "Thư tổng hợp của lần chạy này: 1 đã gửi." in text
    out = io.StringIO()
    call_command("send_reminders", "--now", f"{day:%d/%m/%Y} 09:15", stdout=out)
    assert "0 thư nhắc hạn mới, 0 thư tổng hợp quá hạn mới" in out.getvalue()


def test_send_reminders_command_refuses_a_moment_it_cannot_read(db):
    with pytest.raises(CommandError) as refused:
        call_command("send_reminders", "--now", "2026-03-05 9h")
    assert "không đúng dạng ngày/tháng/năm giờ:phút" in str(refused.value)
