"""Fixtures of the plan page tests: the town of Sơn Tây, its people and its 2020 plan."""

from pathlib import Path

import pytest

from organizations.models import Membership, Unit
from plans.models import Plan
from plans.parsing import parse_plan_text
from plans.services import plan_save
from tests.factories import MembershipFactory, UnitFactory, UserFactory

SAMPLES = Path(__file__).resolve().parents[2] / "plans" / "samples"


@pytest.fixture
def son_tay(db):
    """Thị xã Sơn Tây (in Hà Nội) with one of its wards and its Home Affairs office."""
    hanoi = UnitFactory(name="Thành phố Hà Nội", kind=Unit.Kind.PROVINCE, code="01")
    town = UnitFactory(name="Thị xã Sơn Tây", kind=Unit.Kind.DISTRICT, parent=hanoi)
    UnitFactory(name="Phường Xuân Khanh", parent=town)
    UnitFactory(name="Phòng Nội vụ thị xã Sơn Tây", kind=Unit.Kind.DEPARTMENT, parent=town)
    return town


@pytest.fixture
def secretariat_user(son_tay):
    user = UserFactory(username="thuongtruc")
    MembershipFactory(user=user, unit=son_tay, role=Membership.Role.SECRETARIAT)
    return user


@pytest.fixture
def ward_officer(son_tay):
    user = UserFactory(username="canbo")
    ward = Unit.objects.get(name="Phường Xuân Khanh")
    MembershipFactory(user=user, unit=ward, role=Membership.Role.UNIT_OFFICER)
    return user


@pytest.fixture
def son_tay_plan(son_tay) -> Plan:
    text = (SAMPLES / "son-tay-2020.txt").read_text(encoding="utf-8")
    return plan_save(
        data=parse_plan_text(text).to_json(), unit=son_tay, user=None, source_text=text
    ).plan
