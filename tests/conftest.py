"""Shared fixtures.

Services: tests that need Redis or PostgreSQL use ``require_service``. Locally a missing service
skips the test; with ``TDKT_REQUIRE_SERVICES=1`` (set by CI) it fails instead, so CI can never pass
by skipping.
"""

import os
from dataclasses import dataclass

import pytest

from organizations.models import Council, Membership, Unit
from tests.factories import MembershipFactory, UnitFactory, UserFactory

SERVICES_REQUIRED = os.environ.get("TDKT_REQUIRE_SERVICES") == "1"


def require_service(name: str, available: bool, why: str) -> None:
    """Skip (locally) or fail (under TDKT_REQUIRE_SERVICES=1) when a service is missing."""
    if available:
        return
    message = f"{name} is not available: {why}"
    if SERVICES_REQUIRED:
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class Tree:
    """A small unit tree: a province with a district council over two wards, and a stranger.

    province
    └── district (has ``council``)
        ├── ward_a ── group_a (residential group)
        └── ward_b
    other_province ── other_ward
    """

    province: Unit
    district: Unit
    council: Council
    ward_a: Unit
    group_a: Unit
    ward_b: Unit
    other_province: Unit
    other_ward: Unit


@pytest.fixture
def tree(db) -> Tree:
    province = UnitFactory(name="Thành phố Thử", kind=Unit.Kind.PROVINCE, code="91")
    district = UnitFactory(name="Thị xã Thử", kind=Unit.Kind.DISTRICT, parent=province)
    council = Council.objects.create(unit=district, name="Hội đồng Thi đua – Khen thưởng thị xã")
    ward_a = UnitFactory(name="Phường An Bình", parent=district, code="99001")
    group_a = UnitFactory(name="Tổ dân phố số 1", kind=Unit.Kind.RESIDENTIAL_GROUP, parent=ward_a)
    ward_b = UnitFactory(name="Phường Bình Minh", parent=district, code="99002")
    other_province = UnitFactory(name="Tỉnh Khác", kind=Unit.Kind.PROVINCE, code="92")
    other_ward = UnitFactory(name="Xã Xa Lạ", kind=Unit.Kind.COMMUNE, parent=other_province)
    return Tree(province, district, council, ward_a, group_a, ward_b, other_province, other_ward)


@pytest.fixture
def officer_a(tree):
    """A unit officer of ward A."""
    return MembershipFactory(
        user=UserFactory(username="canbo_a"), unit=tree.ward_a, role=Membership.Role.UNIT_OFFICER
    ).user


@pytest.fixture
def secretariat(tree):
    """A member of the district council's secretariat."""
    return MembershipFactory(
        user=UserFactory(username="thuongtruc"),
        unit=tree.district,
        role=Membership.Role.SECRETARIAT,
    ).user
