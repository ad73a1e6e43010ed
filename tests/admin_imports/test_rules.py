"""What an import may not do, and how it names related rows."""

import datetime

import pytest
from django.utils import translation

from campaigns.models import Campaign
from campaigns.resources import CampaignResource, ClusterResource, ClusterResultResource
from common.models import StateChange
from dossiers.models import Dossier, Nomination
from dossiers.resources import DossierResource, NominationResource
from organizations.models import Unit
from organizations.resources import CouncilResource
from plans.models import Plan
from plans.resources import PlanResource, ScheduleTaskResource
from registrations.models import Registration
from registrations.resources import (
    ClusterListResource,
    RegistrationEntryResource,
    RegistrationResource,
)
from reminders.models import Deadline
from reminders.resources import DeadlineResource
from tests.admin_imports.cases import exported, with_row
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def _imported(resource_class, changes: dict, *, row: int = 0, dry_run: bool = False, user=None):
    dataset = exported(resource_class)
    if row:
        dataset = dataset.subset(rows=[row])
    result = resource_class().import_data(
        with_row(dataset, resource_class, changes), dry_run=dry_run, user=user, file_name="x.csv"
    )
    return result


def _errors(result) -> str:
    return " ".join(str(r.error_dict) for r in result.invalid_rows)


@pytest.mark.parametrize(
    ("resource", "field", "value"),
    [
        (DossierResource, "status", "decided"),
        (DossierResource, "version", "3"),
        (DossierResource, "submitted_at", "01/03/2025 08:00"),
        (RegistrationResource, "status", "accepted"),
        (RegistrationResource, "extended_until", "31/12/2025"),
        (ClusterListResource, "status", "submitted"),
        (CampaignResource, "status", "ended"),
        (PlanResource, "status", "issued"),
        (ClusterResource, "scoring_status", "closed"),
        (ClusterResultResource, "rank", "7"),
        (NominationResource, "appraisal", "eligible"),
        (RegistrationEntryResource, "review_note", "Bổ sung minh chứng"),
    ],
)
def test_import_never_writes_workflow_state(world, resource, field, value):
    model = resource._meta.model
    before = list(model.objects.order_by("pk").values())

    result = _imported(resource, {field: value})

    assert result.has_validation_errors()
    assert resource().fields[field].column_name in _errors(result)
    assert list(model.objects.order_by("pk").values()) == before


def test_a_workflow_cell_left_empty_is_not_a_change(world):
    result = _imported(DossierResource, {"status": "", "version": "", "assignee": ""})

    assert not result.has_validation_errors()
    assert result.totals["skip"] == 1


def test_a_registration_line_does_not_change_once_submitted(world):
    Registration.objects.filter(pk=world.registration.pk).update(status="submitted")

    result = _imported(RegistrationEntryResource, {"initiative_name": "Sáng kiến thêm"}, row=1)

    assert result.has_validation_errors()
    assert not world.registration.entries.filter(initiative_name="Sáng kiến thêm").exists()


def test_a_changed_registration_line_marks_the_registration_changed(world):
    before = Registration.objects.get(pk=world.registration.pk).updated_at

    result = _imported(RegistrationEntryResource, {"initiative_name": "Sáng kiến thêm"}, row=1)

    assert result.totals["update"] == 1
    assert Registration.objects.get(pk=world.registration.pk).updated_at > before


def test_a_nomination_of_a_submitted_dossier_does_not_change(world):
    Dossier.objects.filter(pk=world.dossier.pk).update(status=Dossier.Status.SUBMITTED)

    result = _imported(NominationResource, {"summary": "Đã sửa"})

    assert result.has_validation_errors()
    assert Nomination.objects.get(pk=world.nomination.pk).summary == "Hoàn thành tốt nhiệm vụ"


def test_a_row_id_of_another_dossier_is_refused(world):
    other_round_dossier = Dossier.objects.create(round=world.round, unit=world.tree.ward_b)

    result = _imported(NominationResource, {"dossier": "99002", "summary": "Chuyển"})

    assert result.has_validation_errors()
    assert "99002" not in str(Nomination.objects.get(pk=world.nomination.pk).dossier_id)
    assert not other_round_dossier.nominations.exists()


