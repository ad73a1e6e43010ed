"""Fixtures for campaigns and clusters: a cluster of four wards of the test district.

cluster (tree.council, 2020, number 1)
    leader: ward_a (officer_a is the cluster leader), deputy: ward_b
    members: ward_a, ward_b, ward_c, ward_d, each with an officer
    a second cluster (number 2) of other wards, led by ward_e
"""

from dataclasses import dataclass

import pytest

from campaigns.models import Cluster, ScoringCriterion
from organizations.models import Membership, Unit
from tests.factories import MembershipFactory, UnitFactory, UserFactory


@dataclass
class ClusterSetup:
    """The cluster, its members and the officers of each member (``officers[unit.pk]``)."""

    cluster: Cluster
    other: Cluster
    members: list[Unit]
    officers: dict[int, object]
    criteria: list[ScoringCriterion]

    def officer_of(self, unit: Unit):
        return self.officers[unit.pk]


def officer(unit: Unit, username: str):
    """A new user who is a unit officer of ``unit``."""
    return MembershipFactory(
        user=UserFactory(username=username), unit=unit, role=Membership.Role.UNIT_OFFICER
    ).user


@pytest.fixture
def clusters(tree, officer_a) -> ClusterSetup:
    ward_c = UnitFactory(name="Phường Cổ Đông", parent=tree.district)
    ward_d = UnitFactory(name="Xã Đường Lâm", kind=Unit.Kind.COMMUNE, parent=tree.district)
    ward_e = UnitFactory(name="Xã Kim Sơn", kind=Unit.Kind.COMMUNE, parent=tree.district)
    members = [tree.ward_a, tree.ward_b, ward_c, ward_d]
    cluster = Cluster.objects.create(
        council=tree.council,
        year=2020,
        number=1,
        name="Cụm thi đua số 1",
        leader=tree.ward_a,
        deputy=tree.ward_b,
    )
    cluster.members.set(members)
    other = Cluster.objects.create(
        council=tree.council, year=2020, number=2, name="Cụm thi đua số 2", leader=ward_e
    )
    other.members.set([ward_e])
    officers = {tree.ward_a.pk: officer_a}
    for index, unit in enumerate(members[1:], start=2):
        officers[unit.pk] = officer(unit, f"canbo_{index}")
    officers[ward_e.pk] = officer(ward_e, "canbo_kimson")
    criteria = ScoringCriterion.objects.bulk_create(
        [
            ScoringCriterion(cluster=cluster, order=1, name="Thực hiện nhiệm vụ", max_points=60),
            ScoringCriterion(cluster=cluster, order=2, name="Công tác thi đua", max_points=40),
            ScoringCriterion(
                cluster=cluster,
                order=3,
                name="Mô hình mới",
                kind=ScoringCriterion.Kind.BONUS,
                max_points=5,
            ),
            ScoringCriterion(
                cluster=cluster,
                order=4,
                name="Vi phạm",
                kind=ScoringCriterion.Kind.PENALTY,
                max_points=10,
            ),
        ]
    )
    return ClusterSetup(cluster, other, members, officers, criteria)
