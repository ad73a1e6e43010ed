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


def _catalog_load_when_missing() -> None:
    from awards.models import AwardRule
    from awards.services import catalog_load

    if not AwardRule.objects.exists():
        catalog_load()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (the annual summaries): a cached page
    of an earlier test's rolled-back data must not answer."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The national award catalog, committed once for the session when it is missing.

    The data migration loads it, but a transactional test (browser tests, real-worker tests)
    empties every table when it ends, and a reused test database then stays empty."""
    with django_db_blocker.unblock():
        _catalog_load_when_missing()


@pytest.fixture
def award_catalog(db) -> None:
    """The catalog inside a test, loaded again if a transactional test emptied it earlier in
    the same session (tests/awards and tests/registrations use it for every test)."""
    _catalog_load_when_missing()


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


@pytest.fixture
def demo_world(db, award_catalog):
    """What ``load_demo`` builds around Sơn Tây, without the 3,300 real communes: the historical
    issuers of the sample plans, the demo organisations and users, the plans, campaigns and
    clusters. Returns the demo accounts (username → password)."""
    return build_demo_world()


def build_demo_world() -> dict[str, str]:
    """``demo_world``'s world, built in the current transaction on the loaded award catalog
    (the fuzz tests' module-wide world, tests/security/fuzz_world.py, builds on it too).
    Returns the demo accounts (username → password)."""
    from campaigns.demo import load_demo_campaigns
    from dossiers.demo import load_demo_dossiers
    from organizations.demo import load_demo_organizations
    from organizations.models import TWO_TIER_REFORM_DATE
    from plans.demo import load_sample_plans
    from registrations.demo import load_demo_registrations

    hanoi = UnitFactory(name="Thành phố Hà Nội", kind=Unit.Kind.PROVINCE, code="01")
    thai_nguyen = UnitFactory(name="Thái Nguyên", kind=Unit.Kind.PROVINCE, code="19")
    gone = {"dissolved_on": TWO_TIER_REFORM_DATE}
    UnitFactory(name="Thị xã Sơn Tây", kind=Unit.Kind.DISTRICT, parent=hanoi, **gone)
    ha_dong = UnitFactory(name="Quận Hà Đông", kind=Unit.Kind.DISTRICT, parent=hanoi, **gone)
    UnitFactory(name="Phường Phú Lãm", parent=ha_dong, **gone)
    city = UnitFactory(
        name="Thành phố Thái Nguyên", kind=Unit.Kind.DISTRICT, parent=thai_nguyen, **gone
    )
    UnitFactory(name="Xã Đồng Liên", kind=Unit.Kind.COMMUNE, parent=city, **gone)
    accounts = load_demo_organizations()
    load_sample_plans()
    load_demo_campaigns()
    load_demo_registrations()
    load_demo_dossiers()
    return {account.username: account.password for account in accounts}


# Tests that use the real Redis (a Celery worker consuming its queue, a flushed database, the
# cache on Redis) or that time real workers are "serial": `make test` runs them alone, after the
# others have run in parallel (pytest-xdist).
SERIAL_TESTS = ("tests/reliability/", "tests/test_services.py")


@pytest.hookimpl(tryfirst=True)  # before -m deselects by this mark
def pytest_collection_modifyitems(config, items):
    for item in items:
        path = item.nodeid.split("::", 1)[0]
        if path.startswith(SERIAL_TESTS) or "on_redis" in item.name:
            item.add_marker(pytest.mark.serial)
