"""A council's year built by hand for the summary tests, with what lies outside its scope.

In the ``tree`` (tests/conftest.py), the district council's 2020:

- campaigns: the regular one (launched, window open, participants ward A, ward B and any
  extra wards), a thematic one launched for ward A only, a draft (not run); and a campaign of
  the other province's council;
- registrations: ward A accepted (its collective for Advanced Collective, Lan of ward A and
  Hùng of group A for Advanced Worker, Hoa of ward A for a Giấy khen), ward B a draft (one
  line, not counted); each extra ward submitted (one Advanced Worker line); in the other
  council, the stranger ward registered (never counted);
- grants for 2020: Lan Advanced Worker, ward A Advanced Collective, Hùng Advanced Worker but
  revoked, a household of ward B a Giấy khen, ward B a Giấy khen; the stranger an Advanced
  Worker (outside); for 2018 Lan Advanced Worker; each extra ward's person an Advanced Worker;
- dossiers of the council's 2020 round: ward A submitted (2 nominations), ward B draft (1);
  each extra ward appraised (1); a dossier of the other council (never counted);
- clusters: no. 1 (ward A leader, ward B; scoring closed: A 95.5 rank 1, B 90 rank 2, A
  elected), no. 2 (the extra wards, scoring open, each scored itself 50 + its order).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.utils import timezone

from awards.models import AwardDecision, AwardForm, AwardGrant, EmulationTitle, Household
from campaigns.models import (
    Acclamation,
    Campaign,
    Cluster,
    ClusterResult,
    Score,
    ScoreSheet,
    ScoringCriterion,
)
from dossiers.models import Dossier, Nomination, Round
from organizations.models import Council, Membership, Person, Unit
from registrations.models import Registration, RegistrationEntry, RegistrationWindow
from tests.factories import MembershipFactory, UnitFactory, UserFactory

YEAR = 2020


def award(code: str) -> EmulationTitle | AwardForm:
    """The catalog's title or form of ``code``."""
    return EmulationTitle.objects.filter(code=code).first() or AwardForm.objects.get(code=code)


def line(registration, recipient, code: str) -> RegistrationEntry:
    """A registration line for a collective (a Unit) or an individual (a Person)."""
    found = award(code)
    is_person = isinstance(recipient, Person)
    return RegistrationEntry.objects.create(
        registration=registration,
        kind="individual" if is_person else "collective",
        person=recipient if is_person else None,
        collective=None if is_person else recipient,
        title=found if isinstance(found, EmulationTitle) else None,
        form=found if isinstance(found, AwardForm) else None,
    )


def grant(recipient, code: str, *, year: int = YEAR, decision=None, revoked=False) -> AwardGrant:
    """A grant to a Person, a Unit (collective) or a Household."""
    found = award(code)
    return AwardGrant.objects.create(
        decision=decision,
        person=recipient if isinstance(recipient, Person) else None,
        unit=recipient if isinstance(recipient, Unit) else None,
        household=recipient if isinstance(recipient, Household) else None,
        title=found if isinstance(found, EmulationTitle) else None,
        form=found if isinstance(found, AwardForm) else None,
        year=year,
        revoked=revoked,
        revoked_on=datetime.date(2021, 6, 1) if revoked else None,
    )


def dossier(round_, unit, status: str, nominees: list) -> Dossier:
    found = Dossier.objects.create(round=round_, unit=unit, status=status)
    for person in nominees:
        Nomination.objects.create(
            dossier=found, person=person, title=award("emulation_fighter_grassroots")
        )
    return found


@dataclass
class World:
    """What ``world`` built (see the module docstring); ``grow(n)`` adds ``n`` extra wards."""

    tree: object
    council: Council
    other_council: Council
    campaign: Campaign
    window: RegistrationWindow
    round: Round
    decision: AwardDecision
    cluster: Cluster
    open_cluster: Cluster
    lan: Person
    hung: Person
    stranger: Person
    extra: list[Unit] = field(default_factory=list)

    def grow(self, count: int) -> list[Unit]:
        """Add ``count`` wards to the district: each takes part in the regular campaign,
        registers one line, is granted one award, sends an appraised dossier and scores itself
        in cluster no. 2."""
        criterion = self.open_cluster.criteria.get()
        added = []
        for _ in range(count):
            index = len(self.extra) + 1
            ward = UnitFactory(name=f"Phường Thêm {index:03d}", parent=self.tree.district)
            person = Person.objects.create(full_name=f"Người Thêm {index:03d}", unit=ward)
            self.campaign.participants.add(ward)
            registration = Registration.objects.create(
                window=self.window, unit=ward, status="submitted"
            )
            line(registration, person, "advanced_worker")
            grant(person, "advanced_worker", decision=self.decision)
            dossier(self.round, ward, "appraised", [person])
            self.open_cluster.members.add(ward)
            sheet = ScoreSheet.objects.create(
                cluster=self.open_cluster,
                assessor=ward,
                assessed=ward,
                submitted_at=timezone.now(),
            )
            Score.objects.create(sheet=sheet, criterion=criterion, points=Decimal(50 + index))
            self.extra.append(ward)
            added.append(ward)
        return added


