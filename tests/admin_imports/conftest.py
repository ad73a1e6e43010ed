"""A small world with one row of every model that has an admin resource, built through the
services where the app uses them.

tree.council (district) — plan 01/KH-HĐTĐKT (2025, one schedule task)
    campaign "Thi đua thường xuyên năm 2025" (launched, participants ward_a, ward_b) with its
        registration window; "Phong trào chưa mở đăng ký" (launched, no window yet)
    clusters 1 (ward_a leads, ward_b deputy) and 2 (no list yet); results of cluster 1
    ward_a's registration (a collective and an individual line) and cluster 1's list
    round "Đợt 1 năm 2025" (Advanced Worker, Certificate of Merit), ward_a's dossier with one
    nomination; a deadline of the council's own owed by ward_a
people: An (ward_a), Bình (ward_b); household of Lê Văn Hộ (group_a); a disciplinary record and
an initiative of An.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from awards.models import AwardForm, DisciplinaryRecord, EmulationTitle, Household, Initiative
from campaigns.models import Campaign, Cluster, ClusterResult
from campaigns.services.campaigns import campaign_create
from campaigns.services.clusters import cluster_create
from dossiers.models import Dossier, Nomination, Round
from dossiers.services.dossiers import dossier_start
from dossiers.services.rounds import round_save
from organizations.models import Person
from plans.models import Plan, ScheduleTask
from registrations.models import ClusterList, Registration, RegistrationWindow
from registrations.services.cluster_lists import cluster_list_of
from registrations.services.registrations import EntryInput, entries_replace, registration_start
from registrations.services.windows import window_open
from reminders.models import Deadline, DeadlineUnit

YEAR = 2025


@dataclass
class World:
    tree: object
    person_a: Person
    person_b: Person
    household: Household
    plan: Plan
    campaign: Campaign
    other_campaign: Campaign
    cluster: Cluster
    other_cluster: Cluster
    window: RegistrationWindow
    registration: Registration
    cluster_list: ClusterList
    round: Round
    dossier: Dossier
    nomination: Nomination
    deadline: Deadline


def _launched(campaign: Campaign) -> Campaign:
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.LAUNCHED)
    campaign.refresh_from_db()
    return campaign


def world_build(tree, actor) -> World:
    """Build the world (module docstring); ``actor`` is recorded as the user who acted."""
    title = EmulationTitle.objects.get(code="advanced_worker")
    collective_title = EmulationTitle.objects.get(code="advanced_collective")
    merit = AwardForm.objects.get(code="certificate_of_merit")
    person_a = Person.objects.create(full_name="Nguyễn Văn An", birth_year=1980, unit=tree.ward_a)
    person_b = Person.objects.create(full_name="Trần Thị Bình", birth_year=1990, unit=tree.ward_b)
    household = Household.objects.create(name="Lê Văn Hộ", unit=tree.group_a)
    DisciplinaryRecord.objects.create(
        person=person_b,
        kind="complaint",
        starts_on=datetime.date(2025, 3, 1),
        note="Đang giải quyết",
    )
    initiative = Initiative.objects.create(
        title="Số hoá hồ sơ thi đua", unit=tree.ward_a, level="grassroots", year=2024
    )
    initiative.authors.set([person_a])

    plan = Plan.objects.create(
        issuing_unit=tree.district,
        year=YEAR,
        number="01/KH-HĐTĐKT",
        title="Kế hoạch công tác thi đua, khen thưởng năm 2025",
        issue_date=datetime.date(2025, 1, 6),
        recipients=["Các phường"],
    )
    ScheduleTask.objects.create(
        plan=plan,
        order=1,
        quarter=1,
        content="Đăng ký thi đua năm 2025",
        executing="Phường An Bình, Phường Bình Minh",
        due_date=datetime.date(2025, 2, 28),
        due_text="Trước ngày 28/02/2025",
    )

    campaign = campaign_create(
        council=tree.council,
        actor=actor,
        participants=[tree.ward_a, tree.ward_b],
        name="Thi đua thường xuyên năm 2025",
        kind="regular",
        year=YEAR,
        plan=plan,
        criteria=[{"name": "Hoàn thành nhiệm vụ", "weight": 100}],
    )
    campaign = _launched(campaign)
    other_campaign = _launched(
        campaign_create(
            council=tree.council,
            actor=actor,
            participants=[tree.ward_a],
            name="Phong trào chưa mở đăng ký",
            kind="thematic",
            year=YEAR,
        )
    )
    cluster = cluster_create(
        council=tree.council,
        actor=actor,
        members=[tree.ward_a, tree.ward_b],
        year=YEAR,
        kind="cluster",
        number=1,
        name="Cụm thi đua số 1",
        leader=tree.ward_a,
        deputy=tree.ward_b,
    )
    other_cluster = cluster_create(
        council=tree.council,
        actor=actor,
        members=[tree.ward_b],
        year=YEAR,
        kind="cluster",
        number=2,
        name="Cụm thi đua số 2",
    )
    for rank, unit in enumerate((tree.ward_a, tree.ward_b), start=1):
        ClusterResult.objects.create(
            cluster=cluster,
            unit=unit,
            self_total=Decimal("95.5"),
            cross_total=Decimal("90"),
            total=Decimal(str(93 - rank)),
            rank=rank,
        )

    window = window_open(campaign=campaign, actor=actor, closes_on=datetime.date(2025, 2, 28))
    registration = registration_start(window=window, unit=tree.ward_a)
    entries_replace(
        registration=registration,
        rows=[
            EntryInput(kind="collective", collective=tree.ward_a, award=collective_title),
            EntryInput(kind="individual", person=person_a, award=title),
        ],
    )
    cluster_list = cluster_list_of(window=window, cluster=cluster)

    round_ = round_save(
        council=tree.council,
        actor=actor,
        titles=[title],
        forms=[merit],
        name="Đợt 1 năm 2025",
        year=YEAR,
        opens_on=datetime.date(2025, 1, 1),
        closes_on=datetime.date(2025, 3, 31),
    )
    dossier = dossier_start(round_=round_, unit=tree.ward_a, actor=actor)
    nomination = Nomination.objects.create(
        dossier=dossier, order=1, person=person_a, title=title, summary="Hoàn thành tốt nhiệm vụ"
    )
    deadline = Deadline.objects.create(
        kind=Deadline.Kind.OTHER,
        council=tree.council,
        title="Nộp báo cáo sơ kết 6 tháng",
        due_date=datetime.date(2025, 6, 15),
    )
    DeadlineUnit.objects.create(deadline=deadline, unit=tree.ward_a)
    return World(
        tree,
        person_a,
        person_b,
        household,
        plan,
        campaign,
        other_campaign,
        cluster,
        other_cluster,
        window,
        registration.__class__.objects.get(pk=registration.pk),
        cluster_list,
        round_,
        dossier,
        nomination,
        deadline,
    )


@pytest.fixture
def world(tree, secretariat, award_catalog) -> World:
    return world_build(tree, secretariat)
