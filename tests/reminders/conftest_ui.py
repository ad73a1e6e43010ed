"""Fixtures and builders of the deadline pages' tests (the shared ones are in conftest.py).

A test file imports the fixtures it uses by their function names (``stranger_fixture``); pytest
knows them by their ``name`` (``stranger``), so a test's argument does not redefine the import.
"""

import datetime

import pytest
from django.utils import timezone

from notifications.models import Delivery
from organizations.models import Membership
from reminders.models import Deadline, DeadlineUnit, ReminderDispatch
from tests.factories import MembershipFactory, UnitFactory, UserFactory


@pytest.fixture(name="stranger")
def stranger_fixture(tree):
    """A unit officer of a ward in another province."""
    return MembershipFactory(
        user=UserFactory(username="canbo_xa"),
        unit=tree.other_ward,
        role=Membership.Role.UNIT_OFFICER,
    ).user


@pytest.fixture(name="administrator")
def administrator_fixture(tree):
    """An administrator of the province (not a superuser)."""
    return MembershipFactory(
        user=UserFactory(username="quantri"), unit=tree.province, role=Membership.Role.ADMIN
    ).user


@pytest.fixture(name="superuser")
def superuser_fixture(db):
    return UserFactory(username="sieuquantri", is_superuser=True, is_staff=True)


def deadline_for(tree, *, title: str, due: datetime.date, units=(), kind=Deadline.Kind.OTHER):
    """A deadline of the district council due on ``due`` owed by ``units``."""
    deadline = Deadline.objects.create(kind=kind, council=tree.council, title=title, due_date=due)
    for unit in units:
        DeadlineUnit.objects.create(deadline=deadline, unit=unit)
    return deadline


def many_deadlines(tree, count: int, *, today: datetime.date | None = None) -> list[Deadline]:
    """``count`` deadlines of the district council, one a day from ``today``, each owed by
    wards A and B, the first of each pair marked done, with a reminder sent to ward A."""
    today = today or timezone.localdate()
    deadlines = []
    for number in range(count):
        deadline = deadline_for(
            tree,
            title=f"Báo cáo số {number}",
            due=today + datetime.timedelta(days=number),
            units=(tree.ward_a, tree.ward_b),
        )
        DeadlineUnit.objects.filter(deadline=deadline, unit=tree.ward_a).update(
            done_at=timezone.now(), done_note="Đã gửi"
        )
        ReminderDispatch.objects.create(
            deadline=deadline,
            unit=tree.ward_b,
            offset="-3w",
            send_on=today,
            status=Delivery.Status.SENT,
            recipients="canbo_b@phuong.example.com",
        )
        deadlines.append(deadline)
    return deadlines


def wards_under(tree, count: int) -> list:
    """``count`` more wards under the district."""
    return [UnitFactory(name=f"Phường Mới {n}", parent=tree.district) for n in range(count)]
