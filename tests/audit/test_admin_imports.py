"""Imports in the admin (django-import-export): every row a confirmed import creates, changes
or deletes gets one audit entry; previews, skipped rows and refused imports get none; the
entries cost one INSERT per batch and nothing per row."""

import pytest
import tablib
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from import_export import resources
from import_export.admin import ImportMixin
from import_export.exceptions import ImportError as RowImportError

from awards.models import AwardForm
from common.audit import ADMIN_IMPORT
from common.models import AuditEntry
from dossiers.models import Round
from dossiers.resources import RoundResource
from organizations.admin import PersonResource, UnitResource
from organizations.models import Council, Person, Unit
from organizations.resources import CouncilResource
from organizations.resources.base import AuditedImport
from tests.admin_imports.cases import CASES, exported, with_row
from tests.audit.conftest import entries_of, entry_inserts, inserts_needed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
FILE = "nhap.xlsx"


def _admin_resources() -> list[tuple[str, type]]:
    return [
        (model._meta.label, resource_class)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ImportMixin)
        for resource_class in model_admin.resource_classes
    ]


@pytest.mark.parametrize(
    ("label", "resource_class"),
    [
        pytest.param(label, resource_class, id=resource_class.__name__)
        for label, resource_class in _admin_resources()
    ],
)
def test_every_admin_import_records_its_rows(label, resource_class):
    assert issubclass(resource_class, AuditedImport), label


@pytest.fixture
def importer(db):
    return UserFactory(username="quan_tri", is_staff=True, is_superuser=True)


def units_dataset(parent: Unit, count: int, tag: str = "") -> tablib.Dataset:
    headers = ["id", "name", "kind", "code", "parent", "established_on", "dissolved_on"]
    rows = [
        ["", f"Tổ nhập {tag}{i}", Unit.Kind.RESIDENTIAL_GROUP, "", parent.pk, "", ""]
        for i in range(count)
    ]
    return tablib.Dataset(*rows, headers=headers)


def test_an_admin_import_of_1000_new_units_gives_1000_entries(tree, importer):
    result = UnitResource().import_data(
        units_dataset(tree.ward_a, 1000), user=importer, file_name=FILE
    )

    assert not result.has_errors()
    assert not result.has_validation_errors()
    created = Unit.objects.filter(name__startswith="Tổ nhập ")
    entries = entries_of(Unit)
    assert len(entries) == created.count() == 1000
    assert sorted(e.object_id for e in entries) == sorted(created.values_list("pk", flat=True))
    assert {(e.action, e.actor, e.source, e.reference) for e in entries} == {
        (AuditEntry.Action.CREATE, importer, ADMIN_IMPORT, FILE)
    }
    unit = created.get(name="Tổ nhập 0")
    [entry] = [e for e in entries if e.object_id == unit.pk]
    assert entry.changes == {
        "after": {
            "name": "Tổ nhập 0",
            "kind": Unit.Kind.RESIDENTIAL_GROUP,
            "code": "",
            "parent": tree.ward_a.pk,
            "established_on": None,
            "dissolved_on": None,
        }
    }


def test_an_admin_import_of_1000_changed_people_records_only_what_changed(tree, importer):
    Person.objects.bulk_create(
        Person(full_name=f"Người {i}", birth_year=1980, unit=tree.ward_a) for i in range(1010)
    )
    dataset = PersonResource().export()
    position = dataset.headers.index("position")
    for index in range(1000):  # the last 10 rows stay as they are
        row = list(dataset[index])
        row[position] = "Chuyên viên"
        dataset[index] = row
    unchanged = {int(row[0]) for row in dataset[1000:]}

    PersonResource().import_data(dataset, user=importer, file_name=FILE)

    entries = entries_of(Person)
    assert len(entries) == 1000
    assert {e.action for e in entries} == {AuditEntry.Action.UPDATE}
    changes = {"before": {"position": ""}, "after": {"position": "Chuyên viên"}}
    assert [e.changes for e in entries] == [changes] * 1000
    assert len(unchanged) == 10
    assert not {e.object_id for e in entries} & unchanged


class PlainUnitResource(resources.ModelResource):
    """``UnitResource`` without the audit, to measure what the audit costs."""

    class Meta:
        model = Unit
        fields = UnitResource._meta.fields


