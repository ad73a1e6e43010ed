"""Fixtures and helpers for the audit tests: the entries of a kind of record, the queries that
insert entries, and the number of inserts a batch of entries needs on this database."""

import math

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from common.audit import BATCH
from common.models import AuditEntry
from tests.admin_imports.conftest import world  # noqa: F401 - a fixture the admin tests use
from tests.campaigns.conftest import clusters  # noqa: F401 - a fixture ``window`` needs
from tests.registrations.conftest import window  # noqa: F401 - the registration tests' window


@pytest.fixture(autouse=True)
def _catalog(award_catalog) -> None:
    """Every audit test runs with the national award catalog (tests/conftest.py)."""


def entries_of(model) -> list[AuditEntry]:
    """The audit entries of ``model``'s records, oldest first."""
    return list(
        AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
        .select_related("actor")
        .order_by("pk")
    )


def entry_inserts(captured) -> int:
    """How many of the ``captured`` queries inserted audit entries."""
    table = AuditEntry._meta.db_table
    return sum(
        1 for q in captured.captured_queries if q["sql"].startswith(f'INSERT INTO "{table}"')
    )


def inserts_needed(rows: int) -> int:
    """The INSERTs ``rows`` entries need: one per ``BATCH``, or per the smaller batch a
    database allows (SQLite binds at most 999 parameters a query)."""
    fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    allowed = connection.ops.bulk_batch_size(fields, [None] * rows) or rows
    return math.ceil(rows / min(BATCH, allowed))
