"""Loading Vietnam's units (``load_administrative_units``) records each unit it creates or
changes, by the system, and nothing when run again."""

import pytest

from common.audit import UNITS_LOAD
from common.models import AuditEntry
from organizations.models import Unit
from organizations.services import load_administrative_units
from tests.audit.conftest import entries_of

pytestmark = pytest.mark.django_db


def test_loading_units_records_each_unit_created_then_only_what_a_reload_repairs():
    result = load_administrative_units()

    entries = entries_of(Unit)
    assert len(entries) == result.created == Unit.objects.count()
    assert {(e.action, e.actor, e.source) for e in entries} == {
        (AuditEntry.Action.CREATE, None, UNITS_LOAD)
    }
    assert {e.object_id for e in entries} == set(Unit.objects.values_list("pk", flat=True))

    Unit.objects.filter(code="00070").update(name="Tên sai")
    load_administrative_units()

    [repair] = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE)
    assert repair.object_id == Unit.objects.get(code="00070").pk
    assert repair.changes == {
        "before": {"name": "Tên sai"},
        "after": {"name": "Phường Hoàn Kiếm"},
    }
    assert AuditEntry.objects.count() == len(entries) + 1