@pytest.mark.parametrize("rows", [10, 300])
def test_the_audit_adds_one_insert_per_batch_and_no_query_per_row(tree, importer, rows):
    ContentType.objects.get_for_model(Unit)  # cached, as in a running server: order-independent
    counted = {}
    for resource_class, tag in ((PlainUnitResource, "a"), (UnitResource, "b")):
        with CaptureQueriesContext(connection) as captured:
            resource_class().import_data(
                units_dataset(tree.ward_a, rows, tag), user=importer, file_name=FILE
            )
        counted[resource_class] = (len(captured.captured_queries), entry_inserts(captured))

    assert counted[UnitResource][1] == inserts_needed(rows)
    assert counted[UnitResource][0] == counted[PlainUnitResource][0] + inserts_needed(rows)


def test_a_deleting_import_keeps_the_last_values_of_each_row(tree, importer):
    class DeletingUnitResource(UnitResource):
        def for_delete(self, row, instance):
            return row.get("delete") == "1"

    UnitResource().import_data(units_dataset(tree.ward_a, 3), user=importer, file_name=FILE)
    dataset = DeletingUnitResource().export(
        queryset=Unit.objects.filter(name__startswith="Tổ nhập ")
    )
    dataset.append_col(["1", "1", ""], header="delete")
    numbers = [int(row[0]) for row in dataset]

    DeletingUnitResource().import_data(dataset, user=importer, file_name="xoa.xlsx")

    deleted = [e for e in entries_of(Unit) if e.action == AuditEntry.Action.DELETE]
    assert sorted(e.object_id for e in deleted) == sorted(numbers[:2])
    assert {e.changes["before"]["name"] for e in deleted} == {"Tổ nhập 0", "Tổ nhập 1"}
    assert {e.reference for e in deleted} == {"xoa.xlsx"}
    assert not Unit.objects.filter(pk__in=numbers[:2]).exists()


def test_a_preview_records_nothing(tree, importer):
    UnitResource().import_data(units_dataset(tree.ward_a, 5), dry_run=True, user=importer)

    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("raise_errors", [True, False])
def test_a_refused_import_records_nothing(tree, importer, raise_errors):
    dataset = units_dataset(tree.ward_a, 5)
    dataset.append(["", "Tổ sai", Unit.Kind.RESIDENTIAL_GROUP, "", 999_999, "", ""])
    before = Unit.objects.count()

    if raise_errors:
        with pytest.raises(RowImportError):
            UnitResource().import_data(dataset, raise_errors=True, user=importer)
    else:
        assert UnitResource().import_data(dataset, user=importer).has_errors()

    assert Unit.objects.count() == before
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("case", [c for c in CASES if c.new_row is not None], ids=str)
def test_an_admin_resource_records_the_row_it_adds_and_not_the_rows_it_skips(world, importer, case):
    dataset = exported(case.resource)
    dataset.extend(list(with_row(dataset, case.resource, case.new_row)))
    before = set(case.model.objects.values_list("pk", flat=True))

    result = case.resource().import_data(dataset, user=importer, file_name=FILE)

    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert result.totals["skip"] == len(before)
    [new] = set(case.model.objects.values_list("pk", flat=True)) - before
    [entry] = [e for e in entries_of(case.model) if e.source == ADMIN_IMPORT]
    assert (entry.object_id, entry.action, entry.actor, entry.source, entry.reference) == (
        new,
        AuditEntry.Action.CREATE,
        importer,
        ADMIN_IMPORT,
        FILE,
    )


def test_a_changed_row_records_the_changed_field_only(world, importer):
    council = Council.objects.get()
    dataset = with_row(exported(CouncilResource), CouncilResource, {"name": "Hội đồng mới"})

    CouncilResource().import_data(dataset, user=importer, file_name=FILE)

    [entry] = entries_of(Council)
    assert (entry.object_id, entry.action) == (council.pk, AuditEntry.Action.UPDATE)
    assert entry.changes == {
        "before": {"name": council.name},
        "after": {"name": "Hội đồng mới"},
    }


def test_a_changed_list_column_records_the_ids_before_and_after(world, importer):
    round_ = Round.objects.get()
    [form] = round_.forms.all()
    added = AwardForm.objects.exclude(pk=form.pk).order_by("pk").first()
    cell = f"{form.code}; {added.code}"
    dataset = with_row(exported(RoundResource), RoundResource, {"forms": cell})

    result = RoundResource().import_data(dataset, user=importer, file_name=FILE)

    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    [entry] = [e for e in entries_of(Round) if e.source == ADMIN_IMPORT]
    assert entry.changes == {
        "before": {"forms": [form.pk]},
        "after": {"forms": sorted([form.pk, added.pk])},
    }
