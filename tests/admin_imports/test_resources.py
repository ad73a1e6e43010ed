"""The admin resources through their API: every export reads back unchanged, in CSV and XLSX,
and with the headers of either language; exports need no query per row."""

from types import SimpleNamespace

import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from organizations.models import Council, Membership, Unit
from tests.admin_imports.cases import CASES, UNKNOWN_UNIT, exported, with_row
from tests.admin_imports.conftest import world_build
from tests.factories import MembershipFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_imports_back_unchanged(world, case, fmt):
    dataset = exported(case.resource)
    assert len(dataset) >= 1

    result = case.resource().import_data(
        tablib.Dataset().load(dataset.export(fmt), format=fmt), dry_run=True
    )

    assert not result.has_errors(), [e.error for _n, errors in result.row_errors() for e in errors]
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    assert result.totals["skip"] == len(dataset) == case.model.objects.count()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_english_headers_import_like_vietnamese_ones(world, case):
    with translation.override("en"):
        dataset = exported(case.resource)

    with translation.override("vi"):
        result = case.resource().import_data(dataset, dry_run=True)

    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert result.totals["skip"] == len(dataset)


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_headers_are_unique_and_named_in_the_language(world, case, language):
    with translation.override(language):
        headers = exported(case.resource).headers

    assert len(set(headers)) == len(headers)
    if language == "vi":
        assert {"Đơn vị", "Năm", "Tên", "Trạng thái"} & set(headers) or "ID" in headers


@pytest.mark.parametrize("case", CASES, ids=str)
def test_unknown_unit_is_an_error_of_its_row(world, case):
    dataset = with_row(exported(case.resource), case.resource, {case.bad_field: UNKNOWN_UNIT})
    before = case.model.objects.count()

    result = case.resource().import_data(dataset, dry_run=False)

    assert result.has_validation_errors()
    [row] = result.invalid_rows
    assert UNKNOWN_UNIT in str(row.error_dict)
    assert case.model.objects.count() == before


def _second_world() -> None:
    """Every kind of row again, under a second council."""
    district = UnitFactory(name="Thị xã Thứ Hai", kind=Unit.Kind.DISTRICT)
    ward_a = UnitFactory(name="Phường Hai A", parent=district, code="98001")
    tree = SimpleNamespace(
        district=district,
        council=Council.objects.create(unit=district, name="Hội đồng TĐKT thị xã Thứ Hai"),
        ward_a=ward_a,
        group_a=UnitFactory(name="Tổ dân phố Hai", kind=Unit.Kind.RESIDENTIAL_GROUP, parent=ward_a),
        ward_b=UnitFactory(name="Phường Hai B", parent=district, code="98002"),
    )
    actor = MembershipFactory(unit=district, role=Membership.Role.SECRETARIAT).user
    world_build(tree, actor)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_export_queries_do_not_grow_with_rows(world, case):
    def measured() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as context:
            dataset = exported(case.resource)
        return len(context), len(dataset)

    small_queries, small_rows = measured()
    _second_world()
    large_queries, large_rows = measured()

    assert large_rows > small_rows
    assert large_queries == small_queries
