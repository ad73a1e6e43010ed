"""One case per admin resource: the resource, its model and admin URL prefix, how the first
exported row becomes a new record, and a column that names a unit (or a person) for the
bad-row tests."""

from dataclasses import dataclass

import tablib

from awards.models import DisciplinaryRecord, Household, Initiative
from awards.resources import DisciplinaryRecordResource, HouseholdResource, InitiativeResource
from campaigns.models import Campaign, Cluster, ClusterResult
from campaigns.resources import CampaignResource, ClusterResource, ClusterResultResource
from dossiers.models import Dossier, Nomination, Round
from dossiers.resources import DossierResource, NominationResource, RoundResource
from organizations.models import Council, Membership
from organizations.resources import CouncilResource, MembershipResource
from plans.models import Plan, ScheduleTask
from plans.resources import PlanResource, ScheduleTaskResource
from registrations.models import ClusterList, Registration, RegistrationEntry, RegistrationWindow
from registrations.resources import (
    ClusterListResource,
    RegistrationEntryResource,
    RegistrationResource,
    RegistrationWindowResource,
)
from reminders.models import Deadline
from reminders.resources import DeadlineResource

UNKNOWN_UNIT = "Phường Không Có Thật"


@dataclass(frozen=True)
class Case:
    resource: type
    model: type
    # Field name → value turning the first exported row into a new record (None: refused).
    new_row: dict[str, str] | None
    # The field whose cell names a unit (a person for discipline) in the bad-row tests.
    bad_field: str = "unit"

    @property
    def admin(self) -> str:
        return f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}"

    def __str__(self) -> str:
        return self.model.__name__


CASES = [
    Case(CouncilResource, Council, {"unit": "99002", "name": "Hội đồng TĐKT phường Bình Minh"}),
    Case(MembershipResource, Membership, {"unit": "99001"}),
    Case(HouseholdResource, Household, {"id": "", "name": "Hộ bà Đỗ Thị Mới"}),
    Case(
        DisciplinaryRecordResource,
        DisciplinaryRecord,
        {"id": "", "kind": "investigation"},
        bad_field="person",
    ),
    Case(InitiativeResource, Initiative, {"id": "", "title": "Sáng kiến mới"}),
    Case(PlanResource, Plan, {"number": "02/KH-HĐTĐKT"}, bad_field="issuing_unit"),
    Case(ScheduleTaskResource, ScheduleTask, {"order": "2"}, bad_field="issuing_unit"),
    Case(
        CampaignResource,
        Campaign,
        {"name": "Phong trào mới", "status": "", "launched_at": ""},
        bad_field="lead_unit",
    ),
    Case(ClusterResource, Cluster, {"number": "3", "name": "Cụm thi đua số 3"}, bad_field="leader"),
    Case(ClusterResultResource, ClusterResult, None),
    Case(
        RegistrationWindowResource,
        RegistrationWindow,
        {"campaign": "Phong trào chưa mở đăng ký"},
        bad_field="council",
    ),
    Case(RegistrationResource, Registration, {"unit": "99002", "cluster": ""}),
    Case(ClusterListResource, ClusterList, {"cluster": "Cụm thi đua số 2"}, bad_field="council"),
    Case(
        RegistrationEntryResource,
        RegistrationEntry,
        {"id": "", "title": "", "form": "certificate_of_merit"},
        bad_field="collective",
    ),
    Case(RoundResource, Round, {"name": "Đợt 2 năm 2025"}, bad_field="council"),
    Case(DossierResource, Dossier, {"unit": "99002"}),
    Case(
        NominationResource,
        Nomination,
        {"id": "", "title": "", "form": "certificate_of_merit"},
        bad_field="dossier",
    ),
    Case(
        DeadlineResource,
        Deadline,
        {"id": "", "title": "Nộp báo cáo tổng kết năm"},
        bad_field="units",
    ),
]


def exported(resource_class) -> tablib.Dataset:
    """The export of every row, as the admin writes it."""
    return resource_class().export()


def with_row(dataset: tablib.Dataset, resource_class, changes: dict[str, str]) -> tablib.Dataset:
    """A dataset of the first row of ``dataset`` with ``changes`` (field name → cell)."""
    resource = resource_class()
    row = dict(dataset.dict[0])
    for name, value in changes.items():
        row[resource.fields[name].column_name] = value
    return tablib.Dataset(list(row.values()), headers=list(row.keys()))
