"""Where deadlines come from: ``deadlines_sync`` reads the issued plans' schedule tasks, the
launched campaigns' registration windows, the review rounds and the cluster documents, and
``owing`` says which responsible units have not done what is due."""

import datetime

import pytest

from awards.models import EmulationTitle
from campaigns.models import Campaign, ClusterDocument
from campaigns.services.clusters import cluster_document_add
from common.uploads import check_upload
from dossiers.services.appraisal import dossier_return
from dossiers.services.rounds import round_save
from dossiers.services.workflow import SUBMIT, TAKE, WITHDRAW, dossier_transition
from plans.models import Plan, ScheduleTask
from registrations.models import RegistrationWindow
from registrations.services.cluster_lists import cluster_list_of
from registrations.services.registrations import registration_return, registration_submit
from registrations.services.windows import extension_grant
from reminders.models import Deadline, DeadlineUnit
from reminders.selectors import owing
from reminders.services.deadlines import target_mark_done
from reminders.sources import deadlines_sync
from tests.dossiers.conftest import advance, make_dossier
from tests.factories import UnitFactory
from tests.registrations.conftest import BEFORE, registration_with_lines
from tests.uploads import pdf_bytes, uploaded

pytestmark = pytest.mark.django_db
D = datetime.date
Kind = Deadline.Kind


def units_of(deadline: Deadline) -> set[str]:
    return set(deadline.targets.values_list("unit__name", flat=True))


def owing_units(deadline: Deadline) -> set[str]:
    return set(owing(deadline.targets.all()).values_list("unit__name", flat=True))


@pytest.fixture
def plan(tree):
    """An issued plan of the district with a dated task for wards A and B and a task of the
    second quarter for ward A."""
    plan = Plan.objects.create(
        issuing_unit=tree.district,
        year=2026,
        number="12/KH-UBND",
        title="Kế hoạch công tác thi đua, khen thưởng năm 2026",
        status=Plan.Status.ISSUED,
    )
    dated = ScheduleTask.objects.create(
        plan=plan,
        order=1,
        content="Đăng ký thi đua năm 2026 gửi về Thường trực Hội đồng",
        due_date=D(2026, 2, 27),
    )
    dated.executing_units.set([tree.ward_a, tree.ward_b])
    quarterly = ScheduleTask.objects.create(
        plan=plan, order=2, content="Sơ kết 6 tháng đầu năm", quarter=2
    )
    quarterly.executing_units.set([tree.ward_a])
    return plan


def test_sync_makes_one_deadline_per_task_of_an_issued_plan(tree, plan):
    result = deadlines_sync()
    dated, quarterly = Deadline.objects.filter(kind=Kind.SCHEDULE_TASK).order_by("due_date")
    assert (dated.title, dated.due_date, dated.plan, dated.council) == (
        "Đăng ký thi đua năm 2026 gửi về Thường trực Hội đồng",
        D(2026, 2, 27),
        plan,
        tree.council,
    )
    assert units_of(dated) == {"Phường An Bình", "Phường Bình Minh"}
    assert (quarterly.due_date, units_of(quarterly)) == (D(2026, 6, 30), {"Phường An Bình"})
    assert (result.created, result.units_added) == (2, 3)