@pytest.fixture
def world(tree, award_catalog) -> World:
    council = tree.council
    other_council = Council.objects.create(
        unit=tree.other_province, name="Hội đồng Thi đua – Khen thưởng tỉnh Khác"
    )
    now = timezone.now()
    regular = Campaign.objects.create(
        council=council,
        name="Thi đua thường xuyên năm 2020",
        kind="regular",
        year=YEAR,
        status="launched",
        launched_at=now,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2020, 12, 31),
    )
    regular.participants.set([tree.ward_a, tree.ward_b])
    thematic = Campaign.objects.create(
        council=council, name="Chung tay vì người nghèo", kind="thematic", year=YEAR,
        status="launched", launched_at=now,
    )  # fmt: skip
    thematic.participants.set([tree.ward_a])
    Campaign.objects.create(council=council, name="Bản nháp", kind="periodic", year=YEAR)
    foreign = Campaign.objects.create(
        council=other_council, name="Thi đua của tỉnh Khác", kind="regular", year=YEAR,
        status="launched", launched_at=now,
    )  # fmt: skip
    foreign.participants.set([tree.other_ward])

    window = RegistrationWindow.objects.create(
        campaign=regular, closes_on=datetime.date(2020, 2, 28)
    )
    foreign_window = RegistrationWindow.objects.create(
        campaign=foreign, closes_on=datetime.date(2020, 2, 28)
    )
    lan = Person.objects.create(full_name="Nguyễn Thị Lan", unit=tree.ward_a)
    hoa = Person.objects.create(full_name="Trần Thị Hoa", unit=tree.ward_a)
    hung = Person.objects.create(full_name="Lê Văn Hùng", unit=tree.group_a)
    binh = Person.objects.create(full_name="Phạm Văn Bình", unit=tree.ward_b)
    stranger = Person.objects.create(full_name="Người Xa Lạ", unit=tree.other_ward)
    accepted = Registration.objects.create(window=window, unit=tree.ward_a, status="accepted")
    line(accepted, tree.ward_a, "advanced_collective")
    line(accepted, lan, "advanced_worker")
    line(accepted, hung, "advanced_worker")
    line(accepted, hoa, "certificate_of_merit")
    draft = Registration.objects.create(window=window, unit=tree.ward_b, status="draft")
    line(draft, binh, "advanced_worker")
    elsewhere = Registration.objects.create(
        window=foreign_window, unit=tree.other_ward, status="accepted"
    )
    line(elsewhere, stranger, "advanced_worker")

    decision = AwardDecision.objects.create(
        number="58/QĐ-UBND", date=datetime.date(2021, 1, 15), authority="Chủ tịch UBND thị xã"
    )
    grant(lan, "advanced_worker", decision=decision)
    grant(tree.ward_a, "advanced_collective", decision=decision)
    grant(hung, "advanced_worker", decision=decision, revoked=True)
    household = Household.objects.create(name="Hộ ông Đỗ Văn Hộ", unit=tree.ward_b)
    grant(household, "certificate_of_merit", decision=decision)
    grant(tree.ward_b, "certificate_of_merit", decision=decision)
    grant(stranger, "advanced_worker", decision=decision)
    grant(lan, "advanced_worker", year=2018)

    round_ = Round.objects.create(
        council=council,
        name="Chiến sĩ thi đua cơ sở năm 2020",
        year=YEAR,
        opens_on=datetime.date(2020, 10, 1),
        closes_on=datetime.date(2020, 11, 30),
    )
    dossier(round_, tree.ward_a, "submitted", [lan, hoa])
    dossier(round_, tree.ward_b, "draft", [binh])
    foreign_round = Round.objects.create(
        council=other_council,
        name="Đợt của tỉnh Khác",
        year=YEAR,
        opens_on=datetime.date(2020, 10, 1),
        closes_on=datetime.date(2020, 11, 30),
    )
    dossier(foreign_round, tree.other_ward, "submitted", [stranger])

    cluster = Cluster.objects.create(
        council=council, year=YEAR, number=1, name="Cụm thi đua số 1", leader=tree.ward_a,
        scoring_status="closed", scoring_closed_at=now,
    )  # fmt: skip
    cluster.members.set([tree.ward_a, tree.ward_b])
    ClusterResult.objects.create(cluster=cluster, unit=tree.ward_a, total=Decimal("95.5"), rank=1)
    ClusterResult.objects.create(cluster=cluster, unit=tree.ward_b, total=Decimal(90), rank=2)
    Acclamation.objects.create(
        cluster=cluster, held_on=datetime.date(2020, 12, 1), winner=tree.ward_a
    )
    open_cluster = Cluster.objects.create(
        council=council, year=YEAR, number=2, name="Cụm thi đua số 2"
    )
    ScoringCriterion.objects.create(
        cluster=open_cluster, order=1, name="Nhiệm vụ", max_points=Decimal(100)
    )
    return World(
        tree=tree,
        council=council,
        other_council=other_council,
        campaign=regular,
        window=window,
        round=round_,
        decision=decision,
        cluster=cluster,
        open_cluster=open_cluster,
        lan=lan,
        hung=hung,
        stranger=stranger,
    )


@pytest.fixture
def member_b(tree):
    """A unit officer of ward B (a member of cluster no. 1, not its leader)."""
    return MembershipFactory(
        user=UserFactory(username="canbo_b"), unit=tree.ward_b, role=Membership.Role.UNIT_OFFICER
    ).user


@pytest.fixture
def council_member(tree):
    """A member of the district council (sees its area, may not read its summary)."""
    return MembershipFactory(
        user=UserFactory(username="hoidong"),
        unit=tree.district,
        role=Membership.Role.COUNCIL_MEMBER,
    ).user


@pytest.fixture
def stranger_secretariat(world):
    """The secretariat of the other province's council."""
    return MembershipFactory(
        user=UserFactory(username="thuongtruc_khac"),
        unit=world.tree.other_province,
        role=Membership.Role.SECRETARIAT,
    ).user