def test_a_campaign_added_by_import_is_a_recorded_draft(world):
    admin = UserFactory(username="quantri")

    result = _imported(
        CampaignResource,
        {"name": "Phong trào mới", "status": "", "launched_at": "", "kind": "Thường xuyên"},
        user=admin,
    )

    assert result.totals["new"] == 1
    campaign = Campaign.objects.get(name="Phong trào mới")
    assert (campaign.status, campaign.kind) == (Campaign.Status.DRAFT, Campaign.Kind.REGULAR)
    assert set(campaign.participants.all()) == {world.tree.ward_a, world.tree.ward_b}
    change = StateChange.objects.get(object_id=campaign.pk, to_state="draft")
    assert change.actor == admin


def test_a_launched_campaign_does_not_change(world):
    result = _imported(CampaignResource, {"starts_on": "01/02/2025"}, row=1)

    assert result.has_validation_errors()
    assert Campaign.objects.get(pk=world.campaign.pk).starts_on is None


def test_an_issued_plan_and_its_tasks_do_not_change(world):
    Plan.objects.filter(pk=world.plan.pk).update(status=Plan.Status.ISSUED)

    plan = _imported(PlanResource, {"title": "Tên khác"})
    task = _imported(ScheduleTaskResource, {"content": "Nội dung khác"})

    assert plan.has_validation_errors()
    assert task.has_validation_errors()
    assert Plan.objects.get(pk=world.plan.pk).title.startswith("Kế hoạch công tác")


def test_an_issued_plan_takes_a_new_reminder_setting_recorded(world):
    Plan.objects.filter(pk=world.plan.pk).update(status=Plan.Status.ISSUED)

    result = _imported(PlanResource, {"reminder_offsets": "-5w, 0"})

    assert result.totals["update"] == 1
    change = StateChange.objects.get(object_id=world.plan.pk, field="reminders")
    assert (change.from_state, change.to_state) == ("", "-5w, 0")


def test_a_schedule_task_keeps_its_deadline_in_step(world):
    _imported(ScheduleTaskResource, {"due_date": "14/03/2025"})

    task = world.plan.schedule_tasks.get()
    assert task.deadlines.get().due_date == datetime.date(2025, 3, 14)
    assert set(task.executing_units.all()) == {world.tree.ward_a, world.tree.ward_b}


def test_a_deadline_keeps_its_units(world):
    result = _imported(DeadlineResource, {"units": "99002"})

    assert result.has_validation_errors()
    assert list(world.deadline.units.all()) == [world.tree.ward_a]


def test_a_deadline_adds_units_under_its_council_only(world):
    added = _imported(DeadlineResource, {"units": "99001; 99002"})
    outside = _imported(DeadlineResource, {"units": "99001; 92"})

    assert added.totals["update"] == 1
    assert set(world.deadline.units.all()) == {world.tree.ward_a, world.tree.ward_b}
    assert outside.has_validation_errors()


def test_a_deadline_read_from_its_source_only_takes_a_reminder_setting(world):
    synced = Deadline.objects.create(
        kind=Deadline.Kind.ROUND, round=world.round, council=world.tree.council,
        title="Nộp hồ sơ đợt 1", due_date=datetime.date(2025, 3, 31),
    )  # fmt: skip
    row = list(exported(DeadlineResource).dict).index(
        next(r for r in exported(DeadlineResource).dict if r["ID"] == str(synced.pk))
    )

    retitled = _imported(DeadlineResource, {"title": "Tên khác"}, row=row)
    reminded = _imported(DeadlineResource, {"offsets": "-3w, 0"}, row=row)

    assert retitled.has_validation_errors()
    assert reminded.totals["update"] == 1
    synced.refresh_from_db()
    assert (synced.title, synced.offsets) == ("Nộp hồ sơ đợt 1", "-3w, 0")


def test_a_unit_name_shared_by_two_units_is_written_with_its_number(world):
    twin = UnitFactory(name=world.tree.district.name, kind=Unit.Kind.DISTRICT)

    dataset = exported(CouncilResource)
    written = dataset.dict[0][CouncilResource().fields["unit"].column_name]
    bare = _imported(CouncilResource, {"unit": world.tree.district.name})

    assert written == f"{world.tree.district.name} [#{world.tree.district.pk}]"
    assert CouncilResource().import_data(dataset, dry_run=True).totals["skip"] == 1
    assert bare.has_validation_errors()
    assert f"[#{twin.pk}]" not in _errors(bare)


def test_units_are_found_without_accents(world):
    result = _imported(CouncilResource, {"unit": "thi xa thu"})

    assert result.totals["skip"] == 1


def test_error_messages_follow_the_language(world):
    with translation.override("en"):
        english = _errors(_imported(CouncilResource, {"unit": "Nowhere"}))

    assert "No unit “Nowhere”." in english