def test_sync_ignores_the_tasks_of_a_draft_plan(tree, plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    deadlines_sync()
    assert not Deadline.objects.exists()


def test_sync_twice_changes_nothing(plan):
    deadlines_sync()
    deadline = Deadline.objects.get(schedule_task__order=1)
    targets = set(DeadlineUnit.objects.values_list("pk", "added_at"))
    result = deadlines_sync()
    assert vars(result) == {"created": 0, "changed": 0, "units_added": 0, "units_removed": 0}
    assert Deadline.objects.get(schedule_task__order=1).pk == deadline.pk
    assert set(DeadlineUnit.objects.values_list("pk", "added_at")) == targets


def test_sync_follows_a_changed_task_date_and_executing_units(tree, plan):
    deadlines_sync()
    task = plan.schedule_tasks.get(order=1)
    task.due_date = D(2026, 3, 6)
    task.save()
    task.executing_units.set([tree.ward_a])
    result = deadlines_sync()
    deadline = Deadline.objects.get(schedule_task=task)
    assert (deadline.due_date, units_of(deadline)) == (D(2026, 3, 6), {"Phường An Bình"})
    assert (result.changed, result.units_removed) == (1, 1)


def test_sync_keeps_a_units_marking_done(tree, plan, officer_a):
    deadlines_sync()
    target = DeadlineUnit.objects.get(deadline__schedule_task__order=1, unit=tree.ward_a)
    target_mark_done(target=target, actor=officer_a, note="Đã gửi bản đăng ký")
    deadlines_sync()
    deadline = Deadline.objects.get(schedule_task__order=1)
    assert owing_units(deadline) == {"Phường Bình Minh"}


def test_marked_schedule_task_is_done_for_that_unit_only(tree, plan, officer_a):
    deadlines_sync()
    deadline = Deadline.objects.get(schedule_task__order=1)
    assert owing_units(deadline) == {"Phường An Bình", "Phường Bình Minh"}
    target_mark_done(target=deadline.targets.get(unit=tree.ward_a), actor=officer_a)
    assert owing_units(deadline) == {"Phường Bình Minh"}


# --- registration windows ------------------------------------------------------------------


def test_sync_makes_the_window_deadline_owed_by_the_participants(tree, window):
    deadlines_sync()
    deadline = Deadline.objects.get(kind=Kind.REGISTRATION)
    assert (deadline.due_date, deadline.council, deadline.registration_window) == (
        D(2020, 2, 28),
        tree.council,
        window.window,
    )
    assert "Thi đua thường xuyên năm 2020" in deadline.title
    assert units_of(deadline) == {u.name for u in [*window.clusters.members, window.outsider]} | {
        "Xã Kim Sơn"
    }


def test_sync_ignores_the_window_of_a_campaign_not_launched(window):
    Campaign.objects.filter(pk=window.campaign.pk).update(status=Campaign.Status.DRAFT)
    deadlines_sync()
    assert not Deadline.objects.filter(kind=Kind.REGISTRATION).exists()


def test_unit_extension_becomes_its_own_last_day(tree, window, award_catalog):
    registration = registration_with_lines(window, tree.ward_b)
    extension_grant(target=registration, until=D(2020, 3, 20), reason="Ngập lụt", actor=None)
    deadlines_sync()
    target = DeadlineUnit.objects.get(deadline__kind=Kind.REGISTRATION, unit=tree.ward_b)
    assert (target.due_date, target.last_day) == (D(2020, 3, 20), D(2020, 3, 20))
    other = DeadlineUnit.objects.get(deadline__kind=Kind.REGISTRATION, unit=tree.ward_a)
    assert (other.due_date, other.last_day) == (None, D(2020, 2, 28))


def test_unit_removed_from_participants_is_no_longer_responsible(tree, window):
    deadlines_sync()
    window.campaign.participants.remove(window.outsider)
    result = deadlines_sync()
    deadline = Deadline.objects.get(kind=Kind.REGISTRATION)
    assert window.outsider.name not in units_of(deadline)
    assert result.units_removed == 1


def test_submitted_registration_is_done_and_a_returned_one_owes_again(tree, window, award_catalog):
    deadlines_sync()
    deadline = Deadline.objects.get(kind=Kind.REGISTRATION)
    registration = registration_with_lines(window, tree.ward_b)
    assert "Phường Bình Minh" in owing_units(deadline)
    registration = registration_submit(registration=registration, actor=None, today=BEFORE)
    assert "Phường Bình Minh" not in owing_units(deadline)
    registration_return(registration=registration, actor=None, reason="Thiếu danh sách cá nhân")
    assert "Phường Bình Minh" in owing_units(deadline)


# --- cluster documents ---------------------------------------------------------------------


def test_sync_makes_one_deadline_per_cluster_document_for_the_leader(tree, window):
    deadlines_sync()
    cluster = window.clusters.cluster
    deadlines = Deadline.objects.filter(kind=Kind.CLUSTER_DOCUMENT, cluster=cluster)
    assert sorted(deadlines.values_list("document_kind", flat=True)) == sorted(
        ClusterDocument.Kind.values
    )
    for deadline in deadlines:
        assert (deadline.due_date, units_of(deadline)) == (D(2020, 2, 28), {"Phường An Bình"})
    assert Deadline.objects.filter(kind=Kind.CLUSTER_DOCUMENT).count() == 2 * len(
        ClusterDocument.Kind.values
    )


def test_cluster_list_extension_moves_the_leaders_last_day(tree, window):
    cluster_list = cluster_list_of(window=window.window, cluster=window.clusters.cluster)
    extension_grant(target=cluster_list, until=D(2020, 3, 31), reason="Chờ họp cụm", actor=None)
    deadlines_sync()
    target = DeadlineUnit.objects.get(
        deadline__cluster=window.clusters.cluster, deadline__document_kind="pledge"
    )
    assert target.last_day == D(2020, 3, 31)


def test_uploaded_cluster_document_is_done_for_that_document_only(tree, window, officer_a):
    deadlines_sync()
    cluster = window.clusters.cluster
    upload = uploaded("Giao ước.pdf", pdf_bytes())
    upload.checked = check_upload(upload)
    cluster_document_add(cluster=cluster, kind="pledge", uploaded_file=upload, actor=officer_a)
    pledge = Deadline.objects.get(cluster=cluster, document_kind="pledge")
    regulation = Deadline.objects.get(cluster=cluster, document_kind="regulation")
    assert owing_units(pledge) == set()
    assert owing_units(regulation) == {"Phường An Bình"}


def test_cluster_documents_follow_the_regular_campaigns_window(tree, window):
    thematic = Campaign.objects.create(
        council=tree.council,
        name="Thi đua chuyên đề chuyển đổi số năm 2020",
        kind=Campaign.Kind.THEMATIC,
        year=2020,
        status=Campaign.Status.LAUNCHED,
    )
    RegistrationWindow.objects.create(campaign=thematic, closes_on=D(2020, 9, 30))
    deadlines_sync()
    pledge = Deadline.objects.get(cluster=window.clusters.cluster, document_kind="pledge")
    assert pledge.due_date == D(2020, 2, 28)


def test_cluster_without_a_leader_any_more_reminds_nobody(tree, window):
    deadlines_sync()
    cluster = window.clusters.cluster
    cluster.leader = None
    cluster.save(update_fields=["leader"])
    deadlines_sync()
    assert not DeadlineUnit.objects.filter(deadline__cluster=cluster).exists()
    assert DeadlineUnit.objects.filter(deadline__cluster=window.clusters.other).count() == 5


# --- review rounds -------------------------------------------------------------------------


def make_round(council, secretariat, **fields):
    values = {
        "name": "Khen thưởng năm 2026 – đợt 1",
        "year": 2026,
        "opens_on": D(2026, 1, 5),
        "closes_on": D(2026, 3, 20),
        **fields,
    }
    return round_save(
        council=council,
        actor=secretariat,
        titles=EmulationTitle.objects.filter(code="advanced_worker"),
        **values,
    )


def test_round_is_owed_by_the_active_units_directly_under_the_council(
    tree, secretariat, award_catalog
):
    UnitFactory(name="Phường Đã Sáp Nhập", parent=tree.district, dissolved_on=D(2025, 7, 1))
    UnitFactory(name="Phường Giải Thể Sau", parent=tree.district, dissolved_on=D(2026, 6, 1))
    round_ = make_round(tree.council, secretariat)
    deadlines_sync()
    deadline = Deadline.objects.get(round=round_)
    assert (deadline.due_date, deadline.council) == (D(2026, 3, 20), tree.council)
    assert "Khen thưởng năm 2026 – đợt 1" in deadline.title
    assert units_of(deadline) == {"Phường An Bình", "Phường Bình Minh", "Phường Giải Thể Sau"}


def test_round_requiring_registration_is_owed_by_the_registered_units(
    tree, secretariat, window, award_catalog
):
    registration = registration_with_lines(window, tree.ward_b)
    registration_submit(registration=registration, actor=None, today=BEFORE)
    round_ = make_round(
        tree.council, secretariat, year=2020, opens_on=D(2020, 1, 1), requires_registration=True
    )
    deadlines_sync()
    assert units_of(Deadline.objects.get(round=round_)) == {"Phường Bình Minh"}


def test_moving_the_rounds_closing_day_moves_the_deadline(tree, secretariat, award_catalog):
    round_ = make_round(tree.council, secretariat)
    deadlines_sync()
    round_.closes_on = D(2026, 4, 3)
    round_.save()
    result = deadlines_sync()
    assert Deadline.objects.get(round=round_).due_date == D(2026, 4, 3)
    assert result.changed == 1


def test_submitted_or_withdrawn_dossier_is_done_a_returned_one_owes_again(world):
    deadlines_sync()
    deadline = Deadline.objects.get(round=world.round)
    dossier = make_dossier(world)
    assert "Phường An Bình" in owing_units(deadline)
    advance(world, dossier, "in_appraisal")
    assert "Phường An Bình" not in owing_units(deadline)
    dossier_return(dossier=dossier, reason="Thiếu biên bản", comments=[], actor=world.secretariat)
    assert "Phường An Bình" in owing_units(deadline)
    dossier_transition(dossier=dossier, action=SUBMIT, actor=world.officer_a)
    dossier_transition(dossier=dossier, action=TAKE, actor=world.secretariat)
    assert "Phường An Bình" not in owing_units(deadline)


def test_withdrawn_dossier_means_the_unit_owes_nothing(world):
    deadlines_sync()
    deadline = Deadline.objects.get(round=world.round)
    dossier = make_dossier(world)
    dossier_transition(dossier=dossier, action=WITHDRAW, actor=world.officer_a)
    assert owing_units(deadline) == {"Phường Bình Minh"}


def test_unit_without_a_dossier_may_say_so_and_is_done(world):
    deadlines_sync()
    target = DeadlineUnit.objects.get(deadline__round=world.round, unit=world.tree.ward_b)
    target_mark_done(
        target=target, actor=world.officer_b, note="Năm nay phường không có cá nhân đủ điều kiện"
    )
    assert owing_units(target.deadline) == {"Phường An Bình"}


def test_other_obligations_are_never_touched_by_the_sync(tree):
    deadline = Deadline.objects.create(
        kind=Kind.OTHER, council=tree.council, title="Báo cáo riêng", due_date=D(2026, 3, 12)
    )
    DeadlineUnit.objects.create(deadline=deadline, unit=tree.ward_a)
    deadlines_sync()
    assert units_of(deadline) == {"Phường An Bình"}
