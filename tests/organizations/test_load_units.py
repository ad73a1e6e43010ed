import datetime

import pytest

from organizations.models import Unit
from organizations.services import load_administrative_units

pytestmark = pytest.mark.django_db

ADMINISTRATIVE_COMMUNE_KINDS = [Unit.Kind.COMMUNE, Unit.Kind.WARD, Unit.Kind.SPECIAL_ZONE]


def test_load_units_creates_34_provinces_and_3321_communes():
    load_administrative_units()

    assert Unit.objects.filter(kind=Unit.Kind.PROVINCE, dissolved_on__isnull=True).count() == 34
    current = Unit.objects.filter(kind__in=ADMINISTRATIVE_COMMUNE_KINDS, code__regex=r"^\d{5}$")
    assert current.count() == 3321
    assert current.filter(parent__kind=Unit.Kind.PROVINCE).count() == 3321
    hoan_kiem = Unit.objects.get(code="00070")
    assert (hoan_kiem.name, hoan_kiem.kind, hoan_kiem.parent.name) == (
        "Phường Hoàn Kiếm",
        Unit.Kind.WARD,
        "Thành phố Hà Nội",
    )
    assert hoan_kiem.established_on == datetime.date(2025, 7, 1)


def test_load_units_twice_changes_nothing():
    load_administrative_units()
    snapshot = list(Unit.objects.order_by("pk").values_list("pk", "name", "kind", "parent_id"))

    second = load_administrative_units()

    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == len(snapshot)
    assert list(Unit.objects.order_by("pk").values_list("pk", "name", "kind", "parent_id")) == (
        snapshot
    )


def test_load_units_repairs_a_renamed_unit():
    load_administrative_units()
    Unit.objects.filter(code="00070").update(name="Tên sai")

    result = load_administrative_units()

    assert result.updated == 1
    assert Unit.objects.get(code="00070").name == "Phường Hoàn Kiếm"


def test_load_units_keeps_sample_plan_issuers_as_historical_units():
    load_administrative_units()

    son_tay = Unit.objects.get(name="Thị xã Sơn Tây")
    phu_lam = Unit.objects.get(name="Phường Phú Lãm")
    dong_lien = Unit.objects.get(name="Xã Đồng Liên")
    assert son_tay.parent.code == "01"
    assert son_tay.kind == Unit.Kind.DISTRICT
    assert phu_lam.parent.name == "Quận Hà Đông"
    assert dong_lien.parent.name == "Thành phố Thái Nguyên"
    assert dong_lien.parent.parent.code == "19"
    for unit in (son_tay, phu_lam, dong_lien):
        assert unit.dissolved_on == datetime.date(2025, 7, 1)
        assert unit.is_active_on(datetime.date(2022, 1, 15))
        assert not unit.is_active_on(datetime.date(2025, 7, 1))
