"""What units and the secretariat do with deadlines: mark one done (with a proof), reopen it,
add an obligation of the council's own, set when reminders go out."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from common.models import StateChange
from common.uploads import check_upload
from plans.models import Plan
from reminders.models import Deadline, DeadlineUnit, ReminderDispatch
from reminders.selectors import owing
from reminders.services.deadlines import (
    deadline_create,
    deadline_set_offsets,
    plan_set_offsets,
    target_mark_done,
    target_reopen,
)
from reminders.services.dispatch import dispatch
from reminders.sources import deadlines_sync
from tests.uploads import pdf_bytes, uploaded

pytestmark = pytest.mark.django_db
D = datetime.date


def change_of(obj) -> StateChange:
    return StateChange.objects.filter(object_id=obj.pk).latest("pk")


def checked_pdf(name: str = "Báo cáo tổng kết.pdf"):
    file = uploaded(name, pdf_bytes())
    file.checked = check_upload(file)
    return file


# --- marking done --------------------------------------------------------------------------


def test_officer_marks_his_units_obligation_done_with_a_note_and_a_proof(owed, officer_a):
    target = target_mark_done(
        target=owed.target_a,
        actor=officer_a,
        note="  Đã gửi bản giấy ngày 10/03  ",
        file=checked_pdf(),
    )
    target.refresh_from_db()
    assert (target.done_by, target.done_note) == (officer_a, "Đã gửi bản giấy ngày 10/03")
    assert target.done_at is not None
    (proof,) = target.proofs.all()
    assert (proof.original_name, proof.content_type, proof.uploaded_by) == (
        "Báo cáo tổng kết.pdf",
        "application/pdf",
        officer_a,
    )
    change = change_of(target)
    assert (change.field, change.from_state, change.to_state, change.actor) == (
        "done",
        "owing",
        "done",
        officer_a,
    )
    assert list(owing(owed.deadline.targets.all())) == [owed.target_b]


def test_officer_of_the_unit_above_may_mark_it_done(owed, officer_a, tree):
    group = DeadlineUnit.objects.create(deadline=owed.deadline, unit=tree.group_a)
    target_mark_done(target=group, actor=officer_a)
    group.refresh_from_db()
    assert group.done_by == officer_a


def test_another_units_officer_or_the_secretariat_may_not_mark_it_done(
    owed, officer_b, secretariat
):
    for user in (officer_b, secretariat):
        with pytest.raises(PermissionDenied):
            target_mark_done(target=owed.target_a, actor=user)
    owed.target_a.refresh_from_db()
    assert owed.target_a.done_at is None


@pytest.mark.parametrize("kind", [Deadline.Kind.REGISTRATION, Deadline.Kind.CLUSTER_DOCUMENT])
def test_obligation_done_by_sending_something_cannot_be_marked(tree, window, officer_a, kind):
    deadlines_sync()
    target = DeadlineUnit.objects.filter(deadline__kind=kind, unit=tree.ward_a).first()
    with pytest.raises(ValidationError) as refused:
        target_mark_done(target=target, actor=officer_a, note="Đã xong")
    assert refused.value.code == "not_marked"


def test_unit_without_a_dossier_must_say_why(world, award_catalog):
    deadlines_sync()
    target = DeadlineUnit.objects.get(deadline__round=world.round, unit=world.tree.ward_a)
    with pytest.raises(ValidationError) as refused:
        target_mark_done(target=target, actor=world.officer_a, note="   ")
    assert refused.value.code == "reason_required"
    target_mark_done(target=target, actor=world.officer_a, note="Không có cá nhân đủ tiêu chuẩn")
    target.refresh_from_db()
    assert target.done_note == "Không có cá nhân đủ tiêu chuẩn"


# --- reopening -----------------------------------------------------------------------------


def test_secretariat_reopens_a_marking_and_the_reminders_start_again(
    owed, officer_a, secretariat, clock
):
    clock.set(D(2026, 3, 2))
    target_mark_done(target=owed.target_a, actor=officer_a, note="Đã gửi")
    clock.set(D(2026, 3, 3))
    dispatch()
    assert not ReminderDispatch.objects.filter(unit=owed.target_a.unit).exists()
    target_reopen(target=owed.target_a, actor=secretariat, reason="Chưa nhận được báo cáo")
    owed.target_a.refresh_from_db()
    assert (owed.target_a.done_at, owed.target_a.done_by) == (None, None)
    change = change_of(owed.target_a)
    assert (change.from_state, change.to_state, change.reason) == (
        "done",
        "owing",
        "Chưa nhận được báo cáo",
    )
    clock.set(D(2026, 3, 9))
    dispatch()
    assert list(
        ReminderDispatch.objects.filter(unit=owed.target_a.unit).values_list("offset", flat=True)
    ) == ["-3w"]


def test_stranger_may_not_reopen(owed, officer_a, officer_b):
    target_mark_done(target=owed.target_a, actor=officer_a)
    with pytest.raises(PermissionDenied):
        target_reopen(target=owed.target_a, actor=officer_b, reason="Sai")


# --- the council's own obligations ---------------------------------------------------------


def test_secretariat_adds_an_obligation_for_units_under_its_council(tree, secretariat):
    deadline = deadline_create(
        council=tree.council,
        title="  Gửi báo cáo sơ kết 6 tháng  ",
        due_date=D(2026, 6, 15),
        units=[tree.ward_a, tree.group_a],
        actor=secretariat,
        offsets="-5w, +1d",
    )
    assert (deadline.kind, deadline.title, deadline.offsets, deadline.created_by) == (
        "other",
        "Gửi báo cáo sơ kết 6 tháng",
        "-5w, +1d",
        secretariat,
    )
    assert set(deadline.targets.values_list("unit__name", flat=True)) == {
        "Phường An Bình",
        "Tổ dân phố số 1",
    }
    assert change_of(deadline).to_state == "created"


def test_obligation_for_a_unit_of_another_council_is_refused(tree, secretariat):
    with pytest.raises(ValidationError) as refused:
        deadline_create(
            council=tree.council,
            title="Báo cáo",
            due_date=D(2026, 6, 15),
            units=[tree.ward_a, tree.other_ward],
            actor=secretariat,
        )
    assert refused.value.code == "other_council"
    assert not Deadline.objects.exists()


def test_only_the_secretariat_adds_obligations(tree, officer_a):
    with pytest.raises(PermissionDenied):
        deadline_create(
            council=tree.council,
            title="Báo cáo",
            due_date=D(2026, 6, 15),
            units=[tree.ward_a],
            actor=officer_a,
        )


def test_obligation_with_unreadable_offsets_is_refused(tree, secretariat):
    with pytest.raises(ValidationError):
        deadline_create(
            council=tree.council,
            title="Báo cáo",
            due_date=D(2026, 6, 15),
            units=[tree.ward_a],
            actor=secretariat,
            offsets="-1 tuần",
        )
    assert not Deadline.objects.exists()


# --- reminder times ------------------------------------------------------------------------


def test_secretariat_sets_a_deadlines_reminder_times(owed, secretariat):
    deadline_set_offsets(
        deadline=owed.deadline, offsets=" -10w, 0 ", counting="calendar", actor=secretariat
    )
    owed.deadline.refresh_from_db()
    assert (owed.deadline.offsets, owed.deadline.counting) == ("-10w, 0", "calendar")
    change = change_of(owed.deadline)
    assert (change.field, change.from_state, change.to_state) == (
        "reminders",
        " (working)",
        "-10w, 0 (calendar)",
    )


def test_reminder_times_refused_for_officers_and_unreadable_text(owed, secretariat, officer_a):
    with pytest.raises(PermissionDenied):
        deadline_set_offsets(
            deadline=owed.deadline, offsets="0", counting="working", actor=officer_a
        )
    with pytest.raises(ValidationError):
        deadline_set_offsets(
            deadline=owed.deadline, offsets="ngày mai", counting="working", actor=secretariat
        )
    owed.deadline.refresh_from_db()
    assert owed.deadline.offsets == ""


def test_secretariat_sets_the_plans_reminder_times(tree, secretariat, officer_a):
    plan = Plan.objects.create(issuing_unit=tree.district, year=2026, title="Kế hoạch năm 2026")
    with pytest.raises(PermissionDenied):
        plan_set_offsets(plan=plan, offsets="-5w", actor=officer_a)
    plan_set_offsets(plan=plan, offsets="-5w, +2d", actor=secretariat)
    plan.refresh_from_db()
    assert plan.reminder_offsets == "-5w, +2d"
    assert change_of(plan).to_state == "-5w, +2d"


def test_plan_without_a_council_cannot_get_reminder_times(tree, secretariat):
    plan = Plan.objects.create(issuing_unit=tree.ward_a, year=2026, title="Kế hoạch của phường")
    with pytest.raises(PermissionDenied):
        plan_set_offsets(plan=plan, offsets="-5w", actor=secretariat)
