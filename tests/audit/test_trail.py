"""The audit trail itself (common/audit.py): what an entry records of a created, changed or
deleted row, and that entries are written in bulk, in the write's transaction."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from common.audit import AuditTrail, snapshot
from common.models import AuditEntry
from organizations.models import Person, Unit
from tests.audit.conftest import entries_of, entry_inserts, inserts_needed
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_created_row_is_recorded_with_its_values_but_not_derived_or_automatic_fields(tree):
    user = UserFactory(username="nguoi_nhap")
    trail = AuditTrail(actor=user, source="test:source", reference="danh-sach.xlsx")
    person = PersonFactory(full_name="Lê Thị Hoa", birth_year=1990, unit=tree.ward_a)

    trail.created([person])
    trail.save()

    [entry] = entries_of(Person)
    assert (entry.object_id, entry.action, entry.actor, entry.source, entry.reference) == (
        person.pk,
        AuditEntry.Action.CREATE,
        user,
        "test:source",
        "danh-sach.xlsx",
    )
    assert entry.changes == {
        "after": {
            "full_name": "Lê Thị Hoa",
            "gender": Person.Gender.MALE,
            "birth_year": 1990,
            "position": "",
            "unit": tree.ward_a.pk,
        }
    }


def test_a_changed_row_records_only_the_changed_fields_before_and_after(tree):
    unit = tree.ward_b
    before = snapshot(unit)
    unit.name = "Phường Bình Minh Mới"
    unit.established_on = datetime.date(2025, 7, 1)
    unit.save()
    trail = AuditTrail(actor=None, source="test:source")

    assert trail.updated(unit, before=before)
    trail.save()

    [entry] = entries_of(Unit)
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.actor is None
    assert entry.changes == {
        "before": {"name": "Phường Bình Minh", "established_on": None},
        "after": {"name": "Phường Bình Minh Mới", "established_on": "2025-07-01"},
    }


def test_an_unchanged_row_records_nothing(tree):
    trail = AuditTrail(actor=None, source="test:source")

    assert not trail.updated(tree.ward_a, before=snapshot(tree.ward_a))

    assert trail.save() == []
    assert not AuditEntry.objects.exists()


def test_a_deleted_row_keeps_its_last_values_and_number(tree):
    person = PersonFactory(full_name="Phan Văn Xoá", unit=tree.ward_a)
    number = person.pk
    trail = AuditTrail(actor=AnonymousUser(), source="test:source")

    trail.deleted([person])
    person.delete()
    trail.save()

    [entry] = entries_of(Person)
    assert (entry.object_id, entry.action, entry.actor) == (
        number,
        AuditEntry.Action.DELETE,
        None,
    )
    assert entry.changes["before"]["full_name"] == "Phan Văn Xoá"


def test_a_row_without_primary_key_cannot_be_recorded(tree):
    trail = AuditTrail(actor=None, source="test:source")

    with pytest.raises(ValueError, match="no primary key"):
        trail.created([Person(full_name="Chưa Lưu", unit=tree.ward_a)])


def test_entries_of_a_rolled_back_write_are_rolled_back_with_it(tree):
    def write_then_fail() -> None:
        with transaction.atomic():
            trail = AuditTrail(actor=None, source="test:source")
            trail.created(Person.objects.bulk_create([Person(full_name="A", unit=tree.ward_a)]))
            trail.save()
            raise RuntimeError("the write fails after its entries")

    with pytest.raises(RuntimeError):
        write_then_fail()

    assert not AuditEntry.objects.exists()
    assert not Person.objects.filter(full_name="A").exists()


@pytest.mark.parametrize("rows", [10, 1000])
def test_saving_entries_costs_one_insert_per_batch(tree, rows):
    people = Person.objects.bulk_create(
        Person(full_name=f"Người {i}", unit=tree.ward_a) for i in range(rows)
    )
    trail = AuditTrail(actor=None, source="test:source")
    trail.created(people)

    with CaptureQueriesContext(connection) as captured:
        trail.save()

    assert len(captured.captured_queries) == entry_inserts(captured) == inserts_needed(rows)
    assert AuditEntry.objects.count() == rows
    assert inserts_needed(10) == 1
